import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueExecutor } from "../../src/queue/executor.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe("a queued run's connection to Redis", () => {
  it("closes when Redis went away, so the run ends (before, close never returned and the CLI exited 13 without its last lines)", async () => {
    const executor = new QueueExecutor({ url: redis.url, remote: "/nonexistent.git", root: "/nonexistent" });
    // `connect` is private: what `run` does first.
    await (executor as unknown as { connect(): Promise<unknown> }).connect();
    await redis.kill();
    // ioredis has noticed and is between tries to reconnect (it retries every 100 ms more, at first).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    await executor.close();
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);
});
