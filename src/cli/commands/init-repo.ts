import { existsSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What the example's repository never commits: Python's caches (a gate run in the checkout
 * makes them) and local logs (the debug walk-through writes one). Written by code, not shipped
 * as a file: npm leaves `.gitignore` files out of a package.
 */
const EXAMPLE_IGNORES = "# Python's caches and local logs: never part of a commit\n__pycache__/\n*.pyc\nlogs/\n";

/**
 * Makes the example copy at `target` a git repository with one commit, so runs on it are
 * isolated (worktrees, an integration branch). Answers the line to print: what was done, or
 * why the folder stays plain (no git, or it lies inside a repository already).
 */
export async function makeExampleRepository(target: string): Promise<string> {
  const { gitCommitting, gitOk, gitRun, hasIdentity } = await import("../../workspace/git.js");
  const version = await gitRun(["--version"], target).catch(() => undefined);
  if (!version || version.code !== 0) return "git is not installed, so it is a plain folder: runs on it share its working tree (install git, then `git init` and commit it, to isolate them)";
  const inside = await gitRun(["rev-parse", "--show-toplevel"], target);
  if (inside.code === 0) {
    const top = inside.stdout.trim();
    return realpathSync(top) === realpathSync(target) ? "it is a git repository already: commit the copy to have runs start from it" : `it lies inside the git repository ${top}: commit it there to have runs on it isolated`;
  }
  try {
    if (!existsSync(join(target, ".gitignore"))) writeFileSync(join(target, ".gitignore"), EXAMPLE_IGNORES);
    await gitOk(["init", "-q"], target);
    await gitOk(["add", "-A"], target);
    // The user's identity when configured; else orchestrate's, for this one commit only.
    await gitCommitting(["commit", "-q", "-m", "The orchestrate example project"], target, await hasIdentity(target));
    return "a git repository with one commit: runs on it work in worktrees and leave their work on a branch";
  } catch (error) {
    return `it could not be made a git repository (${(error as Error).message.split("\n")[0]}), so it is a plain folder: runs on it share its working tree`;
  }
}

/**
 * A seed applied to a copy that is a repository of its own (one `init --example` made) is
 * committed, so an isolated run starts from it; a checkout that had uncommitted changes, or a
 * copy inside a larger repository, is left for its owner to commit.
 */
export async function commitSeed(target: string, name: string, wasClean: boolean): Promise<string | undefined> {
  const { gitCommitting, gitOk, gitRun, hasIdentity } = await import("../../workspace/git.js");
  const top = await gitRun(["rev-parse", "--show-toplevel"], target).catch(() => undefined);
  if (!top || top.code !== 0 || realpathSync(top.stdout.trim()) !== realpathSync(target)) return undefined;
  if (!wasClean) return "not committed: the checkout had uncommitted changes (commit the seed yourself, or run with --include-dirty)";
  await gitOk(["add", "-A"], target);
  await gitCommitting(["commit", "-q", "-m", `Seed \`${name}\` of the orchestrate example`], target, await hasIdentity(target));
  return "committed";
}

/** Whether the repository at `target` (if it is one) has no uncommitted change. */
export async function isClean(target: string): Promise<boolean> {
  const { gitRun } = await import("../../workspace/git.js");
  const out = await gitRun(["status", "--porcelain"], target).catch(() => undefined);
  return out !== undefined && out.code === 0 && out.stdout.trim() === "";
}
