import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { foldersUp } from "./folders-up.js";
import type { AliasConfig } from "./path-aliases.js";
import { parseJsonc } from "./jsonc.js";

/** Deno's config files, the one it reads first where both exist first. */
export const DENO_CONFIGS = ["deno.json", "deno.jsonc"];

/** What a deno.json says of the project's own code: its package (a workspace member's `name`, `exports`), its members and its import map. */
export interface DenoConfig {
  name?: string;
  exports?: unknown;
  /** `workspace`'s member folders, project-relative. */
  members: string[];
  imports: Record<string, string>;
}

/** A deno.json or deno.jsonc's text (in `dir`, project-relative) read; undefined when it is not an object. */
export function readDenoConfig(dir: string, text: string): DenoConfig | undefined {
  let json: unknown;
  try {
    json = parseJsonc(text);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const { name, exports, workspace, imports } = json as Record<string, unknown>;
  const members = (Array.isArray(workspace) ? workspace : workspace && typeof workspace === "object" ? (workspace as { members?: unknown }).members : undefined) ?? [];
  return {
    ...(typeof name === "string" && name ? { name } : {}),
    ...(exports !== undefined ? { exports } : {}),
    members: Array.isArray(members) ? members.filter((m): m is string => typeof m === "string").map((m) => posix.normalize(posix.join(dir || ".", m))).filter((m) => m !== "." && !m.startsWith("../")) : [],
    imports: imports && typeof imports === "object" ? Object.fromEntries(Object.entries(imports).filter((e): e is [string, string] => typeof e[1] === "string")) : {},
  };
}

/**
 * The import map's entries that name the project's own files, as tsconfig `paths` are read: a key
 * ending in `/` maps every path under it (`"$util/": "./src/util/"`), another only itself. Entries
 * of `jsr:`, `npm:` or `https:` are packages of others. Undefined without one: a member's deno.json
 * that maps nothing leaves its workspace root's map to apply, as Deno does.
 */
export function denoAliases(dir: string, config: DenoConfig): AliasConfig | undefined {
  const paths: AliasConfig["paths"] = [];
  for (const [key, target] of Object.entries(config.imports)) {
    if (!/^\.{1,2}\//.test(target)) continue;
    const local = posix.normalize(posix.join(dir || ".", target));
    if (local.startsWith("../")) continue;
    const prefix = key.endsWith("/") && target.endsWith("/");
    paths.push({ prefix: key, suffix: "", wildcard: prefix, targets: [prefix ? `${local.replace(/\/$/, "")}/*` : local] });
  }
  if (paths.length === 0) return undefined;
  paths.sort((a, b) => b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  return { dir, paths };
}

/**
 * The import maps of a project's deno.json files (each in its folder, project-relative), a
 * workspace member's own entries first and then its workspace root's: Deno adds a member's
 * `imports` to the root's for that member's files, so `"@std/"` or `"$shared/"` the root maps
 * still resolve in a member that maps `"$db/"` of its own. Sorted by folder.
 */
export function workspaceAliases(configs: readonly { dir: string; config: DenoConfig }[]): AliasConfig[] {
  const own = new Map(configs.map(({ dir, config }) => [dir, denoAliases(dir, config)]));
  const found: AliasConfig[] = [];
  for (const { dir } of configs) {
    const mine = own.get(dir);
    const root = configs.find((c) => c.dir !== dir && c.config.members.some((m) => isMember(m, dir)));
    const inherited = root ? own.get(root.dir) : undefined;
    // Without entries of its own, a member leaves its root's map to apply as the nearest.
    if (mine && inherited) found.push({ dir, paths: [...mine.paths, ...inherited.paths.filter((p) => !mine.paths.some((m) => m.prefix === p.prefix))] });
    else if (mine) found.push(mine);
  }
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * Whether a folder is the workspace member a `workspace` entry names: the folder itself, or one a
 * glob matches, each `*` within one folder's name (`packages/*` is `packages/core`, not `packages/core/sub`).
 */
export function isMember(member: string, dir: string): boolean {
  if (!member.includes("*")) return member === dir;
  return new RegExp(`^${member.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`).test(dir);
}

/** The import maps of the deno.json files in `dirs` (project-relative folders) or a folder above them, for the architecture gate. */
export function findDenoAliases(root: string, dirs: Iterable<string>): AliasConfig[] {
  const configs: { dir: string; config: DenoConfig }[] = [];
  for (const dir of foldersUp(dirs)) {
    const name = DENO_CONFIGS.find((n) => existsSync(join(root, dir, n)));
    const config = name === undefined ? undefined : readDenoConfig(dir, readFileSync(join(root, dir, name), "utf8"));
    if (config) configs.push({ dir, config });
  }
  return workspaceAliases(configs);
}
