import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";
import { runCli, runCliAsync } from "../helpers/cli.js";

/** `resume --no-queue`: a queued run goes on in the resuming process, its jobs taken back from its queue first when Redis answers. */
const q = queueTests("local");
const HELD_MS = 60_000;

/**
 * A queued run of 2 layers × 2 modules with one worker (1 at once): its coordinator killed (SIGKILL)
 * while the worker runs one module of layer 1 and the other waits in the queue. The worker's attempt
 * lasts a minute, past any test: at a load of 20 one of 3 s ended, and the next began, before the
 * resume asked for them (nothing left to withdraw). The resumed run's own attempts are quick.
 */
async function cutRun(): Promise<{ root: string; runId: string; worker: Spawned; name: string; held: string }> {
  const p = queuedProject({ layers: 2, perLayer: 2, latencyMs: HELD_MS });
  q.dirs.push(dirname(p.root));
  const [worker] = await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp });
  q.running.push(worker!);
  const name = /ready: worker (\S+) on/.exec(worker!.stderr())![1]!;
  const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
  q.running.push(coordinator);
  const taken = await worker!.waitFor(/job \S+: m1_\d\d, attempt 1 /, 60_000);
  await coordinator.kill("SIGKILL");
  const record = runRecord(p.root);
  expect(record.attempts.filter((a) => a.state === "running").map((a) => a.moduleId).sort()).toEqual(["m1_00", "m1_01"]);
  const config = join(p.root, "orchestrate.config.yaml");
  writeFileSync(config, readFileSync(config, "utf8").replace(`latencyMs: ${HELD_MS}`, "latencyMs: 50"));
  return { root: p.root, runId: record.runId, worker: worker!, name, held: /: (m1_\d\d), attempt 1/.exec(taken)![1]! };
}

/** The run done, every module once, its resumed attempts run here (no worker named) and merged into the run's own branch. */
function expectDoneHere(root: string, runId: string, stdout: string): void {
  const status = JSON.parse(runCli(["status", "--json", "--project", root]).stdout) as { state: string; modules: { id: string; attempts: { n: number; state: string; worker?: string }[] }[] };
  expect(status.state).toBe("done");
  for (const m of status.modules) {
    const done = m.attempts.filter((a) => a.state === "done");
    expect(done, m.id).toHaveLength(1);
    expect(done[0]!.worker, m.id).toBeUndefined();
  }
  // The isolation the run started with: worktrees, merged into its integration branch.
  expect(stdout).toContain(`Work: branch orchestrate/${runId} `);
  expect(runRecord(root).merged).toHaveLength(4);
}

describe("resume --no-queue of a queued run", () => {
  it("goes on in this process when its Redis is gone, the warning naming the modules workers may still hold", async () => {
    const { root, runId, held } = await cutRun();
    await q.redis.kill();
    try {
      const onQueue = runCli(["resume", "--project", root]);
      expect(onQueue.code).toBe(2);
      expect(onQueue.stderr).toContain(`Expected Redis at ${q.redis.url} to answer`);

      const local = await runCliAsync(["resume", "--no-queue", "--project", root], { timeoutMs: 90_000 });
      expect(local.code, local.stdout + local.stderr).toBe(0);
      const warnings = local.stderr.split("\n").filter((l) => l.startsWith("orchestrate: warning:"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^orchestrate: warning: run ${runId}'s queue ${q.redis.url}/? does not answer \\(connect ECONNREFUSED [^)]+\\): workers may still hold the jobs of m1_0\\d, m1_0\\d; cut off from Redis a worker pushes nothing, and this process runs those modules itself$`));
      expect(warnings[0]).toContain(held);
      expectDoneHere(root, runId, local.stdout);
    } finally {
      await q.redis.start();
    }
  }, 180_000);

  it("with its Redis up, first takes its jobs back: the queued one removed, the held one stopped by its worker", async () => {
    const { root, runId, worker, name, held } = await cutRun();
    const waiting = held === "m1_00" ? "m1_01" : "m1_00";
    const local = await runCliAsync(["resume", "--no-queue", "--project", root], { timeoutMs: 90_000 });
    expect(local.code, local.stdout + local.stderr).toBe(0);
    expect(local.stderr).not.toContain("warning");
    const lines = local.stdout.split("\n");
    const withdrew = lines.findIndex((l) => l.startsWith("queue: "));
    expect(lines[withdrew]).toBe(`queue: withdrew run ${runId}'s jobs from ${q.redis.url}: ${waiting} (still queued: removed), ${held} (worker ${name} stopped it); the run goes on in this process`);
    // Said, and done, before any of the run's modules started here.
    expect(withdrew).toBeLessThan(lines.findIndex((l) => / attempt 2 started/.test(l)));
    expect(worker.stderr()).toContain(`: cancelled by its run's coordinator (its run goes on in its coordinator's own process: resume --no-queue); its attempt here is stopped and pushes nothing`);
    expect(worker.stderr()).not.toMatch(new RegExp(`: ${waiting}, attempt`));
    expectDoneHere(root, runId, local.stdout);
  }, 180_000);

  it("run --no-queue runs in this process though the config names a queue", async () => {
    const p = queuedProject({ layers: 1, perLayer: 2, latencyMs: 50 });
    q.dirs.push(dirname(p.root));
    appendFileSync(join(p.root, "orchestrate.config.yaml"), `queue:\n  url: redis://127.0.0.1:1\n  remote: ${p.remote}\n`);
    const local = await runCliAsync(["run", "implement system", "--yes", "--no-queue", "--project", p.root], { timeoutMs: 60_000 });
    expect(local.code, local.stdout + local.stderr).toBe(0);
    expect(runRecord(p.root).attempts.map((a) => a.state)).toEqual(["done", "done"]);
  }, 90_000);

  it("takes no --queue-remote, and is in resume's help", () => {
    const both = runCli(["resume", "--no-queue", "--queue-remote", "/srv/x.git"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("orchestrate: Expected `--no-queue` (attempts in this process) or `--queue-remote` (a queued run's git remote), got both\n");
    const help = runCli(["resume", "--help"]).stdout.replace(/\s+/g, " ");
    expect(help).toContain("--no-queue a queued run: go on in this process as an unqueued run does");
    expect(help).toContain("(default: the run's own queue, else config `queue.url`)");
  });
});
