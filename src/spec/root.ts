import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { SpecError } from "../errors.js";
import { folderKind } from "../folder-kind.js";
import { packageSpecLayers } from "./package-specs.js";
import { otherAgentsHint } from "./other-agents.js";
import { linkedDocsHint } from "./linked-docs-hint.js";

/** The system spec's file name, in any case: in `.claude/system/`, or in `.claude/` itself in a tree without that folder. */
export const SYSTEM_SPEC = /^SYSTEM_ORCHESTRATOR\.md$/i;

/** What a layer or module id may hold. */
export const SPEC_ID = /^[a-z0-9_-]+$/;

/**
 * The folder holding `.claude/` (absolute); `--project path/.claude` is accepted too. From a
 * folder inside a project, as git does, the nearest folder at or above it whose `.claude/`
 * holds a spec tree (`system/` or `layers/`): a `.claude/` of Claude Code's settings alone,
 * in a package of a monorepo or in the home folder, is not taken for the project's.
 */
export function findProjectRoot(projectDir: string): string {
  const dir = resolve(projectDir);
  // Checked before the walk up: a mistyped folder (or a file) inside a project would otherwise be taken for the project itself.
  const unfit = unfitProject(dir);
  if (unfit) throw new SpecError("SPEC_MISSING", unfit);
  for (let at = dir; ; at = dirname(at)) {
    if (specTreeParts(at).length > 0 || heldFlat(at)) return at;
    if (dirname(at) === at) break;
  }
  if (isDir(join(dir, ".claude"))) return dir;
  if (basename(dir) === ".claude") return resolve(dir, "..");
  throw new SpecError("SPEC_MISSING", `No .claude/ folder in ${dir}: expected .claude/system and .claude/layers (run \`orchestrate init\` to create them)${packagesHint(dir)}${linkedDocsHint(dir)}${otherAgentsHint(dir)}`, { file: join(dir, ".claude") });
}

/** Why `dir` cannot be the project, in words a user acts on; undefined when it is a folder this user may read. */
function unfitProject(dir: string): string | undefined {
  const kind = folderKind(dir);
  if ("missing" in kind) return `Project folder ${dir} does not exist`;
  // A loop, a link to nowhere, a folder above it this user may not enter: "does not exist" sent the user looking for a typo.
  if ("other" in kind) return `Expected the project (--project) to be a folder, got ${dir}${kind.other.startsWith("a ") ? `, which is ${kind.other}` : `: ${kind.other}`}`;
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
  } catch (error) {
    // Unread, it looked like a folder with no .claude/ in it, or failed on the first of its files the loader stats.
    return `Cannot read the project folder ${dir}: permission denied (${(error as NodeJS.ErrnoException).code ?? "EACCES"}); expected a folder this user may read (check its owner and mode)`;
  }
  return undefined;
}

/** `; its packages' specs ... are read once it has one` for a monorepo that keeps its module specs in its packages (spec/package-specs.ts). */
function packagesHint(dir: string): string {
  const files = packageSpecLayers(dir, []).flatMap((l) => l.modules.map((m) => m.file));
  if (files.length === 0) return "";
  const named = files.length > 3 ? `${files.slice(0, 3).join(", ")} and ${files.length - 3} more` : files.join(", ");
  return `; the module specs in its packages (${named}) are read once the project has a .claude/ folder: \`mkdir .claude\` (the root's CLAUDE.md, else its AGENTS.md, is then its system spec)`;
}

/**
 * A tree written without .claude/system and .claude/layers: its system spec in .claude/ itself, or
 * module specs (`<NAME>_AGENT.md`) in a folder of .claude/ (`.claude/agents/`). Claude Code's own
 * subagents there are named otherwise (`code-reviewer.md`), so a package's settings are still passed by, and the
 * home folder's always.
 */
function heldFlat(dir: string): boolean {
  // The home folder's .claude/ holds the user's own subagents, whatever they are named.
  if (dir === homedir()) return false;
  const claude = join(dir, ".claude");
  const names = namesIn(claude);
  if (names.some((n) => SYSTEM_SPEC.test(n))) return true;
  return names.some((n) => !n.startsWith(".") && isDir(join(claude, n)) && namesIn(join(claude, n)).some((f) => /(?:_AGENT|\.agent)\.md$/i.test(f)));
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The parts of `.claude/` that are orchestrate's spec tree; the rest (Claude Code's settings, agents, commands) is the user's. */
export const SPEC_TREE_PARTS = ["system", "layers"] as const;

/** The spec tree's parts that exist under `dir/.claude`, as `.claude/<part>`. */
export function specTreeParts(dir: string): string[] {
  return SPEC_TREE_PARTS.filter((part) => isDir(join(dir, ".claude", part))).map((part) => `.claude/${part}`);
}
