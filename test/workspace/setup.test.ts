import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openRepo, RunWorktrees, WorkspaceError, type WorkspaceSetup } from "../../src/workspace/index.js";
import { extraWorktrees, git, makeRepo, orchestrateBranches } from "./git-fixture.js";

async function started(root: string, setup: WorkspaceSetup): Promise<RunWorktrees> {
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  const trees = new RunWorktrees(repo, root, "r1", setup);
  await trees.start(repo.head);
  return trees;
}

describe("workspace.share and workspace.setup", () => {
  it("links shared folders into each worktree and never commits them", async () => {
    const root = makeRepo({ ".gitignore": "node_modules/\n", "a.txt": "a\n" });
    mkdirSync(join(root, "node_modules/dep"), { recursive: true });
    writeFileSync(join(root, "node_modules/dep/index.js"), "module.exports = 1;\n");
    const trees = await started(root, { share: ["node_modules", "missing"], timeoutMs: 10_000 });
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(lstatSync(join(tree.dir, "node_modules")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tree.dir, "node_modules/dep/index.js"), "utf8")).toContain("module.exports");
    // A shared path the checkout does not have is skipped, not linked to nothing.
    expect(existsSync(join(tree.dir, "missing"))).toBe(false);
    writeFileSync(join(tree.dir, "b.txt"), "b\n");
    expect(await trees.changes(tree)).toEqual(["b.txt"]);
    const { commit, files } = await trees.commit(tree, "m");
    expect(files).toEqual(["b.txt"]);
    expect(git(root, "ls-tree", "-r", "--name-only", commit!)).toBe(".gitignore\na.txt\nb.txt");
    await trees.remove(tree);
    // Removing the worktree removes the link, not what it points to.
    expect(readdirSync(join(root, "node_modules/dep"))).toEqual(["index.js"]);
  });

  it("never commits a shared link even when the repository does not ignore it", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    mkdirSync(join(root, ".venv"));
    writeFileSync(join(root, ".venv/python"), "");
    const trees = await started(root, { share: [".venv"], timeoutMs: 10_000 });
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(existsSync(join(tree.dir, ".venv/python"))).toBe(true);
    writeFileSync(join(tree.dir, "b.txt"), "b\n");
    const { commit } = await trees.commit(tree, "m");
    expect(git(root, "ls-tree", "-r", "--name-only", commit!)).toBe("a.txt\nb.txt");
  });

  it("runs the setup command once per worktree, in its project folder, before the work", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const log = join(root, ".orchestrate-setup.log");
    const trees = await started(root, { share: [], setup: `pwd >> ${log}; echo ready > setup-done`, timeoutMs: 10_000 });
    const x = await trees.create("x-1", "orchestrate/attempts/r1/x/1");
    const y = await trees.create("y-1", "orchestrate/attempts/r1/y/1");
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([x.dir, y.dir]);
    expect(readFileSync(join(x.dir, "setup-done"), "utf8")).toBe("ready\n");
  });

  it("fails the worktree with the setup's output when setup fails, leaving no worktree or branch", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const trees = await started(root, { share: [], setup: "echo installing; echo 'npm ERR! missing lockfile' >&2; exit 3", timeoutMs: 10_000 });
    const error = await trees.create("x-1", "orchestrate/attempts/r1/x/1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/^workspace\.setup `echo installing.*` exited 3 in .*: npm ERR! missing lockfile/s);
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual(["orchestrate/r1"]);
  });

  it("times out a setup that hangs", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const trees = await started(root, { share: [], setup: "sleep 30", timeoutMs: 200 });
    await expect(trees.create("x-1", "orchestrate/attempts/r1/x/1")).rejects.toThrow(/timed out after 200 ms \(workspace\.setupTimeoutMs in orchestrate\.config\.yaml\)/);
  });
});
