import { readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { branchState } from "./branch.js";
import { gitRun } from "./git.js";
import { gitPastAddedWorktrees } from "./other-worktrees.js";
import { integrationBranch, removeRunWorktrees, worktreesHome } from "./worktrees.js";

/** What `orchestrate clean` did with one run's integration branch. */
export type IntegrationFate =
  /** There is none (a shared run, or deleted before). */
  | { state: "absent" }
  /** Deleted: merged into the checked-out branch, or not and `force` said so. `head` was its commit. */
  | { state: "deleted"; merged: boolean; head: string }
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
  const deleted = await gitPastAddedWorktrees(["branch", merged ? "-d" : "-D", branch], root);
  if (deleted.code === 0) return { ...base, integration: { state: "deleted", merged, head } };
  // Git refused (the branch is checked out somewhere): its own words say why.
  const why = (deleted.stderr.trim().split("\n")[0] ?? "").replace(/^error: /, "");
  return { ...base, integration: { state: "kept", merged, why } };
}


/**
 * The runs that left something in the repository (a worktree folder, an attempt or integration
 * branch): one listing of each, so `clean` asks git about those runs only, not about every run.
 */
export async function runsWithLeftovers(root: string): Promise<Set<string>> {
  // The folder holding each run's worktrees folder (worktreesHome's parent).
  const ids = new Set(await readdir(dirname(worktreesHome(root, "_"))).catch(() => [] as string[]));
  const refs = await gitRun(["for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/"], root);
  for (const ref of refs.stdout.split("\n")) {
    const attempt = /^orchestrate\/attempts\/([^/]+)\//.exec(ref);
    if (attempt) ids.add(attempt[1]!);
    else if (/^orchestrate\/[^/]+$/.test(ref)) ids.add(ref.slice("orchestrate/".length));
  }
  return ids;
}
