import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { MemoryStore } from "../../src/store/memory.js";
import { connectionFor, QUEUE_NAME } from "../../src/queue/connection.js";
import { attemptJobId } from "../../src/queue/job.js";
import { cutJobs, withdrawForLocal } from "../../src/queue/withdraw.js";
import { QueueError } from "../../src/queue/errors.js";
import { attempt, EMPTY_PLAN } from "../store/helpers.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

/** `withdrawForLocal` against a real Redis: no job a live worker still runs is left to run beside this process. */
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

/** A queued run `r1` whose modules a and b each have attempt 1 cut (left running by a killed coordinator); c is done. */
function cutStore(url: string): MemoryStore {
  const store = new MemoryStore();
  store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url, remote: "/srv/o.git" } }), at: 1, modules: ["a", "b", "c"].map((moduleId) => ({ moduleId, layer: "core" })) });
  for (const m of ["a", "b", "c"]) store.startAttempt("r1", m, attempt(2));
  store.finishAttempt("r1", "c", 1, { state: "done", summary: "", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, endedAt: 3 }, "done");
  return store;
}

describe("withdrawForLocal", () => {
  it("names the jobs of the modules' cut attempts, not of a done one", () => {
    const store = cutStore(redis.url);
    store.startAttempt("r1", "a", attempt(4));
    expect(cutJobs(store, "r1").map((j) => j.id).sort()).toEqual([attemptJobId("r1", "a", 1), attemptJobId("r1", "a", 2), attemptJobId("r1", "b", 1)].sort());
  });

  it("refuses while a live worker holds a job it does not stop, after removing the one still queued", async () => {
    const { Queue, Worker } = await import("bullmq");
    const queue = new Queue(QUEUE_NAME, { connection: connectionFor(redis.url) });
    let taken!: (job: Job) => void;
    const holding = new Promise<Job>((resolve) => (taken = resolve));
    let release!: () => void;
    // A worker that runs its attempt on whatever it is told: its lock renewed, the cancellation never read.
    const stubborn = new Worker(QUEUE_NAME, (job: Job) => (taken(job), new Promise<void>((resolve) => (release = resolve))), { connection: connectionFor(redis.url), name: "stubborn:1", lockDuration: 2000 });
    try {
      await queue.add("attempt", {}, { jobId: attemptJobId("r1", "a", 1) });
      expect((await holding).id).toBe(attemptJobId("r1", "a", 1));
      await stubborn.pause(true);
      await queue.add("attempt", {}, { jobId: attemptJobId("r1", "b", 1) });

      const store = cutStore(redis.url);
      const refused = await withdrawForLocal(store, "r1", store.getRun("r1")!.options, undefined, { stopMs: 2500 }).then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(QueueError);
      expect((refused as Error).message).toBe(`Run r1's job ${attemptJobId("r1", "a", 1)} (module a) is still held by worker stubborn:1, which had not stopped it 3 s after being told to; it will push nothing: resume with --no-queue again once it has stopped, or stop that worker`);
      expect(await queue.getJobState(attemptJobId("r1", "b", 1))).toBe("unknown");

      // Its worker done with it: the next try goes on, nothing left to withdraw but the ended job's mark.
      release();
      await expect.poll(() => queue.getJobState(attemptJobId("r1", "a", 1)), { timeout: 10_000 }).toBe("completed");
      expect(await withdrawForLocal(store, "r1", store.getRun("r1")!.options, undefined, { stopMs: 2500 })).toEqual({});
    } finally {
      release?.();
      await stubborn.close(true);
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 60_000);

  it("says in a warning that it could not ask a Redis whose password is not kept, and asks nothing", async () => {
    const store = cutStore(redis.url);
    const recorded = JSON.stringify({ agent: "simulate", queue: { url: "redis://queue-host:6379", remote: "/srv/o.git", withoutPassword: true } });
    const said = await withdrawForLocal(store, "r1", recorded, { url: "redis://:other@elsewhere:6379" });
    expect(said).toEqual({ warning: "run r1's queue redis://queue-host:6379 could not be asked: its password is not kept in .orchestrate/state.db (`queue.url` in orchestrate.config.yaml gives it): workers may still hold the jobs of a, b; cut off from Redis a worker pushes nothing, and this process runs those modules itself" });
  });

  it("says in a warning what it could not ask when Redis does not answer", async () => {
    const store = cutStore("redis://127.0.0.1:1");
    const said = await withdrawForLocal(store, "r1", store.getRun("r1")!.options, undefined, { reachMs: 500 });
    expect(said.warning).toMatch(/^run r1's queue redis:\/\/127\.0\.0\.1:1 does not answer \(connect ECONNREFUSED 127\.0\.0\.1:1\): workers may still hold the jobs of a, b; cut off from Redis a worker pushes nothing, and this process runs those modules itself$/);
  });
});
