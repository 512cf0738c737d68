import { readFileSync } from "node:fs";
import { join } from "node:path";
import { moduleMcpServers } from "../config/mcp.js";
import { ConfigError } from "../errors.js";
import type { SpecTree } from "../spec/types.js";
import { frontMatterChecks } from "./config.js";
import type { FrontMatterReaders } from "./front-matter-readers.js";

/** The readers that validate what they read (ConfigError naming the spec file). */
export const FRONT_MATTER_READERS: FrontMatterReaders = { checks: frontMatterChecks, mcpServers: moduleMcpServers };

/**
 * Validates the front matter keys that a run reads only later, a module's `validation:`
 * (its gate's checks) and `mcp_servers:`, so that `check`, `plan` and `run` reject the
 * same specs the same way, before a run is recorded or a module starts. Throws the first
 * ConfigError, naming the spec file and the line of the offending key.
 */
export function validateFrontMatter(spec: SpecTree): void {
  for (const module of spec.modules) {
    try {
      frontMatterChecks(module.frontMatter["validation"], module.specFile);
      moduleMcpServers(module.frontMatter, module.specFile);
    } catch (error) {
      if (!(error instanceof ConfigError) || error.place.line !== undefined || !error.place.key) throw error;
      const line = keyLine(readText(join(spec.root, module.specFile)), error.place.key.split("."));
      throw new ConfigError(error.code, error.message, { ...error.place, ...(line ? { line } : {}) }, { cause: error });
    }
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Front matter spellings of a top-level key, as the readers accept them. */
const ALIASES: Record<string, string[]> = { mcp_servers: ["mcp_servers", "mcpServers"] };

/**
 * The 1-based line of the deepest part of `path` (`validation.0.kind`) found in the front
 * matter of `text`: each key is searched after its parent's line, a number is the n-th list
 * item. Flow style (`[{ ... }]`) stops at the deepest key on a line of its own.
 */
export function keyLine(text: string, path: string[]): number | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return undefined;
  const close = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
  const end = close < 0 ? lines.length : close;
  let from = 1;
  let found: number | undefined;
  for (const part of path) {
    let index = -1;
    if (/^\d+$/.test(part)) {
      index = listItem(lines, from, end, Number(part));
      if (index < 0) break;
      from = index; // the item's first key may share the dash's line
    } else {
      const names = (ALIASES[part] ?? [part]).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
      const key = new RegExp(`^\\s*(?:-\\s+)?["']?(?:${names})["']?\\s*:`);
      for (let i = from; i < end && index < 0; i++) if (key.test(lines[i] ?? "")) index = i;
      if (index < 0) break;
      from = index + 1;
    }
    found = index + 1;
  }
  return found;
}

/** The line index of the n-th item of the first block list at or after `from`. */
function listItem(lines: string[], from: number, end: number, n: number): number {
  let indent = -1;
  let count = -1;
  for (let i = from; i < end; i++) {
    const dash = /^(\s*)-(?:\s|$)/.exec(lines[i] ?? "");
    if (!dash) continue;
    const width = dash[1]?.length ?? 0;
    if (indent < 0) indent = width;
    else if (width < indent) break;
    if (width === indent && ++count === n) return i;
  }
  return -1;
}
