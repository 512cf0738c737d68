import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mergeCommits, queuedProject, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { runCli } from "../helpers/cli.js";

/**
 * Queued runs against a real redis-server and real worker processes (`orchestrate worker`),
 * git as the data plane (a bare repository as the queue's remote).
 */
let redis: TestRedis;
const running: Spawned[] = [];
const projects: Array<{ dispose(): void }> = [];
/** The workers' temporary folder: a worker killed with SIGKILL cannot remove its own. */
let workerTmp: string;

beforeAll(async () => {
  redis = await startRedis();
  workerTmp = mkdtempSync(join(tmpdir(), "orchestrate-queue-test-"));
});

afterAll(async () => {
  await redis.stop();
  rmSync(workerTmp, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill("SIGKILL")));
  for (const p of projects.splice(0)) p.dispose();
  // Each test's jobs are its own: a new run id names them, but a clean queue keeps counts simple.
  await flush(redis.port);
});

async function flush(port: number): Promise<void> {
  const { connect } = await import("node:net");
  await new Promise<void>((resolve) => {
    const s = connect(port, "127.0.0.1", () => s.write("FLUSHALL\r\n"));
    s.once("data", () => (s.destroy(), resolve()));
    s.once("error", () => resolve());
  });
}

function project(layers: number, perLayer: number, latencyMs: number) {
  const p = queuedProject({ layers, perLayer, latencyMs });
  projects.push(p);
  return p;
}

async function workers(count: number, extra: string[] = [], env: Record<string, string> = {}): Promise<Spawned[]> {
  const started = await startWorkers(redis.url, count, extra, { TMPDIR: workerTmp, ...env });
  running.push(...started);
  return started;
}

function run(root: string, remote: string, extra: string[] = []): Spawned {
  const child = spawnCli(["run", "implement system", "--yes", "--queue", redis.url, "--queue-remote", remote, "--project", root, ...extra], root);
  running.push(child);
  return child;
}

/** Each module done by exactly one attempt and merged exactly once, in the store and in git. */
function expectEachOnce(root: string, ids: string[]): ReturnType<typeof runRecord> {
  const record = runRecord(root);
  const done = record.attempts.filter((a) => a.state === "done").map((a) => a.moduleId).sort();
  expect(done).toEqual([...ids].sort());
  expect(record.merged.map((m) => m.moduleId).sort()).toEqual([...ids].sort());
  expect(mergeCommits(root, record.runId).sort()).toEqual([...ids].sort());
  return record;
}

