import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { readCapped } from "../read-capped.js";
import type { ModuleCheck } from "./test-runner.js";

const BUILD_FILE_BYTES = 1024 * 1024;

/** A build file's text; "" when it is missing, a folder, over 1 MB or a pipe nobody writes to. */
export function readBuildFile(path: string): string {
  try {
    return readCapped(path, BUILD_FILE_BYTES)?.text ?? "";
  } catch {
    return "";
  }
}

/** Whether a package.json declares npm workspaces (`"workspaces": ["packages/*"]`, or Yarn's `{ "packages": [...] }`). */
export function hasWorkspaces(text: string): boolean {
  try {
    const workspaces = (JSON.parse(text) as { workspaces?: unknown }).workspaces;
    return Array.isArray(workspaces) || (typeof workspaces === "object" && workspaces !== null && Array.isArray((workspaces as { packages?: unknown }).packages));
  } catch {
    return false;
  }
}

/**
 * The module gate of a module of an npm workspace: its package's own tests (`npm test -w
 * packages/ledger`), when all its files are in one package that has a test script. The root's
 * `npm test -- <file>` would hand the file to every workspace's script, which it is not theirs.
 * Turborepo's is `npx turbo run test --filter=<name>`, pnpm's `pnpm --filter <name> test`, by the package's name.
 */
export function workspaceTest(root: string, files: readonly string[], tool: "npm" | "turbo" | "pnpm" = "npm"): ModuleCheck | undefined {
  const packages = new Set(files.map((f) => packageOf(root, f)));
  const [dir] = packages;
  const text = dir ? readBuildFile(join(root, dir, "package.json")) : "";
  if (packages.size !== 1 || !dir || !npmTest(scriptsOf(text))) return undefined;
  const from = `${dir}/package.json scripts.test`;
  if (tool !== "npm") {
    const name = packageName(text);
    if (!name || !/^[\w./@-]+$/.test(name)) return undefined;
    return { run: tool === "turbo" ? `npx turbo run test --filter=${name}` : `pnpm --filter ${name} test`, from };
  }
  return { run: `npm test -w ${/^[\w./@-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`}`, from };
}

/** package.json's `name`; undefined when it has none or is not JSON. */
function packageName(text: string): string | undefined {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === "string" && name ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The folder below the root of the package.json nearest a file; "" for the root's own. */
function packageOf(root: string, file: string): string {
  for (let dir = dirname(file); dir !== "." && dir !== "/" && dir !== ""; dir = dirname(dir)) if (existsSync(join(root, dir, "package.json"))) return dir;
  return "";
}

/** `scripts` of package.json; empty when it has none or is not JSON. */
export function scriptsOf(text: string): Record<string, unknown> {
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    return typeof scripts === "object" && scripts !== null ? (scripts as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `scripts.test` of package.json's `scripts`, unless it is npm's placeholder that only fails. */
export function npmTest(scripts: Record<string, unknown>): string | undefined {
  const test = scripts["test"];
  return typeof test === "string" && test.trim() && !/no test specified/.test(test) ? test : undefined;
}

