import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openRepo } from "../../src/workspace/repo.js";
import { RunWorktrees } from "../../src/workspace/worktrees.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A committed repository whose `.gitignore` names `node_modules`, with a `node_modules` folder in the checkout. */
function repoWithIgnoredModules(ignore: string): string {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-share-ignored-"));
  roots.push(root);
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, stdio: "pipe" });
  git("init", "-q");
  writeFileSync(join(root, ".gitignore"), ignore);
  writeFileSync(join(root, "a.txt"), "a\n");
  git("add", "-A");
  git("commit", "-qm", "start");
  mkdirSync(join(root, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(root, "node_modules", "dep", "index.js"), "module.exports = 1;\n");
  return root;
}

describe("workspace.share of a path git ignores", () => {
  // `git add -A -- . ':(exclude)node_modules'` exits 1 when node_modules is ignored and exists:
  // every attempt of a project sharing its ignored node_modules failed to land.
  it.each(["node_modules\n", "node_modules/\n", ""])("commits and merges the attempt's work, never the link (.gitignore %j)", async (ignore) => {
    const root = repoWithIgnoredModules(ignore);
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const trees = new RunWorktrees(repo, root, "run1", { share: ["node_modules"], timeoutMs: 10_000 });
    await trees.start(repo.head);
    const tree = await trees.create("m-1", "orchestrate/attempts/run1/m/1");
    expect(readFileSync(join(tree.dir, "node_modules", "dep", "index.js"), "utf8")).toContain("module.exports");
    writeFileSync(join(tree.dir, "a.txt"), "changed\n");
    const { commit, files } = await trees.commit(tree, "m: change a");
    expect(files).toEqual(["a.txt"]);
    const merged = await trees.merge(commit!, "Merge m");
    expect(merged.ok).toBe(true);
    await trees.remove(tree);
    const listed = execFileSync("git", ["ls-tree", "-r", "--name-only", trees.branch], { cwd: root, encoding: "utf8" });
    expect(listed.split("\n").filter(Boolean).sort()).toEqual([".gitignore", "a.txt"]);
    expect(execFileSync("git", ["show", `${trees.branch}:a.txt`], { cwd: root, encoding: "utf8" })).toBe("changed\n");
  });
});

describe("an agent that commits its own work", () => {
  // Its commit left the index equal to HEAD, so "nothing staged" read as "nothing changed":
  // the module was done with no merge and its work was dropped with the worktree.
  it.each([
    ["all of it", false],
    ["part of it", true],
  ])("lands its commits (%s committed)", async (_, more) => {
    const root = repoWithIgnoredModules("node_modules\n");
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const trees = new RunWorktrees(repo, root, "run1", { share: [], timeoutMs: 10_000 });
    await trees.start(repo.head);
    const tree = await trees.create("m-1", "orchestrate/attempts/run1/m/1");
    writeFileSync(join(tree.dir, "a.txt"), "by the agent\n");
    execFileSync("git", ["-c", "user.name=agent", "-c", "user.email=a@a", "commit", "-qam", "agent's own commit"], { cwd: tree.dir });
    if (more) writeFileSync(join(tree.dir, "b.txt"), "not committed\n");
    const { commit, files } = await trees.commit(tree, "m: work");
    expect(files).toEqual(more ? ["a.txt", "b.txt"] : ["a.txt"]);
    expect((await trees.merge(commit!, "Merge m")).ok).toBe(true);
    expect(execFileSync("git", ["show", `${trees.branch}:a.txt`], { cwd: root, encoding: "utf8" })).toBe("by the agent\n");
  });

  it("answers no commit when nothing changed", async () => {
    const root = repoWithIgnoredModules("node_modules\n");
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const trees = new RunWorktrees(repo, root, "run1", { share: ["node_modules"], timeoutMs: 10_000 });
    await trees.start(repo.head);
    const tree = await trees.create("m-1", "orchestrate/attempts/run1/m/1");
    expect(await trees.commit(tree, "m: nothing")).toEqual({ files: [] });
  });
});

describe("Python's bytecode caches in an attempt's worktree", () => {
  // A gate's pytest writes pkg/__pycache__/*.pyc in each worktree; the project's .gitignore did
  // not name them, so each attempt committed its own, and two attempts of one package conflicted
  // on pkg/__pycache__/__init__.cpython-311.pyc when the second was merged.
  it("commits the attempt's sources and never a __pycache__ folder or .pyc file, so two attempts that ran the tests merge", async () => {
    const root = repoWithIgnoredModules("");
    mkdirSync(join(root, "pkg"));
    writeFileSync(join(root, "pkg", "__init__.py"), "");
    execFileSync("git", ["add", "pkg"], { cwd: root });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "pkg"], { cwd: root });
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const trees = new RunWorktrees(repo, root, "run1", { share: [], timeoutMs: 10_000 });
    await trees.start(repo.head);
    const landed: string[][] = [];
    const commits: string[] = [];
    for (const m of ["a", "b"]) {
      const tree = await trees.create(`${m}-1`, `orchestrate/attempts/run1/${m}/1`);
      writeFileSync(join(tree.dir, "pkg", `${m}.py`), `NAME = "${m}"\n`);
      mkdirSync(join(tree.dir, "pkg", "__pycache__"));
      writeFileSync(join(tree.dir, "pkg", "__pycache__", "__init__.cpython-311.pyc"), `bytecode of ${m}'s checkout`);
      writeFileSync(join(tree.dir, `${m}.pyc`), "stray bytecode");
      expect(await trees.changes(tree)).toEqual([`pkg/${m}.py`]);
      const { commit, files } = await trees.commit(tree, `${m}: its module`);
      landed.push(files);
      commits.push(commit!);
      await trees.remove(tree);
    }
    expect(landed).toEqual([["pkg/a.py"], ["pkg/b.py"]]);
    for (const commit of commits) expect((await trees.merge(commit, "Merge")).ok).toBe(true);
    const listed = execFileSync("git", ["ls-tree", "-r", "--name-only", trees.branch], { cwd: root, encoding: "utf8" });
    expect(listed.split("\n").filter(Boolean).sort()).toEqual([".gitignore", "a.txt", "pkg/__init__.py", "pkg/a.py", "pkg/b.py"]);
  });
});
