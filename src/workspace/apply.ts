import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addAll, COMMIT_CONFIG, gitCommitting, gitOk, gitRun, IDENTITY } from "./git.js";
import { dirtyPaths, type Repo } from "./repo.js";
import { bringInCommand, DETACHED_HEAD } from "./bring-in.js";
import { detachedHead } from "./branch.js";

/** What `--apply` did with a run's integration branch, in one sentence. */
export interface Applied {
  ok: boolean;
  message: string;
}

/**
 * Brings the integration branch into the user's branch when the checkout allows it:
 * a fast-forward when the branch has not moved since the run started, else a merge;
 * a merge that conflicts is aborted and the checkout left as it was. Uncommitted changes
 * to tracked files refuse it, unless they are exactly the run's `--include-dirty` commit
 * (`dirtyBase`), which the branch holds: they are set aside, and dropped once applied.
 * Untracked files are left to git, which refuses to overwrite one.
 */
export async function applyBranch(root: string, branch: string, identity: boolean, dirtyBase?: string): Promise<Applied> {
  const current = await gitRun(["symbolic-ref", "-q", "--short", "HEAD"], root);
  if (current.code !== 0) return { ok: false, message: `not applied: ${DETACHED_HEAD}; switch to a branch first: \`${bringInCommand(branch, (await detachedHead(root)) ?? {})}\`` };
  const mine = current.stdout.trim();
  // Commits only HEAD has, and only the branch has: none of the first, HEAD is in the branch's history (a fast-forward).
  const [behind = "", ahead = ""] = (await gitOk(["rev-list", "--count", "--left-right", `HEAD...${branch}`], root)).trim().split("\t");
  if (ahead === "0") return { ok: true, message: `${mine} already holds ${branch}` };
  const dirty = await dirtyPaths(root, [".orchestrate"], "no");
  let stashed = false;
  if (dirty.length) {
    const head = (await gitOk(["rev-parse", "HEAD"], root)).trim();
    if (!dirtyBase || (await workingTree(root, head)) !== (await gitOk(["rev-parse", `${dirtyBase}^{tree}`], root)).trim()) {
      return { ok: false, message: `not applied: the working tree has uncommitted changes (${preview(dirty)}); commit or stash them, then \`git merge ${branch}\`` };
    }
    // They are the branch's first commit (--include-dirty): set aside, the branch brings them back.
    await gitOk(["stash", "push", "--include-untracked", "-q", "-m", `orchestrate: uncommitted changes the run ${branch} included`], root);
    stashed = true;
  }
  const result = await bringIn(root, branch, mine, ahead, behind === "0", identity);
  if (stashed) await gitRun(["stash", result.ok ? "drop" : "pop", "-q"], root);
  return result;
}

async function bringIn(root: string, branch: string, mine: string, ahead: string, fastForward: boolean, identity: boolean): Promise<Applied> {
  if (fastForward) {
    const out = await gitRun(["merge", "--ff-only", "-q", branch], root);
    if (out.code !== 0) return { ok: false, message: `not applied: ${firstLines(out.stderr || out.stdout)}` };
    return { ok: true, message: `fast-forwarded ${mine} to ${branch} (${ahead} commit${ahead === "1" ? "" : "s"})` };
  }
  const merge = await gitRun([...COMMIT_CONFIG, "merge", "--no-edit", "-q", branch], root, identity ? undefined : IDENTITY);
  if (merge.code === 0) return { ok: true, message: `merged ${branch} into ${mine} (${mine} had moved since the run started)` };
  const conflicted = (await gitRun(["diff", "--name-only", "--diff-filter=U"], root)).stdout.split("\n").filter(Boolean);
  await gitRun(["merge", "--abort"], root);
  if (!conflicted.length) return { ok: false, message: `not applied: ${firstLines(merge.stderr || merge.stdout)}` };
  return { ok: false, message: `not applied: merging ${branch} into ${mine} conflicts in ${preview(conflicted)}; the checkout is as it was` };
}

/** The tree of the project's files as they are now (untracked ones included), written through a temporary index. */
async function workingTree(root: string, head: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "orchestrate-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index") };
  try {
    await gitOk(["read-tree", head], root, env);
    await addAll(root, [".orchestrate"], [], env);
    return (await gitOk(["write-tree"], root, env)).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The uncommitted changes of the project's folder as a commit on top of HEAD, made through
 * a temporary index so the user's index and files stay as they are; undefined when there are none.
 */
export async function commitDirty(repo: Repo, root: string, message: string): Promise<string | undefined> {
  const tree = await workingTree(root, repo.head);
  const headTree = (await gitOk(["rev-parse", `${repo.head}^{tree}`], root)).trim();
  if (tree === headTree) return undefined;
  return (await gitCommitting(["commit-tree", tree, "-p", repo.head, "-m", message], root, repo.identity)).trim();
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 4).join(" / ");
}

function preview(files: string[]): string {
  return files.length > 5 ? `${files.slice(0, 5).join(", ")} and ${files.length - 5} more` : files.join(", ");
}
