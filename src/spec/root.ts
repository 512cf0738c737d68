import { statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { SpecError } from "../errors.js";

/** The folder holding `.claude/` (absolute); `--project path/.claude` is accepted too. */
export function findProjectRoot(projectDir: string): string {
  const dir = resolve(projectDir);
  if (isDir(join(dir, ".claude"))) return dir;
  if (basename(dir) === ".claude" && isDir(dir)) return resolve(dir, "..");
  if (!isDir(dir)) throw new SpecError("SPEC_MISSING", `Project folder ${dir} does not exist`);
  throw new SpecError("SPEC_MISSING", `No .claude/ folder in ${dir}: expected .claude/system and .claude/layers (run \`orchestrate init\` to create them)`, { file: join(dir, ".claude") });
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
