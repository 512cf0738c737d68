import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CoordinatorGit } from "../../src/queue/git.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-coordinator-git-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" }).trim();

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
    const clone = path.join(root, "worker");
    fs.writeFileSync(path.join(clone, "m.txt"), "the module's work\n");
    git(clone, "add", "m.txt");
    git(clone, "commit", "--quiet", "-m", "the worker's attempt");
    const worker = git(clone, "rev-parse", "HEAD");
    git(clone, "push", "--quiet", "origin", "HEAD:refs/heads/orchestrate/attempts/r/m/1");

    // The moment inside `git worktree add`: HEAD of zeros, then the real one.
    const head = path.join(project, ".git", "worktrees", "gate", "HEAD");
    const real = fs.readFileSync(head, "utf8");
    fs.writeFileSync(head, `${"0".repeat(40)}\n`);
    setTimeout(() => fs.writeFileSync(head, real), 150);

    await expect(new CoordinatorGit(project, remote).fetch("orchestrate/attempts/r/m/1")).resolves.toBe(worker);
  });

  it("still fails at once, naming the branch, on any other failure", async () => {
    const project = path.join(root, "project");
    await expect(new CoordinatorGit(project, path.join(root, "remote.git")).fetch("orchestrate/attempts/r/nothing/1")).rejects.toThrow(/git fetch of orchestrate\/attempts\/r\/nothing\/1 from the queue's remote .* failed/);
  });
});
