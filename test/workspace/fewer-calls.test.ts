import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasIdentity } from "../../src/workspace/git.js";
import { openRepo, RunWorktrees, WorkspaceError, type Repo } from "../../src/workspace/index.js";
import { makeProject } from "../helpers/project.js";
import { git, makeRepo, writeFiles } from "./git-fixture.js";

// What the git calls folded together or left out (test/workspace/git-processes.int.test.ts counts them) still answer.

async function repoAt(root: string): Promise<Repo> {
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  return repo;
}

async function started(root: string): Promise<RunWorktrees> {
  const repo = await repoAt(root);
  const trees = new RunWorktrees(repo, root, "r1", { share: [], timeoutMs: 10_000 });
  await trees.start(repo.head);
  return trees;
}

/** An attempt's commit on the integration head, changing `file`. */
async function attempt(trees: RunWorktrees, name: string, file: string, text: string): Promise<string> {
  const tree = await trees.create(name, `orchestrate/attempts/r1/${name}`);
  writeFiles(tree.dir, { [file]: text });
  const { commit } = await trees.commit(tree, name);
  await trees.remove(tree);
  return commit!;
}

describe("openRepo in one rev-parse", () => {
  it("answers the top, the project's folder, HEAD and the branch; detached, no commit and no repository as before", async () => {
    const root = makeRepo({ "pkg/a.txt": "a" });
    const repo = await repoAt(join(root, "pkg"));
    expect(repo).toMatchObject({ prefix: "pkg/", head: git(root, "rev-parse", "HEAD"), branch: "main", identity: true });
    // A file named HEAD is no ambiguous argument.
    writeFileSync(join(root, "pkg", "HEAD"), "x");
    expect((await repoAt(join(root, "pkg"))).head).toBe(repo.head);
    git(root, "checkout", "-q", "--detach");
    expect((await repoAt(root)).branch).toBeUndefined();
    const unborn = makeProject({ "a.txt": "a" });
    git(unborn, "init", "-q");
    expect(await openRepo(unborn)).toEqual({ reason: "the git repository has no commit yet" });
    expect(await openRepo(makeProject({ "a.txt": "a" }))).toEqual({ reason: "the project is not a git repository" });
  });
});

describe("hasIdentity in one git config", () => {
  it.each([
    [{}, false],
    [{ "user.name": "N" }, false],
    [{ "user.name": "N", "user.email": "e@x" }, true],
    [{ "user.name": "N", "user.email": "  " }, false],
  ] as const)("reads %j as %s", async (config, expected) => {
    const root = makeRepo({ "a.txt": "a" }, { identity: false });
    for (const [key, value] of Object.entries(config)) git(root, "config", key, value);
    expect(await hasIdentity(root)).toBe(expected);
  });

  it("takes the last value of a key set twice, as `git config <key>` does", async () => {
    const root = makeRepo({ "a.txt": "a" }, { identity: false });
    git(root, "config", "user.email", "e@x");
    git(root, "config", "--add", "user.name", "N");
    git(root, "config", "--add", "user.name", "");
    expect(await hasIdentity(root)).toBe(false);
    git(root, "config", "--add", "user.name", "M");
    expect(await hasIdentity(root)).toBe(true);
  });
});

describe("a commit tried before asking whether anything is staged", () => {
  it("fails with git's message when the commit fails with work staged: never taken for nothing to commit", async () => {
    const root = makeRepo({ "a.txt": "a" });
    const trees = await started(root);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    writeFiles(tree.dir, { "a.txt": "changed" });
    // The attempt's branch locked: `git commit` cannot move it.
    const lock = join(root, ".git", "refs", "heads", "orchestrate", "attempts", "r1", "m", "1.lock");
    writeFileSync(lock, "");
    await expect(trees.commit(tree, "m: work")).rejects.toThrow(/git .*commit -q --no-verify -m m: work failed in .*1\.lock/s);
  });

  it("never commits orchestrate's folder in a worktree, ignored (a folder) or not (a file)", async () => {
    const root = makeRepo({ "a.txt": "a" });
    const trees = await started(root);
    const folder = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    mkdirSync(join(folder.dir, ".orchestrate"));
    writeFiles(folder.dir, { ".orchestrate/x": "state", "a.txt": "changed" });
    expect((await trees.commit(folder, "m")).files).toEqual(["a.txt"]);
    const file = await trees.create("n-1", "orchestrate/attempts/r1/n/1");
    writeFiles(file.dir, { ".orchestrate": "a file", "b.txt": "new" });
    expect((await trees.commit(file, "n")).files).toEqual(["b.txt"]);
    expect(existsSync(join(file.dir, ".orchestrate"))).toBe(true);
  });
});

describe("a merge from the head the run last wrote", () => {
  it("lands on the head as git has it when the branch was moved outside the run", async () => {
    const root = makeRepo({ "a.txt": "a", "b.txt": "b", "c.txt": "c" });
    const trees = await started(root);
    const x = await attempt(trees, "x", "a.txt", "x");
    expect((await trees.merge(x, "Merge x")).ok).toBe(true);
    // The user commits onto the integration branch.
    const user = await attempt(trees, "u", "c.txt", "user");
    git(root, "update-ref", `refs/heads/${trees.branch}`, git(root, "-c", "user.name=u", "-c", "user.email=u@u", "commit-tree", `${user}^{tree}`, "-p", await trees.head(), "-m", "user"));
    const moved = await trees.head();
    const y = await attempt(trees, "y", "b.txt", "y");
    const merged = await trees.merge(y, "Merge y");
    expect(merged.ok).toBe(true);
    expect(git(root, "rev-parse", `${trees.branch}^1`)).toBe(moved);
    expect(git(root, "show", `${trees.branch}:c.txt`)).toBe("user");
  });

  it("merges again a commit the branch was reset from, rather than answering it is in", async () => {
    const root = makeRepo({ "a.txt": "a" });
    const trees = await started(root);
    const before = await trees.head();
    const x = await attempt(trees, "x", "a.txt", "x");
    expect((await trees.merge(x, "Merge x")).ok).toBe(true);
    git(root, "update-ref", `refs/heads/${trees.branch}`, before);
    const again = await trees.merge(x, "Merge x");
    expect(again).toEqual({ ok: true, commit: git(root, "rev-parse", trees.branch) });
    expect(git(root, "rev-parse", `${trees.branch}^1`)).toBe(before);
    expect(git(root, "show", `${trees.branch}:a.txt`)).toBe("x");
  });

  it("says the branch is gone when it was deleted, as it did", async () => {
    const root = makeRepo({ "a.txt": "a", "b.txt": "b" });
    const trees = await started(root);
    const x = await attempt(trees, "x", "a.txt", "x");
    git(root, "branch", "-D", trees.branch);
    const error = await trees.merge(x, "Merge x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/integration branch orchestrate\/r1 is gone/);
  });

  it("fast-forwards to a descendant and answers the head for a commit it holds, in one merge-base", async () => {
    const root = makeRepo({ "a.txt": "a" });
    const trees = await started(root);
    const head = await trees.head();
    const x = await attempt(trees, "x", "a.txt", "x");
    expect(await trees.merge(x, "docs", true)).toEqual({ ok: true, commit: x });
    expect(await trees.merge(head, "old")).toEqual({ ok: true, commit: x });
    expect(git(root, "rev-parse", trees.branch)).toBe(x);
  });
});
