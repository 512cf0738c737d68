import { join } from "node:path";
import { gitRun, keptWorkIndex, workEnv } from "./git.js";

/** An attempt's work a killed run left in its worktree: the patch, from where the worktree began, and its files. */
export interface KeptWork {
  patch: string;
  files: string[];
}

/**
 * The work an attempt's worktree (at `top`, the project in its folder `prefix`) kept when its gate started
 * (`stageWork`), read back after the run's process was killed in that gate: what the attempt would
 * have saved as its patch had it closed. Undefined when there is none to trust: the gate had not
 * started (no kept work), the worktree is gone, or git cannot say where it began (no common commit
 * with the integration branch `branch`).
 */
export async function keptWork(top: string, prefix: string, branch: string): Promise<KeptWork | undefined> {
  const work = await keptWorkIndex(top);
  if (!work) return undefined;
  // Where it began: the integration head it was made from, which the branch still holds (an attempt never merged moves nothing).
  const base = await gitRun(["merge-base", "HEAD", branch], top);
  if (base.code !== 0) return undefined;
  const at = base.stdout.trim();
  const env = workEnv(work);
  const patch = await gitRun(["diff", "--cached", "--binary", at], top, env);
  // From the project's folder, as an attempt's files are named.
  const names = await gitRun(["diff", "--cached", "--name-only", "-z", "--relative", "--no-renames", at], join(top, prefix), env);
  if (patch.code !== 0 || names.code !== 0) return undefined;
  return { patch: patch.stdout, files: names.stdout.split("\0").filter(Boolean).sort() };
}
