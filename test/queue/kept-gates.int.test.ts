import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers } from "../helpers/queue.js";
import { runCliAsync } from "../helpers/cli.js";

/** A queued run's module gates are the run's (discovered as it started, kept with it), as an unqueued run's are. */
const q = queueTests("kept-gates");

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe("a queued attempt's module gate", () => {
  it("is the one the run started with, not one a worker discovers from tests an earlier module's merged work wrote", async () => {
    const p = queuedProject({ layers: 2, perLayer: 1, latencyMs: 0 });
    q.dirs.push(dirname(p.root));
    // m1_00's agent writes a failing test named for m2_00's file: the project had none when the run started.
    write(p.root, "recorded/m1_00/tests/test_m2_00.py", "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_written_later(self):\n        self.fail('a test the run did not start with')\n");
    execFileSync("git", ["add", "-A"], { cwd: p.root });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "recorded"], { cwd: p.root });
    q.running.push(...(await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp })));
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    expect(coordinator.stdout()).not.toContain("module gates discovered");
    const record = runRecord(p.root);
    expect(record.attempts.map((a) => [a.moduleId, a.state])).toEqual([
      ["m1_00", "done"],
      ["m2_00", "done"],
    ]);
  }, 120_000);
});

describe("resume of a queued run", () => {
  it("keeps the gates the run started with when the project has a test runner it did not have then, and says so", async () => {
    const p = queuedProject({ layers: 2, perLayer: 2, latencyMs: 300 });
    q.dirs.push(dirname(p.root));
    q.running.push(...(await startWorkers(q.redis.url, 2, [], { TMPDIR: q.workerTmp })));
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    await coordinator.waitFor(/m1_\d\d: done/, 60_000);
    coordinator.child.kill("SIGINT");
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(130);
    // A test target whose tests fail, committed to the user's branch: the run started with no test runner.
    write(p.root, "Makefile", "test:\n\t@echo 'FAILED: the new test target'; exit 1\n");
    execFileSync("git", ["add", "Makefile"], { cwd: p.root });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a test target"], { cwd: p.root });
    const resumed = await runCliAsync(["resume", "--project", p.root], { timeoutMs: 90_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain("orchestrate: warning: the project's gates changed since the run started (system gate: `make test`, was `none`)");
    expect(runRecord(p.root).state).toBe("done");
  }, 180_000);
});
