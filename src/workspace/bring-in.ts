/** A checkout on no branch (HEAD detached); `at` is the one branch at its commit, when exactly one is, to switch to. */
export interface Detached {
  at?: string;
}

/** Why a merge into a detached HEAD is not the advice: its commit would be on no branch, easy to lose. */
export const DETACHED_HEAD = "HEAD is detached, so a merge there would be on no branch";

/** The command that brings `branch` into the checkout: a merge into its branch, or from a detached HEAD a switch to a branch first. */
export function bringInCommand(branch: string, detached: Detached | undefined): string {
  return detached ? `git switch ${detached.at ?? "<your branch>"} && git merge ${branch}` : `git merge ${branch}`;
}
