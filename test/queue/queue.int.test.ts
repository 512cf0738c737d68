import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mergeCommits, queuedProject, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

/**
 * Queued runs against a real redis-server and real worker processes (`orchestrate worker`),
 * git as the data plane (a bare repository as the queue's remote).
 */
let redis: TestRedis;
const running: Spawned[] = [];
const projects: Array<{ dispose(): void }> = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.stop();
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

async function workers(count: number, extra: string[] = []): Promise<Spawned[]> {
  const started = await startWorkers(redis.url, count, extra);
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
    const p = project(4, 10, 50);
    const ws = await workers(3);
    const coordinator = run(p.root, p.remote);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    const record = expectEachOnce(p.root, p.ids);
    expect(record.state).toBe("done");
    expect(record.attempts).toHaveLength(40);
    // Every worker took some of the work.
    for (const w of ws) expect(w.stderr()).toMatch(/pushed orchestrate\/attempts\//);
    const jobs = ws.map((w) => (w.stderr().match(/: m\d_\d\d, attempt/g) ?? []).length);
    expect(jobs.reduce((a, b) => a + b, 0)).toBe(40);
  }, 60_000);
});
