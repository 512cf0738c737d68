import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitCommitting, gitOk, gitRun } from "./git.js";
import { dirtyPaths, type Repo } from "./repo.js";

/** What `--apply` did with a run's integration branch, in one sentence. */
export interface Applied {
  ok: boolean;
  message: string;
}

/**
 * Brings the integration branch into the user's branch when the checkout is clean:
 * a fast-forward when the branch has not moved since the run started, else a merge;
 * a merge that conflicts is aborted and the checkout left as it was.
 */
export async function applyBranch(root: string, branch: string, identity: boolean): Promise<Applied> {
  const current = await gitRun(["symbolic-ref", "-q", "--short", "HEAD"], root);
  if (current.code !== 0) return { ok: false, message: `not applied: HEAD is detached; merge it yourself with \`git merge ${branch}\`` };
  const mine = current.stdout.trim();
  const dirty = await dirtyPaths(root, [".orchestrate"]);
  if (dirty.length) return { ok: false, message: `not applied: the working tree has uncommitted changes (${preview(dirty)}); commit or stash them, then \`git merge ${branch}\`` };
  const ahead = (await gitOk(["rev-list", "--count", `HEAD..${branch}`], root)).trim();
  if (ahead === "0") return { ok: true, message: `${mine} already holds ${branch}` };
  const ff = await gitRun(["merge-base", "--is-ancestor", "HEAD", branch], root);
  if (ff.code === 0) {
    await gitOk(["merge", "--ff-only", "-q", branch], root);
    return { ok: true, message: `fast-forwarded ${mine} to ${branch} (${ahead} commit${ahead === "1" ? "" : "s"})` };
  }
  const merge = await gitRun(["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "merge", "--no-edit", "-q", branch], root, identity ? undefined : { GIT_AUTHOR_NAME: "orchestrate", GIT_AUTHOR_EMAIL: "orchestrate@localhost", GIT_COMMITTER_NAME: "orchestrate", GIT_COMMITTER_EMAIL: "orchestrate@localhost" });
  if (merge.code === 0) return { ok: true, message: `merged ${branch} into ${mine} (${mine} had moved since the run started)` };
  const conflicted = (await gitRun(["diff", "--name-only", "--diff-filter=U"], root)).stdout.split("\n").filter(Boolean);
  await gitRun(["merge", "--abort"], root);
  return { ok: false, message: `not applied: merging ${branch} into ${mine} conflicts in ${preview(conflicted)}; the checkout is as it was` };
}

/**
 * The uncommitted changes of the project's folder as a commit on top of HEAD, made through
 * a temporary index so the user's index and files stay as they are; undefined when there are none.
 */
export async function commitDirty(repo: Repo, root: string, message: string): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), "orchestrate-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index") };
  try {
    await gitOk(["read-tree", repo.head], root, env);
    await gitOk(["add", "-A", "--", ".", ":(exclude).orchestrate"], root, env);
    const tree = (await gitOk(["write-tree"], root, env)).trim();
    const headTree = (await gitOk(["rev-parse", `${repo.head}^{tree}`], root)).trim();
    if (tree === headTree) return undefined;
    return (await gitCommitting(["commit-tree", tree, "-p", repo.head, "-m", message], root, repo.identity)).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function preview(files: string[]): string {
  return files.length > 5 ? `${files.slice(0, 5).join(", ")} and ${files.length - 5} more` : files.join(", ");
}
