import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CoordinatorGit, WorkerRepo } from "../../src/queue/git.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-coordinator-git-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" }).trim();

/** Module `m`'s attempt 1 as the worker makes it in its clone (root/worker) and pushes it to the remote; answers its commit. */
function attemptPushed(m: string): string {
  const clone = path.join(root, "worker");
  fs.writeFileSync(path.join(clone, `${m}.txt`), `module ${m}'s work\n`);
  git(clone, "add", `${m}.txt`);
  git(clone, "commit", "--quiet", "-m", `the worker's attempt at ${m}`);
  git(clone, "push", "--quiet", "origin", `HEAD:refs/heads/orchestrate/attempts/r/${m}/1`);
  return git(clone, "rev-parse", "HEAD");
}

describe("the coordinator's fetch of a worker's attempt branch", () => {
  it("is not failed by another worktree's placeholder HEAD, which `git worktree add` writes for a moment", async () => {
    const remote = path.join(root, "remote.git");
    const project = path.join(root, "project");
    fs.mkdirSync(project);
    git(root, "init", "--quiet", "--bare", remote);
    git(project, "init", "--quiet", "-b", "main");
    git(project, "commit", "--quiet", "--allow-empty", "-m", "base");
    git(project, "worktree", "add", "--quiet", "--detach", path.join(root, "gate"));
    // The worker's commit is made in its own clone: the project has none of its objects yet.
    git(project, "push", "--quiet", remote, "HEAD:refs/heads/orchestrate/r");
    git(root, "clone", "--quiet", "--branch", "orchestrate/r", remote, "worker");
    const worker = attemptPushed("m");

    // The moment inside `git worktree add`: HEAD of zeros, then the real one.
    const head = path.join(project, ".git", "worktrees", "gate", "HEAD");
    const real = fs.readFileSync(head, "utf8");
    fs.writeFileSync(head, `${"0".repeat(40)}\n`);
    setTimeout(() => fs.writeFileSync(head, real), 150);

    await expect(new CoordinatorGit(project, remote).fetch("orchestrate/attempts/r/m/1")).resolves.toBe(worker);
  });

  it("is not failed by another worktree's empty commondir, which `git worktree add` writes for a moment (CI saw it fail a 40-module queued run)", async () => {
    const project = path.join(root, "project");
    const remote = path.join(root, "remote.git");
    const worker = attemptPushed("n");

    // The moment before: the admin folder made, its commondir opened and not yet written.
    const admin = path.join(project, ".git", "worktrees", "half");
    fs.mkdirSync(admin);
    fs.writeFileSync(path.join(admin, "gitdir"), `${path.join(root, "half", ".git")}\n`);
    fs.writeFileSync(path.join(admin, "HEAD"), `${git(project, "rev-parse", "HEAD")}\n`);
    fs.writeFileSync(path.join(admin, "commondir"), "");
    setTimeout(() => fs.writeFileSync(path.join(admin, "commondir"), "../..\n"), 150);

    await expect(new CoordinatorGit(project, remote).fetch("orchestrate/attempts/r/n/1")).resolves.toBe(worker);
    fs.rmSync(admin, { recursive: true });
  });

  it("still fails at once, naming the branch, on any other failure", async () => {
    const project = path.join(root, "project");
    await expect(new CoordinatorGit(project, path.join(root, "remote.git")).fetch("orchestrate/attempts/r/nothing/1")).rejects.toThrow(/git fetch of orchestrate\/attempts\/r\/nothing\/1 from the queue's remote .* failed/);
  });
});

describe("a worker's commit of an attempt", () => {
  it("commits the module's work in a project whose .gitignore lists .orchestrate/, leaving the folder out", async () => {
    const remote = path.join(root, "ignoring.git");
    const project = path.join(root, "ignoring");
    fs.mkdirSync(project);
    git(root, "init", "--quiet", "--bare", remote);
    git(project, "init", "--quiet", "-b", "main");
    fs.writeFileSync(path.join(project, ".gitignore"), ".orchestrate/\n");
    git(project, "add", ".gitignore");
    git(project, "commit", "--quiet", "-m", "base");
    const base = git(project, "rev-parse", "HEAD");
    git(project, "push", "--quiet", remote, "HEAD:refs/heads/orchestrate/r");

    const repo = new WorkerRepo(path.join(root, "worker-home"), remote);
    await repo.fetch("orchestrate/r", base);
    const tree = path.join(root, "worker-tree");
    await repo.addWorktree(tree, base);
    // The worker keeps an attempt's files in the worktree's .orchestrate/, which this project ignores.
    fs.mkdirSync(path.join(tree, ".orchestrate"));
    fs.writeFileSync(path.join(tree, ".orchestrate", "prompt.md"), "the prompt\n");
    fs.writeFileSync(path.join(tree, "m.txt"), "the module's work\n");

    const { commit, files } = await repo.commit(tree, base, "attempt");
    expect(files).toEqual(["m.txt"]);
    expect(git(tree, "ls-tree", "-r", "--name-only", commit!)).toBe(".gitignore\nm.txt");
    const patch = await repo.diff(tree, base);
    expect(patch).toContain("+++ b/m.txt");
    expect(patch).not.toContain(".orchestrate");
  });

  it("leaves out what workspace.setup left in the worktree, in the commit and in a failed attempt's patch", async () => {
    const remote = path.join(root, "setup.git");
    const project = path.join(root, "setup");
    fs.mkdirSync(project);
    git(root, "init", "--quiet", "--bare", remote);
    git(project, "init", "--quiet", "-b", "main");
    fs.writeFileSync(path.join(project, "a.txt"), "a\n");
    git(project, "add", "a.txt");
    git(project, "commit", "--quiet", "-m", "base");
    const base = git(project, "rev-parse", "HEAD");
    git(project, "push", "--quiet", remote, "HEAD:refs/heads/orchestrate/s");
    const repo = new WorkerRepo(path.join(root, "setup-home"), remote);
    await repo.fetch("orchestrate/s", base);
    const tree = path.join(root, "setup-tree");
    await repo.addWorktree(tree, base);
    // What the setup wrote: a build folder git does not ignore, and a stamp in a tracked file.
    fs.mkdirSync(path.join(tree, ".build"));
    fs.writeFileSync(path.join(tree, ".build", "out.txt"), "built\n");
    fs.appendFileSync(path.join(tree, "a.txt"), "stamped\n");
    const left = [".build/out.txt", "a.txt"];
    fs.writeFileSync(path.join(tree, "m.txt"), "the module's work\n");

    const patch = await repo.diff(tree, base, left);
    expect(patch).toContain("+++ b/m.txt");
    expect(patch).not.toMatch(/out\.txt|stamped/);
    const { files } = await repo.commit(tree, base, "attempt", left);
    expect(files).toEqual(["m.txt"]);
  });

  it("commits the work as it stood before the gate with the passing gate's changes to its files, what the gate added left out; a patch holds none of the gate's", async () => {
    const remote = path.join(root, "gate.git");
    const project = path.join(root, "gate-project");
    fs.mkdirSync(project);
    git(root, "init", "--quiet", "--bare", remote);
    git(project, "init", "--quiet", "-b", "main");
    fs.writeFileSync(path.join(project, "a.txt"), "a\n");
    git(project, "add", "a.txt");
    git(project, "commit", "--quiet", "-m", "base");
    const base = git(project, "rev-parse", "HEAD");
    git(project, "push", "--quiet", remote, "HEAD:refs/heads/orchestrate/g");
    const repo = new WorkerRepo(path.join(root, "gate-home"), remote);
    await repo.fetch("orchestrate/g", base);
    const tree = path.join(root, "gate-tree");
    await repo.addWorktree(tree, base);
    fs.writeFileSync(path.join(tree, "m.txt"), "the module's work\n");
    fs.writeFileSync(path.join(tree, "a.txt"), "a, by the agent\n");
    const work = await repo.work(tree, tree);
    // The gate: a lock file and build output, and the agent's file changed again.
    fs.writeFileSync(path.join(tree, "Cargo.lock"), "written by cargo\n");
    fs.mkdirSync(path.join(tree, "target"));
    fs.writeFileSync(path.join(tree, "target", "out"), "built\n");
    fs.writeFileSync(path.join(tree, "a.txt"), "a, by the gate\n");

    const patch = await repo.diff(tree, base, [], work);
    expect(patch).toContain("+a, by the agent");
    expect(patch).not.toMatch(/Cargo|target|by the gate/);
    const { commit, files, gate } = await repo.commit(tree, base, "attempt", [], work);
    expect(files).toEqual(["a.txt", "m.txt"]);
    expect(gate).toEqual(["a.txt"]);
    expect(git(tree, "show", `${commit!}:a.txt`)).toBe("a, by the gate");
  });

  it("leaves out a setup's files past the command line's length limit", async () => {
    const remote = path.join(root, "many.git");
    const project = path.join(root, "many");
    fs.mkdirSync(project);
    git(root, "init", "--quiet", "--bare", remote);
    git(project, "init", "--quiet", "-b", "main");
    git(project, "commit", "--quiet", "--allow-empty", "-m", "base");
    const base = git(project, "rev-parse", "HEAD");
    git(project, "push", "--quiet", remote, "HEAD:refs/heads/orchestrate/n");
    const repo = new WorkerRepo(path.join(root, "many-home"), remote);
    await repo.fetch("orchestrate/n", base);
    const tree = path.join(root, "many-tree");
    await repo.addWorktree(tree, base);
    // 2.6 MB of paths: more than Linux's 2 MB for a command's arguments.
    const folder = `gen/${"a".repeat(200)}/${"b".repeat(200)}`;
    fs.mkdirSync(path.join(tree, folder), { recursive: true });
    const left = Array.from({ length: 4_000 }, (_, i) => `${folder}/${"c".repeat(200)}-${i}`);
    for (const p of left) fs.writeFileSync(path.join(tree, p), "");
    fs.writeFileSync(path.join(tree, "m.txt"), "the module's work\n");

    const { files } = await repo.commit(tree, base, "attempt", left);
    expect(files).toEqual(["m.txt"]);
  }, 60_000);
});
