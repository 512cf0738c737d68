import { gitRun } from "./git.js";
import type { Detached } from "./bring-in.js";

/** A branch's commit and whether the checked-out HEAD holds it; `head` undefined when the branch does not exist. */
export async function branchState(root: string, branch: string): Promise<{ head?: string; merged: boolean }> {
  const found = await gitRun(["rev-parse", "--verify", "-q", `refs/heads/${branch}`], root);
  if (found.code !== 0) return { merged: false };
  const head = found.stdout.trim();
  const merged = (await gitRun(["merge-base", "--is-ancestor", head, "HEAD"], root)).code === 0;
  return { head, merged };
}

/** The checked-out branch's name, or `HEAD` when it is detached. */
export async function currentBranch(root: string): Promise<string> {
  const out = await gitRun(["symbolic-ref", "-q", "--short", "HEAD"], root);
  return out.code === 0 ? out.stdout.trim() : "HEAD";
}

/** The checkout's detached HEAD; undefined when a branch is checked out (or the folder is no repository). */
export async function detachedHead(root: string): Promise<Detached | undefined> {
  // `symbolic-ref -q` exits 1 for a detached HEAD alone (128 outside a repository).
  if ((await gitRun(["symbolic-ref", "-q", "HEAD"], root)).code !== 1) return undefined;
  const listed = await gitRun(["for-each-ref", "--points-at", "HEAD", "--format=%(refname:short)", "refs/heads/"], root);
  // A run's own branches are not where the user works; a name the shell would read otherwise is left to the user to type.
  const at = listed.stdout.split("\n").filter((b) => b && !b.startsWith("orchestrate/"));
  return at.length === 1 && /^[\w./-]+$/.test(at[0]!) ? { at: at[0]! } : {};
}
