import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mergeCommits, queuedProject, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

/**
 * Jobs whose worker lost them, against a real redis-server (its append-only file kept, as a
 * production Redis keeps it) and real worker processes: a Redis restart that outlasts the
 * job locks, and a job lost more often than BullMQ allows.
 */
const running: Spawned[] = [];
const cleanup: Array<() => unknown> = [];
let workerTmp: string;

beforeAll(() => {
  workerTmp = mkdtempSync(join(tmpdir(), "orchestrate-losses-test-"));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill("SIGKILL")));
  for (const c of cleanup.splice(0)) await c();
});

afterAll(() => {
  rmSync(workerTmp, { recursive: true, force: true });
});

async function redisFor(persist: boolean): Promise<TestRedis> {
  const redis = await startRedis({ persist });
  cleanup.push(() => redis.stop());
  return redis;
}

function project(perLayer: number, latencyMs: number, retries?: number) {
  const p = queuedProject({ layers: 1, perLayer, latencyMs, ...(retries !== undefined ? { retries } : {}) });
  cleanup.push(() => p.dispose());
  return p;
}

async function workers(url: string, count: number, extra: string[]): Promise<Spawned[]> {
  const started = await startWorkers(url, count, extra, { TMPDIR: workerTmp });
  running.push(...started);
  return started;
}

function run(url: string, root: string, remote: string): Spawned {
  const child = spawnCli(["run", "implement system", "--yes", "--queue", url, "--queue-remote", remote, "--project", root], root);
  running.push(child);
  return child;
}

describe("lost jobs", () => {
  it("stops the attempts whose lock a Redis restart took (persisted Redis, down longer than the lock): nothing pushed twice, each job lost once, each module merged once", async () => {
    const redis = await redisFor(true);
    const p = project(2, 4000);
    // One worker, two at a time: the jobs it loses come back to it while its old copies are still in hand.
    const [worker] = await workers(redis.url, 1, ["--stall-ms", "1000", "--concurrency", "2"]);
    const coordinator = run(redis.url, p.root, p.remote);
    for (const id of p.ids) await worker!.waitFor(new RegExp(`: ${id}, attempt 1 `));
    await redis.kill();
    // Longer than the 1 s lock: the append-only file brings the jobs back, their locks expired.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await redis.start();
    const code = await coordinator.exited;
    const out = coordinator.stdout() + coordinator.stderr();
    expect(code, `${out.slice(-2000)}\n${worker!.stderr().slice(-2000)}`).toBe(0);
    const record = runRecord(p.root);
    expect(record.attempts.filter((a) => a.state === "done").map((a) => a.moduleId).sort()).toEqual(p.ids);
    expect(mergeCommits(p.root, record.runId).sort()).toEqual(p.ids);
    const log = worker!.stderr();
    for (const id of p.ids) {
      const jobId = `${record.runId}.${id}.1`;
      // The old copy stopped when Redis said its lock was gone, and pushed nothing: one push, the new copy's.
      expect(log).toMatch(new RegExp(`job ${jobId.replace(/\./g, "\\.")}: lost \\(.*\\); its attempt here is stopped and pushes nothing`));
      expect(log.split("\n").filter((l) => l.includes(`job ${jobId}: pushed`))).toHaveLength(1);
      // Lost once, by the restart; its new copy kept its lock (an old copy's end untracked it in BullMQ).
      const lost = record.attempts.filter((a) => a.moduleId === id && a.state === "cancelled");
      expect(lost.map((a) => a.error?.match(/lost \d+ times?/)?.[0])).toEqual(["lost 1 time"]);
    }
    // BullMQ's own complaints about the old copies' locks are said once, by the lost line.
    expect(log).not.toMatch(/could not renew lock|Lock mismatch|Missing lock/);
  }, 60_000);

  it("fails the attempt, in a line that says so, when BullMQ gives up on a job lost a 4th time (no 'lost 4 times' re-queue that then fails)", async () => {
    const redis = await redisFor(false);
    // No retries: the attempt BullMQ gave up on is the module's last.
    const p = project(1, 60_000, 0);
    const ws = await workers(redis.url, 2, ["--stall-ms", "1000"]);
    const coordinator = run(redis.url, p.root, p.remote);
    const takes = (w: Spawned) => (w.stderr().match(/: m1_00, attempt 1 /g) ?? []).length;
    const taken = async (n: number) => {
      while (ws.reduce((sum, w) => sum + takes(w), 0) < n) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    let stopped: Spawned | undefined;
    for (let loss = 1; loss <= 4; loss++) {
      await taken(loss);
      // The worker holding the job is frozen (its lock expires); the other, running again, finds the job stalled and re-queues it.
      const holder = ws.find((w) => w !== stopped && takes(w) > 0)!;
      holder.child.kill("SIGSTOP");
      if (stopped) stopped.child.kill("SIGCONT");
      stopped = holder;
      if (loss < 4) await taken(loss + 1);
    }
    expect(await coordinator.exited).toBe(1);
    const record = runRecord(p.root);
    const attempts = record.attempts.filter((a) => a.moduleId === "m1_00");
    expect(attempts.map((a) => a.state)).toEqual(["cancelled", "cancelled", "cancelled", "failed"]);
    expect(attempts.slice(0, 3).map((a) => /BullMQ re-queued it \(lost (\d) times? so far/.exec(a.error ?? "")?.[1])).toEqual(["1", "2", "3"]);
    expect(attempts[3]!.error).toMatch(/^lost: worker \S+ \(running it since .*\) stopped renewing job \S+'s lock .*; BullMQ gives up on a job lost 4 times \(more than 3\): this attempt fails and the module's retries apply$/);
    expect(coordinator.stdout()).toMatch(/m1_00: attempt 4 failed: lost: .*BullMQ gives up on a job lost 4 times/);
  }, 60_000);
});
