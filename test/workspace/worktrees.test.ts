import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { openRepo, RunWorktrees, removeRunWorktrees, type Repo, type WorkspaceSetup } from "../../src/workspace/index.js";
import { makeProject } from "../helpers/project.js";
import { checkout, extraWorktrees, git, makeRepo, orchestrateBranches, writeFiles } from "./git-fixture.js";

const PLAIN: WorkspaceSetup = { share: [], timeoutMs: 10_000 };

async function repoAt(root: string): Promise<Repo> {
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  return repo;
}

async function started(root: string, setup = PLAIN, runId = "r1"): Promise<RunWorktrees> {
  const repo = await repoAt(root);
  const trees = new RunWorktrees(repo, root, runId, setup);
  await trees.start(repo.head);
  return trees;
}

const FILES = { "a.txt": "one\ntwo\nthree\n", "b.txt": "b\n" };

describe("RunWorktrees", () => {
  it("leaves what workspace.setup wrote or changed out of the attempt's commit and changed files, in a monorepo's package too", async () => {
    const root = makeRepo({ "pkg/a.txt": "a\n", "pkg/b.txt": "b\n", "other.txt": "o\n" });
    const trees = await started(join(root, "pkg"), { ...PLAIN, setup: "mkdir -p .build && echo built > .build/out.txt && echo stamped >> b.txt" });
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(readFileSync(join(tree.dir, ".build/out.txt"), "utf8")).toBe("built\n");
    // The folder the setup made is one entry, however many files it holds.
    expect(tree.setupLeft).toEqual(["pkg/b.txt", "pkg/.build/"]);
    writeFileSync(join(tree.dir, "c.txt"), "the agent's\n");
    writeFileSync(join(tree.dir, ".build/more.txt"), "in the setup's folder\n");
    expect(await trees.changes(tree)).toEqual(["c.txt"]);
    const { commit, files } = await trees.commit(tree, "m: work");
    expect(files).toEqual(["c.txt"]);
    expect(git(root, "show", "--name-only", "--format=", commit!)).toBe("pkg/c.txt");
  });

  it("commits what a passing gate changed in the work's files (a lock file), never what it added or deleted; a failed attempt's patch holds none of it", async () => {
    const root = makeRepo({ "a.txt": "a\n", "b.txt": "b\n", "Cargo.lock": "old\n" });
    const trees = await started(root);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    // The agent: a new file, and a tracked one changed.
    writeFiles(tree.dir, { "c.txt": "the agent's\n", "a.txt": "a, by the agent\n" });
    await trees.beforeGate(tree);
    // The gate: build output, a lock file rewritten, the agent's file changed again, a file removed.
    writeFiles(tree.dir, { "target/debug/out": "built\n", "Cargo.lock": "new\n", "a.txt": "a, by the gate\n", ".pytest_cache/v": "x\n" });
    execFileSync("rm", [join(tree.dir, "b.txt")]);
    const patch = await trees.diff(tree);
    expect(patch).toContain("+a, by the agent");
    expect(patch).not.toMatch(/target|Cargo\.lock|pytest|by the gate|b\.txt/);
    const { commit, files, gate } = await trees.commit(tree, "m: work");
    expect(files).toEqual(["Cargo.lock", "a.txt", "c.txt"]);
    expect(gate).toEqual(["Cargo.lock", "a.txt"]);
    expect(git(root, "show", `${commit!}:a.txt`)).toBe("a, by the gate");
    expect(git(root, "show", `${commit!}:Cargo.lock`)).toBe("new");
    expect(git(root, "show", `${commit!}:b.txt`)).toBe("b");
  });

  it("commits a file the agent rewrote, same size, in the clock tick of the checkout's index (git reads a file as new as its index)", async () => {
    const root = makeRepo({ "shared.txt": "b\n" });
    const trees = await started(root);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    // The checkout, its index and the agent's write in one tick: ctime aside (a tick's, not forged here), the stats match.
    git(tree.path, "config", "core.trustctime", "false");
    const tick = new Date("2024-01-01T00:00:00Z");
    utimesSync(join(tree.dir, "shared.txt"), tick, tick);
    git(tree.path, "update-index", "--refresh");
    const index = git(tree.path, "rev-parse", "--git-path", "index");
    utimesSync(resolve(tree.path, index), tick, tick);
    writeFileSync(join(tree.dir, "shared.txt"), "a\n");
    utimesSync(join(tree.dir, "shared.txt"), tick, tick);
    await trees.beforeGate(tree);
    const { commit, files } = await trees.commit(tree, "m: work");
    expect(files).toEqual(["shared.txt"]);
    expect(git(root, "show", `${commit!}:shared.txt`)).toBe("a");
  });

  it("makes the integration branch at HEAD and attempt worktrees of its head, never touching the checkout", async () => {
    const root = makeRepo(FILES);
    const before = checkout(root);
    const trees = await started(root);
    expect(git(root, "rev-parse", "orchestrate/r1")).toBe(before.head);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(tree.path).toBe(join(root, ".orchestrate/worktrees/r1/m-1"));
    expect(readFileSync(join(tree.dir, "a.txt"), "utf8")).toBe(FILES["a.txt"]);
    writeFileSync(join(tree.dir, "c.txt"), "new\n");
    writeFileSync(join(tree.dir, "a.txt"), "one\nTWO\nthree\n");
    expect(await trees.changes(tree)).toEqual(["a.txt", "c.txt"]);
    const { commit, files } = await trees.commit(tree, "m: work");
    expect(files).toEqual(["a.txt", "c.txt"]);
    const merged = await trees.merge(commit!, "Merge m");
    expect(merged.ok).toBe(true);
    expect(git(root, "show", "orchestrate/r1:c.txt")).toBe("new");
    // Merged once: merging it again is a no-op that answers the head.
    const again = await trees.merge(commit!, "Merge m");
    expect(again).toEqual({ ok: true, commit: git(root, "rev-parse", "orchestrate/r1") });
    expect(git(root, "rev-list", "--count", "--merges", "orchestrate/r1")).toBe("1");
    await trees.remove(tree);
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual(["orchestrate/r1"]);
    // The user's checkout, its index and `git status` (the .orchestrate/ folder is excluded) are as they were.
    expect(checkout(root)).toEqual(before);
  });

  it("commits nothing for an attempt that changed nothing", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(await trees.commit(tree, "m: nothing")).toEqual({ files: [] });
  });

  it("merges two attempts of the same base that change different files, one after the other", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    const [x, y] = await Promise.all([trees.create("x-1", "orchestrate/attempts/r1/x/1"), trees.create("y-1", "orchestrate/attempts/r1/y/1")]);
    writeFileSync(join(x.dir, "x.txt"), "x\n");
    writeFileSync(join(y.dir, "y.txt"), "y\n");
    // The second worktree does not see the first's file.
    expect(existsSync(join(y.dir, "x.txt"))).toBe(false);
    const [cx, cy] = await Promise.all([trees.commit(x, "x"), trees.commit(y, "y")]);
    const [mx, my] = await Promise.all([trees.merge(cx.commit!, "Merge x"), trees.merge(cy.commit!, "Merge y")]);
    expect(mx.ok && my.ok).toBe(true);
    expect(git(root, "ls-tree", "--name-only", "orchestrate/r1").split("\n")).toEqual(["a.txt", "b.txt", "x.txt", "y.txt"]);
    expect(git(root, "log", "--first-parent", "--format=%s", "orchestrate/r1")).toBe("Merge y\nMerge x\ninitial");
  });

  it("answers a conflict with its files and hunks and leaves the integration branch where it was", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    const [x, y] = await Promise.all([trees.create("x-1", "orchestrate/attempts/r1/x/1"), trees.create("y-1", "orchestrate/attempts/r1/y/1")]);
    writeFileSync(join(x.dir, "a.txt"), "one\nfrom x\nthree\n");
    writeFileSync(join(y.dir, "a.txt"), "one\nfrom y\nthree\n");
    const cx = await trees.commit(x, "x");
    const cy = await trees.commit(y, "y");
    expect((await trees.merge(cx.commit!, "Merge x")).ok).toBe(true);
    const head = await trees.head();
    const conflict = await trees.merge(cy.commit!, "Merge y");
    expect(conflict.ok).toBe(false);
    if (conflict.ok) return;
    expect(conflict.files).toEqual(["a.txt"]);
    expect(conflict.detail).toContain("CONFLICT (content): Merge conflict in a.txt");
    expect(conflict.detail).toMatch(/a\.txt:\nline 2:\n<<<<<<< [0-9a-f]+\nfrom x\n=======\nfrom y\n>>>>>>> [0-9a-f]+/);
    expect(await trees.head()).toBe(head);
    // A retry from the new head sees x's line and can land.
    const retry = await trees.create("y-2", "orchestrate/attempts/r1/y/2");
    expect(readFileSync(join(retry.dir, "a.txt"), "utf8")).toBe("one\nfrom x\nthree\n");
    writeFileSync(join(retry.dir, "a.txt"), "one\nfrom x\nfrom y\nthree\n");
    const merged = await trees.merge((await trees.commit(retry, "y again")).commit!, "Merge y");
    expect(merged.ok).toBe(true);
  });

  it("makes and removes worktrees one at a time, however many attempts start at once (git fails adding one while another is half made)", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    // git behind a shim that notes any two worktree commands running at the same time (and holds each a moment, so they would).
    const shim = makeProject({});
    const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    writeFileSync(join(shim, "git"), `#!/bin/sh\ncase " $* " in *" worktree "*)\n  mkdir ${shim}/busy 2>/dev/null || echo overlap >> ${shim}/overlaps\n  sleep 0.05; ${real} "$@"; rc=$?; rmdir ${shim}/busy 2>/dev/null; exit $rc;;\nesac\nexec ${real} "$@"\n`);
    chmodSync(join(shim, "git"), 0o755);
    const path = process.env["PATH"];
    process.env["PATH"] = `${shim}:${path}`;
    try {
      const ids = Array.from({ length: 6 }, (_, i) => `m${i}`);
      const made = await Promise.all(ids.map((id) => trees.create(`${id}-1`, `orchestrate/attempts/r1/${id}/1`)));
      expect(made.map((t) => readFileSync(join(t.dir, "b.txt"), "utf8"))).toEqual(ids.map(() => "b\n"));
      await Promise.all([...made.map((t) => trees.remove(t)), trees.create("late-1", "orchestrate/attempts/r1/late/1")]);
    } finally {
      process.env["PATH"] = path;
    }
    expect(existsSync(join(shim, "overlaps"))).toBe(false);
    expect(extraWorktrees(root)).toHaveLength(1);
  });

  it("discards every worktree and attempt branch of a run, the integration branch kept", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    await trees.create("x-1", "orchestrate/attempts/r1/x/1");
    await trees.create("y-1", "orchestrate/attempts/r1/y/1");
    const other = await started(root, PLAIN, "r2");
    await other.create("x-1", "orchestrate/attempts/r2/x/1");
    expect(await removeRunWorktrees(root, "r1")).toEqual({ worktrees: 2, branches: 2 });
    expect(orchestrateBranches(root).sort()).toEqual(["orchestrate/attempts/r2/x/1", "orchestrate/r1", "orchestrate/r2"]);
    expect(extraWorktrees(root)).toEqual([join(root, ".orchestrate/worktrees/r2/x-1")].map((p) => `worktree ${p}`));
  });

  it("recreates a worktree a killed process left at its path", async () => {
    const root = makeRepo(FILES);
    const trees = await started(root);
    const first = await trees.create("x-1", "orchestrate/attempts/r1/x/1");
    writeFileSync(join(first.dir, "half.txt"), "half-written");
    const again = await trees.create("x-1", "orchestrate/attempts/r1/x/1");
    expect(existsSync(join(again.dir, "half.txt"))).toBe(false);
    expect(extraWorktrees(root)).toHaveLength(1);
  });

  it("runs a project in a subfolder of a repository in the same subfolder of each worktree", async () => {
    const root = makeRepo({ "README.md": "monorepo\n", "packages/app/a.txt": "a\n", "packages/other/o.txt": "o\n" });
    const project = join(root, "packages/app");
    const repo = await repoAt(project);
    expect(repo.prefix).toBe("packages/app/");
    const trees = new RunWorktrees(repo, project, "r1", PLAIN);
    await trees.start(repo.head);
    const tree = await trees.create("m-1", "orchestrate/attempts/r1/m/1");
    expect(tree.path).toBe(join(project, ".orchestrate/worktrees/r1/m-1"));
    expect(resolve(tree.dir)).toBe(join(tree.path, "packages/app"));
    writeFileSync(join(tree.dir, "new.txt"), "new\n");
    // Only the project's folder is the attempt's: a change elsewhere in the repository is not committed.
    writeFileSync(join(tree.path, "packages/other/o.txt"), "changed\n");
    expect(await trees.changes(tree)).toEqual(["new.txt"]);
    const { commit, files } = await trees.commit(tree, "m");
    expect(files).toEqual(["new.txt"]);
    expect((await trees.merge(commit!, "Merge m")).ok).toBe(true);
    expect(git(root, "show", "orchestrate/r1:packages/app/new.txt")).toBe("new");
    expect(git(root, "show", "orchestrate/r1:packages/other/o.txt")).toBe("o");
    // The state folder is excluded in the repository, so the user's `git status` stays clean.
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("reports a conflict's files relative to the project in a monorepo", async () => {
    const root = makeRepo({ "packages/app/a.txt": "1\n2\n3\n" });
    const project = join(root, "packages/app");
    const repo = await repoAt(project);
    const trees = new RunWorktrees(repo, project, "r1", PLAIN);
    await trees.start(repo.head);
    const [x, y] = await Promise.all([trees.create("x-1", "orchestrate/attempts/r1/x/1"), trees.create("y-1", "orchestrate/attempts/r1/y/1")]);
    writeFileSync(join(x.dir, "a.txt"), "1\nx\n3\n");
    writeFileSync(join(y.dir, "a.txt"), "1\ny\n3\n");
    expect((await trees.merge((await trees.commit(x, "x")).commit!, "Merge x")).ok).toBe(true);
    const conflict = await trees.merge((await trees.commit(y, "y")).commit!, "Merge y");
    expect(conflict.ok ? [] : conflict.files).toEqual(["a.txt"]);
  });

  it("commits and merges in a repository with no user.name or user.email, under orchestrate's name", async () => {
    const root = makeRepo(FILES, { identity: false });
    expect(() => git(root, "config", "user.email")).toThrow();
    const repo = await repoAt(root);
    expect(repo.identity).toBe(false);
    const trees = await started(root);
    const [x, y] = await Promise.all([trees.create("x-1", "orchestrate/attempts/r1/x/1"), trees.create("y-1", "orchestrate/attempts/r1/y/1")]);
    writeFileSync(join(x.dir, "x.txt"), "x\n");
    writeFileSync(join(y.dir, "y.txt"), "y\n");
    expect((await trees.merge((await trees.commit(x, "x")).commit!, "Merge x")).ok).toBe(true);
    expect((await trees.merge((await trees.commit(y, "y")).commit!, "Merge y")).ok).toBe(true);
    expect(git(root, "log", "-2", "--format=%an <%ae> / %cn", "orchestrate/r1")).toBe("orchestrate <orchestrate@localhost> / orchestrate\norchestrate <orchestrate@localhost> / orchestrate");
  });

  it("commits and merges though the repository's pre-commit and commit-msg hooks refuse every commit", async () => {
    const root = makeRepo(FILES);
    for (const hook of ["pre-commit", "commit-msg"]) {
      writeFiles(root, { [`.git/hooks/${hook}`]: "#!/bin/sh\necho hook refuses >&2\nexit 1\n" });
      chmodSync(join(root, ".git/hooks", hook), 0o755);
    }
    // The hooks do refuse the user's own commits.
    writeFileSync(join(root, "b.txt"), "changed\n");
    expect(() => git(root, "commit", "-qam", "mine")).toThrow(/hook refuses/);
    git(root, "checkout", "-q", "--", "b.txt");
    const trees = await started(root);
    const tree = await trees.create("x-1", "orchestrate/attempts/r1/x/1");
    writeFileSync(join(tree.dir, "x.txt"), "x\n");
    const { commit } = await trees.commit(tree, "x");
    expect(commit).toBeDefined();
    expect((await trees.merge(commit!, "Merge x")).ok).toBe(true);
    expect(git(root, "show", "orchestrate/r1:x.txt")).toBe("x");
  });
});