describe("queued runs", () => {
  it("spreads a 40-module run over 3 workers: every module done once and merged once", async () => {
    const p = project(4, 10, 0);
    const ws = await workers(3);
    const coordinator = run(p.root, p.remote);
    const code = await coordinator.exited;
    // The end of the output names what failed, and the attempts that did not end done say why.
    const failed = () => JSON.stringify(runRecord(p.root).attempts.filter((a) => a.state !== "done"));
    expect(code, `${(coordinator.stdout() + coordinator.stderr()).slice(-1500)}\n${code === 0 ? "" : failed()}`).toBe(0);
    const record = expectEachOnce(p.root, p.ids);
    expect(record.state).toBe("done");
    expect(record.attempts).toHaveLength(40);
    // Every worker took some of the work.
    for (const w of ws) expect(w.stderr()).toMatch(/pushed orchestrate\/attempts\//);
    const jobs = ws.map((w) => (w.stderr().match(/: m\d_\d\d, attempt/g) ?? []).length);
    expect(jobs.reduce((a, b) => a + b, 0)).toBe(40);
  }, 240_000);

  it("re-queues the attempt of a worker killed mid-attempt: the lost attempt and the new one recorded, the module merged once", async () => {
    // One layer of two: one job for each worker, so the victim surely holds one; the other worker then takes the lost one.
    const p = project(1, 2, 1500);
    const [victim, other] = await workers(2, ["--stall-ms", "1000"]);
    const coordinator = run(p.root, p.remote);
    const line = await victim!.waitFor(/job \S+: m\d_\d\d, attempt \d/);
    const moduleId = /: (m\d_\d\d), attempt/.exec(line)![1]!;
    await victim!.kill("SIGKILL");
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    const record = expectEachOnce(p.root, p.ids);
    const attempts = record.attempts.filter((a) => a.moduleId === moduleId);
    expect(attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
    // Which worker, since when, and what becomes of its job.
    expect(attempts[0]!.error).toMatch(
      new RegExp(`^lost: worker \\S+:${victim!.child.pid} \\(running it since \\d\\d:\\d\\d:\\d\\d UTC\\) stopped renewing job ${record.runId}\\.${moduleId}\\.1's lock .*; BullMQ re-queued it \\(lost 1 time so far; .*\\) and the next attempt follows it`),
    );
    expect(coordinator.stdout()).toContain(`worker ${/\S+:\d+/.exec(attempts[0]!.error!)![0]}`);
    // The job BullMQ re-queued ran on the other worker, under its first id.
    expect(other!.stderr()).toContain(`job ${record.runId}.${moduleId}.1: pushed`);
    expect(coordinator.stderr()).toMatch(new RegExp(`${moduleId}, attempt 2: following job ${record.runId}\\.${moduleId}\\.1, which BullMQ re-queued when attempt 1.s worker \\S+ was lost`));
  }, 120_000);

  it("resumes a killed coordinator by re-attaching to the jobs it dispatched: no agent runs twice", async () => {
    const p = project(2, 3, 1200);
    const ws = await workers(2);
    const first = run(p.root, p.remote);
    await first.waitFor(/m1_\d\d: attempt 1 started/);
    await Promise.any(ws.map((w) => w.waitFor(/job \S+: m1_\d\d, attempt 1/)));
    await first.kill("SIGKILL");
    const resumed = spawnCli(["resume", "--queue", redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    running.push(resumed);
    expect(await resumed.exited, resumed.stdout() + resumed.stderr()).toBe(0);
    const record = expectEachOnce(p.root, p.ids);
    expect(record.state).toBe("done");
    // Each module's agent ran once, on some worker: the cut attempts' jobs were followed, not dispatched again.
    const started = ws.flatMap((w) => w.stderr().match(/: m\d_\d\d, attempt \d/g) ?? []);
    expect(started).toHaveLength(p.ids.length);
    const cut = record.attempts.filter((a) => a.state === "cancelled");
    expect(cut.length).toBeGreaterThan(0);
    for (const a of cut) expect(resumed.stderr()).toContain(`${a.moduleId}, attempt ${a.n + 1}: re-attached to job ${record.runId}.${a.moduleId}.${a.n}`);
  }, 120_000);

  it("goes on when Redis restarts mid-run (empty): workers and coordinator reconnect, lost jobs are dispatched again, each module merged once", async () => {
    // Two layers: the first's jobs in flight when Redis goes, the second's dispatched after it is back.
    const p = project(2, 3, 300);
    await workers(2);
    const coordinator = run(p.root, p.remote);
    await coordinator.waitFor(/m1_\d\d: done/);
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.start();
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    const record = expectEachOnce(p.root, p.ids);
    expect(record.state).toBe("done");
    // The jobs in flight went with Redis's memory: the coordinator noticed and dispatched them again.
    expect(coordinator.stderr()).toMatch(/was gone from Redis; dispatched again/);
  }, 120_000);

  it("fails the attempt for good, with a clear error, when a worker cannot reach the git remote", async () => {
    const p = project(2, 2, 0);
    // This worker's git sends the remote's URL elsewhere: the coordinator reaches it, the worker does not.
    await workers(1, [], { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: `url.${p.remote}-nowhere.insteadOf`, GIT_CONFIG_VALUE_0: p.remote });
    const coordinator = run(p.root, p.remote);
    expect(await coordinator.exited).toBe(1);
    const record = runRecord(p.root);
    const first = record.attempts.filter((a) => a.moduleId.startsWith("m1_"));
    // One attempt each although `retries: 1`: no other try can do better from there.
    expect(first.map((a) => [a.moduleId, a.state])).toEqual([["m1_00", "failed"], ["m1_01", "failed"]]);
    for (const a of first) expect(a.error).toMatch(new RegExp(`the git remote ${p.remote} cannot be reached from this worker`));
    expect(record.merged).toEqual([]);
  }, 120_000);

  it("refuses a queued run without a remote, and a worker without a Redis URL, in a line each (exit 2)", () => {
    const p = project(1, 1, 0);
    const noRemote = runCli(["run", "implement system", "--yes", "--queue", redis.url, "--project", p.root]);
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toBe("orchestrate: orchestrate.config.yaml: Expected `queue.remote` (or `--queue-remote`): a git URL the run and every worker can reach, got nothing\n");
    const badUrl = runCli(["worker", "--queue", "localhost:6379"]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toBe("orchestrate: Expected a Redis URL (redis://HOST:PORT or rediss://...), got `localhost:6379` (scheme localhost:)\n");
  });

  it("keeps a worker's copies in a temporary folder of its own, removed when it stops on a signal", async () => {
    const tmp = mkdtempSync(join(workerTmp, "own-"));
    const [worker] = await startWorkers(redis.url, 1, [], { TMPDIR: tmp });
    running.push(worker!);
    expect(readdirSync(tmp)).toEqual([expect.stringMatching(/^orchestrate-worker-/)]);
    worker!.child.kill("SIGTERM");
    expect(await worker!.exited).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it("ends a worker whose Redis is gone for good on a second signal", async () => {
    const own = await startRedis();
    const [worker] = await startWorkers(own.url, 1, [], { TMPDIR: workerTmp });
    running.push(worker!);
    await own.stop();
    worker!.child.kill("SIGTERM");
    await worker!.waitFor(/finishing the attempts in hand/);
    // Closing may end by itself or wait for Redis for ever: a second signal ends it either way.
    if (worker!.child.exitCode === null) worker!.child.kill("SIGTERM");
    expect([0, 130]).toContain(await worker!.exited);
  }, 60_000);
});
