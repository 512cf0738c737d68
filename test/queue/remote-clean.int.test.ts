import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanRemoteBranches } from "../../src/queue/remote-clean.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-remote-clean-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" }).trim();
const heads = (remote: string) => git(remote, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean).sort();

function setUp(name: string): { project: string; remote: string } {
  const remote = path.join(root, `${name}.git`);
  const project = path.join(root, name);
  fs.mkdirSync(project);
  git(root, "init", "--quiet", "--bare", remote);
  git(project, "init", "--quiet", "-b", "main");
  git(project, "commit", "--quiet", "--allow-empty", "-m", "base");
  for (const branch of ["orchestrate/r1", "orchestrate/attempts/r1/a/1", "orchestrate/attempts/r1/b/2", "orchestrate/r2", "orchestrate/attempts/r2/a/1"]) git(project, "push", "--quiet", remote, `HEAD:refs/heads/${branch}`);
  return { project, remote };
}

describe("a queued run's branches on the queue's remote, at `clean`", () => {
  it("go: its attempt branches always, its integration branch when asked; another run's stay", async () => {
    const { project, remote } = setUp("p1");
    const first = await cleanRemoteBranches(project, remote, "r1", false);
    expect(first).toEqual({ state: "deleted", branches: ["orchestrate/attempts/r1/a/1", "orchestrate/attempts/r1/b/2"] });
    expect(heads(remote)).toEqual(["orchestrate/attempts/r2/a/1", "orchestrate/r1", "orchestrate/r2"]);
    expect(await cleanRemoteBranches(project, remote, "r1", true)).toEqual({ state: "deleted", branches: ["orchestrate/r1"] });
    expect(await cleanRemoteBranches(project, remote, "r1", true)).toEqual({ state: "absent" });
    expect(heads(remote)).toEqual(["orchestrate/attempts/r2/a/1", "orchestrate/r2"]);
  });

  it("says why when the remote cannot be reached", async () => {
    const { project } = setUp("p2");
    const answer = await cleanRemoteBranches(project, path.join(root, "gone.git"), "r1", true);
    expect(answer.state).toBe("failed");
    expect(answer.state === "failed" && answer.why).toMatch(/gone\.git|repository/);
  });
});
