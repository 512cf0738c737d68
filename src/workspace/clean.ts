import { branchState } from "./branch.js";
import { gitRun } from "./git.js";
import { integrationBranch, removeRunWorktrees } from "./worktrees.js";

/** What `orchestrate clean` did with one run's integration branch. */
export type IntegrationFate =
  /** There is none (a shared run, or deleted before). */
  | { state: "absent" }
  /** Deleted: merged into the checked-out branch, or not and `force` said so. */
  | { state: "deleted"; merged: boolean }
  /** Kept: not merged (and no `force`), or git refused (it is checked out). */
  | { state: "kept"; merged: boolean; why: string };

export interface Cleaned {
  branch: string;
  worktrees: number;
  attemptBranches: number;
  integration: IntegrationFate;
}

/**
 * Removes an ended run's worktrees and attempt branches; its integration branch (the run's
 * result) goes only when the checked-out branch holds all of it (`git branch -d`), or with `force`.
 */
export async function cleanRun(root: string, runId: string, force: boolean): Promise<Cleaned> {
  const removed = await removeRunWorktrees(root, runId);
  const branch = integrationBranch(runId);
  const { head, merged } = await branchState(root, branch);
  const base = { branch, worktrees: removed.worktrees, attemptBranches: removed.branches };
  if (!head) return { ...base, integration: { state: "absent" } };
  if (!merged && !force) return { ...base, integration: { state: "kept", merged, why: "not merged" } };
  const deleted = await gitRun(["branch", merged ? "-d" : "-D", branch], root);
  if (deleted.code === 0) return { ...base, integration: { state: "deleted", merged } };
  // Git refused (the branch is checked out somewhere): its own words say why.
  const why = (deleted.stderr.trim().split("\n")[0] ?? "").replace(/^error: /, "");
  return { ...base, integration: { state: "kept", merged, why } };
}

