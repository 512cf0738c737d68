import { setTimeout as sleep } from "node:timers/promises";
import type { GitOutput } from "../agents/git.js";
import { gitFailed, gitRun } from "./git.js";

/**
 * What git prints when it reads another worktree's admin folder while `git worktree add` writes
 * it (git's builtin/worktree.c): first `commondir` is empty ("failed to read
 * .git/worktrees/<name>/commondir: Success"), then for an instant HEAD holds zeros ("bad object
 * worktrees/<name>/HEAD"). `worktree add`, `move`, `remove` and `list`, `branch -d`/`-D` and
 * `fetch` read every worktree's admin folder, and die on either.
 */
export const WORKTREE_BEING_ADDED = /bad object worktrees\/|failed to read \S*worktrees\/[^/\s]+\/commondir/;

/** How often a command is tried when it meets another worktree's admin folder half written. */
const TRIES = 6;
/** The wait after the first failed try; each later wait is this much longer (50, 100, ... 250 ms: 750 ms in all, a loaded machine's pause of the adding git). */
const RETRY_MS = 50;

/**
 * A git command that reads every worktree's admin folder, in a repository where worktrees are
 * being added meanwhile: by this process (the run's lock orders its own, not a fetch) or by
 * another one (a second run in the same repository, `orchestrate clean`, a worker sharing a
 * --dir, the user's own `git worktree add`), which no lock of ours reaches. The failure of
 * meeting one half written, and only that one, is tried again.
 */
export async function gitPastAddedWorktrees(args: string[], cwd: string): Promise<GitOutput> {
  for (let tries = 1; ; tries++) {
    const out = await gitRun(args, cwd);
    if (out.code === 0 || tries === TRIES || !WORKTREE_BEING_ADDED.test(out.stderr)) return out;
    await sleep(RETRY_MS * tries);
  }
}

/** A git command that reads every worktree's admin folder (gitPastAddedWorktrees), failing as gitOk. */
export async function gitAcross(args: string[], cwd: string): Promise<string> {
  const out = await gitPastAddedWorktrees(args, cwd);
  if (out.code !== 0) throw gitFailed(args, cwd, out);
  return out.stdout;
}

/**
 * A project's `git worktree` commands (add, move, remove, prune) and `branch -D`, one at a time in
 * this process: each reads every other worktree's admin folder, and fails on one being made at that
 * moment ("failed to read .git/worktrees/<name>/commondir"). Another process's are not ordered by
 * this: those commands also go through gitPastAddedWorktrees.
 */
const worktreeQueues = new Map<string, Promise<unknown>>();
export function oneAtATime<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const next = (worktreeQueues.get(root) ?? Promise.resolve()).then(fn);
  worktreeQueues.set(root, next.catch(() => undefined));
  return next;
}
