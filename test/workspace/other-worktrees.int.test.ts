import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WorkerRepo } from "../../src/queue/git.js";
import { cleanRun } from "../../src/workspace/clean.js";
import { openRepo, type Repo } from "../../src/workspace/repo.js";
import { attemptBranch, RunWorktrees } from "../../src/workspace/worktrees.js";
import { extraWorktrees, git, makeRepo, orchestrateBranches } from "./git-fixture.js";

/**
 * Another process's `git worktree add` at its first moment (git's builtin/worktree.c): the admin
 * folder locked "initializing", HEAD of zeros, `commondir` opened and not yet written. Git dies
 * reading it ("failed to read .git/worktrees/<name>/commondir"); after `ms` the add is done (here:
 * its folder goes, as if the other process removed it again).
 */
function otherProcessAdding(gitDir: string, ms: number): Promise<void> {
  const admin = join(gitDir, "worktrees", "other-process");
  mkdirSync(admin, { recursive: true });
  writeFileSync(join(admin, "locked"), "initializing");
  writeFileSync(join(admin, "gitdir"), `${join(gitDir, "..", "elsewhere", ".git")}\n`);
  writeFileSync(join(admin, "HEAD"), `${"0".repeat(40)}\n`);
  writeFileSync(join(admin, "commondir"), "");
  return new Promise((resolve) => setTimeout(() => resolve(rmSync(admin, { recursive: true, force: true })), ms));
}

async function trees(root: string, runId = "r1"): Promise<RunWorktrees> {
  const repo = (await openRepo(root)) as Repo;
  const trees = new RunWorktrees(repo, root, runId, { share: [], timeoutMs: 10_000 });
  await trees.start(repo.head);
  return trees;
}

describe("a run's git commands while another process adds a worktree to the same repository", () => {
  it("makes an attempt's worktree and removes it with its branch", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const run = await trees(root);
    const added = otherProcessAdding(join(root, ".git"), 150);
    const tree = await run.create("m-1", attemptBranch("r1", "m", 1));
    expect(existsSync(join(tree.dir, "a.txt"))).toBe(true);
    await added;

    const removing = otherProcessAdding(join(root, ".git"), 150);
    await run.remove(tree);
    await removing;
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual(["orchestrate/r1"]);
  });

  it("moves a released worktree to the next attempt", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const run = await trees(root);
    const first = await run.create("m-1", attemptBranch("r1", "m", 1));
    run.release(first);
    const added = otherProcessAdding(join(root, ".git"), 150);
    const second = await run.create("n-1", attemptBranch("r1", "n", 1));
    await added;
    expect(extraWorktrees(root)).toEqual([`worktree ${second.path}`]);
  });

  it("deletes the integration branch of a run that changed nothing", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const run = await trees(root);
    const added = otherProcessAdding(join(root, ".git"), 150);
    await expect(run.deleteBranchIfMerged()).resolves.toBe(true);
    await added;
    expect(orchestrateBranches(root)).toEqual([]);
  });

  it("`clean` removes a run's worktrees, attempt branches and merged integration branch", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const run = await trees(root);
    await run.create("m-1", attemptBranch("r1", "m", 1));
    await run.create("n-1", attemptBranch("r1", "n", 1));
    const added = otherProcessAdding(join(root, ".git"), 150);
    const cleaned = await cleanRun(root, "r1", false);
    await added;
    expect(cleaned).toMatchObject({ worktrees: 2, attemptBranches: 2, integration: { state: "deleted" } });
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual([]);
  });

  it("a worker adds an attempt's worktree while another worker process given the same --dir adds one", async () => {
    const project = makeRepo({ "a.txt": "a\n" });
    const remote = `${project}-remote.git`;
    git(project, "init", "-q", "--bare", remote);
    git(project, "push", "-q", remote, "HEAD:refs/heads/orchestrate/w");
    const base = git(project, "rev-parse", "HEAD");
    const repo = new WorkerRepo(`${project}-worker`, remote);
    await repo.fetch("orchestrate/w", base);
    const added = otherProcessAdding(repo.dir, 150);
    const path = `${project}-worker-tree`;
    await repo.addWorktree(path, base);
    await added;
    expect(git(path, "rev-parse", "HEAD")).toBe(base);
    await repo.remove(path);
  });
});
