import { gitRun } from "./git.js";

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
