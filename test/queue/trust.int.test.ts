import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers } from "../helpers/queue.js";
import { startWorker } from "../../src/queue/worker.js";

/**
 * What a queued attempt's worker trusts: the coordinator's job, never the files of the attempt's
 * worktree, which the run's agents write (an earlier module's merged work is in its base).
 */
const q = queueTests("trust");

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function commitAll(root: string): void {
  execFileSync("git", ["add", "-A"], { cwd: root });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "setup"], { cwd: root });
}

describe("a queued attempt's gates", () => {
  it("run in the sandbox the coordinator's config asks for, even when an earlier module's agent wrote `gates: { sandbox: false }` into the project's config", async () => {
    const p = queuedProject({ layers: 2, perLayer: 1, latencyMs: 0 });
    q.dirs.push(dirname(p.root));
    // Outside every workspace and temporary folder the sandbox could make writable.
    const outside = mkdtempSync("/var/tmp/orchestrate-trust-");
    q.dirs.push(outside);
    // The gate tries to write outside its worktree, and passes either way: the run ends done, and the file says whether it was confined.
    const gate = `gates:\n  module:\n    - name: escape\n      kind: command\n      run: "echo escaped > ${outside}/{module}.txt; true"\n`;
    const config = readFileSync(join(p.root, "orchestrate.config.yaml"), "utf8");
    write(p.root, "orchestrate.config.yaml", `${config}${gate}`);
    // m1_00's agent (the simulate agent replays recorded/<module>/) writes the project's config with the sandbox off.
    write(p.root, "recorded/m1_00/orchestrate.config.yaml", `${config}${gate.replace("gates:\n", "gates:\n  sandbox: false\n")}`);
    commitAll(p.root);
    q.running.push(...(await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp })));
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    const record = runRecord(p.root);
    expect(record.attempts.map((a) => [a.moduleId, a.state])).toEqual([
      ["m1_00", "done"],
      ["m2_00", "done"],
    ]);
    // m2_00's base holds m1_00's config (sandbox off): its gate still ran confined, as the coordinator's config says.
    const base = execFileSync("git", ["show", `orchestrate/${record.runId}:orchestrate.config.yaml`], { cwd: p.root, encoding: "utf8" });
    expect(base).toContain("sandbox: false");
    expect(existsSync(join(outside, "m1_00.txt"))).toBe(false);
    expect(existsSync(join(outside, "m2_00.txt"))).toBe(false);
  }, 120_000);
});

describe("a queued attempt's workspace.setup", () => {
  it("runs in the sandbox the coordinator's config asks for, without the worker's secrets", async () => {
    const p = queuedProject({ layers: 1, perLayer: 1, latencyMs: 0 });
    q.dirs.push(dirname(p.root));
    // Outside every workspace and temporary folder: one folder the config makes writable, one it does not.
    const writable = mkdtempSync("/var/tmp/orchestrate-trust-");
    const outside = mkdtempSync("/var/tmp/orchestrate-trust-");
    q.dirs.push(writable, outside);
    const setup = `echo "key=\${ANTHROPIC_API_KEY:-none}" >> ${writable}/setup.txt; echo escaped > ${outside}/x.txt; true`;
    write(p.root, "orchestrate.config.yaml", `${readFileSync(join(p.root, "orchestrate.config.yaml"), "utf8")}workspace:\n  setup: ${JSON.stringify(setup)}\nsandbox:\n  writable: [${writable}]\n`);
    commitAll(p.root);
    q.running.push(...(await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp, ANTHROPIC_API_KEY: "sk-test-0123456789abcdefghij" })));
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    expect(readFileSync(join(writable, "setup.txt"), "utf8")).toMatch(/^(key=none\n)+$/);
    expect(existsSync(join(outside, "x.txt"))).toBe(false);
  }, 120_000);
});

describe("a worker of another build", () => {
  it("refuses the job with one line naming both builds, and runs nothing of it", async () => {
    const p = queuedProject({ layers: 1, perLayer: 1, latencyMs: 0 });
    q.dirs.push(dirname(p.root));
    const home = mkdtempSync(join(q.workerTmp, "home-"));
    // This worker runs the source (src/, under vitest), the coordinator the built CLI (dist/): two builds.
    let prepared = 0;
    const worker = await startWorker({
      url: q.redis.url,
      home,
      prepare: () => {
        prepared++;
        throw new Error("not reached");
      },
    });
    try {
      const coordinator = spawnCli(["run", "implement system", "--yes", "--retries", "0", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
      q.running.push(coordinator);
      expect(await coordinator.exited).toBe(1);
      const [attempt] = runRecord(p.root).attempts;
      expect(attempt!.state).toBe("failed");
      const coordinatorBuild = /\d+\.\d+\.\d+\S* \(build [0-9a-f]{16}\)/;
      expect(worker.build).toMatch(coordinatorBuild);
      expect(attempt!.error).toMatch(new RegExp(`^worker \\S+:${process.pid} runs orchestrate ${worker.build.replace(/[().]/g, "\\$&")} and the run's coordinator orchestrate \\d+\\.\\d+\\.\\d+\\S* \\(build [0-9a-f]{16}\\): a worker takes only jobs of its own build; start the workers from the coordinator's install`));
      const builds = [...attempt!.error!.matchAll(/build ([0-9a-f]{16})/g)].map((m) => m[1]);
      expect(builds).toHaveLength(2);
      expect(builds[0]).not.toBe(builds[1]);
      expect(coordinator.stdout()).toMatch(/m1_00: attempt 1 failed: worker \S+ runs orchestrate/);
      expect(prepared).toBe(0);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
