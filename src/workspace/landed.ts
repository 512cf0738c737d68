import { spawnSync } from "node:child_process";
import type { Landed } from "../store/landing.js";

/**
 * Git's word on whether a run's work is in the code: its head an ancestor of the project's HEAD
 * (`git merge-base --is-ancestor`), as after the user merged its branch by hand. Asked once per
 * commit for the judge's life, not once per memory: a run's memories share their head. Make one
 * per run, tool call or prompt batch, so a merge made later is seen by the next.
 */
export function landedIn(root: string): Landed {
  const known = new Map<string, boolean>();
  return (commit) => {
    let answer = known.get(commit);
    if (answer === undefined) known.set(commit, (answer = isAncestor(root, commit)));
    return answer;
  };
}

/** Exit 0: an ancestor; 1: not; anything else (no repository, the commit gone): not known to be in the code. */
function isAncestor(root: string, commit: string): boolean {
  // `--end-of-options`: a branch name is never read as an option.
  const git = spawnSync("git", ["merge-base", "--is-ancestor", "--end-of-options", commit, "HEAD"], { cwd: root, stdio: "ignore", timeout: 10_000 });
  return git.status === 0;
}
