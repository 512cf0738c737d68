import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DENO_CONFIGS, readDenoConfig } from "../spec/deno-config.js";

/** What a Deno project runs for the whole project and for a module's test files. */
export interface DenoTests {
  system: string;
  from: string;
  module: (files: string) => string;
  paths: true;
}

/**
 * A Deno project's runner, from its root deno.json: its `test` task where it has one (`deno task test`,
 * with the permissions its authors gave it), else `deno test -A`; a module's tests by path, with every
 * permission, since which ones a test needs is written nowhere else. Undefined without a deno.json.
 */
export function denoTests(root: string): DenoTests | undefined {
  const from = DENO_CONFIGS.find((f) => existsSync(join(root, f)));
  if (from === undefined) return undefined;
  let task = false;
  try {
    const text = readFileSync(join(root, from), "utf8");
    task = readDenoConfig("", text) !== undefined && /"test"\s*:/.test(/"tasks"\s*:\s*\{[^}]*\}/.exec(text)?.[0] ?? "");
  } catch {
    // An unreadable config still says the project is Deno's.
  }
  return { system: task ? "deno task test" : "deno test -A", from: task ? `${from} tasks.test` : from, module: (f) => `deno test -A ${f}`, paths: true };
}
