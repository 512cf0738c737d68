import { describe, expect, it } from "vitest";
import { checkedUrl, connectionFor, reconnectDelay, shownUrl } from "../../src/queue/connection.js";
import { attemptJobId, jobConfig, otherBuild, parseJobData, parseJobResult } from "../../src/queue/job.js";

describe("queue jobs", () => {
  it("names an attempt's job by run, module and attempt, without the `:` BullMQ refuses", () => {
    expect(attemptJobId("20261201-074519-f9bf", "api/users:v2", 3)).toBe("20261201-074519-f9bf.api%2Fusers%3Av2.3");
    expect(attemptJobId("r", "m", 1)).toBe(attemptJobId("r", "m", 1));
    expect(attemptJobId("r", "m", 1)).not.toBe(attemptJobId("r", "m", 2));
  });

  it("checks a job's data and a worker's result at the boundary, saying what is wrong", () => {
    expect(parseJobData({ v: 1, build: "0.1.0 (build 0123456789abcdef)" })).toMatch(/^the job's data is not an orchestrate attempt: attempt: /);
    expect(parseJobResult({ ok: "yes" })).toMatch(/^the worker's result is not an attempt's: ok: /);
    const result = { ok: true, cancelled: false, summary: "", filesChanged: ["a.py"], filesSource: "own", usage: { inputTokens: 1, outputTokens: 2, costUsd: 0 }, durationMs: 5, commit: "a".repeat(40), worker: "h:1" };
    expect(parseJobResult(result)).toEqual(result);
    expect(parseJobResult({ ...result, commit: "main" })).toMatch(/commit: /);
  });
});

describe("a job's build", () => {
  it("is the worker's own, or the job is refused naming both, an unstamped one as older", () => {
    const mine = "0.2.0 (build 0123456789abcdef)";
    expect(otherBuild({ build: mine, v: 1 }, mine, "h:1")).toBeUndefined();
    expect(otherBuild({ build: "0.2.0 (build fedcba9876543210)" }, mine, "h:1")).toMatch(/^worker h:1 runs orchestrate 0\.2\.0 \(build 0123456789abcdef\) and the run's coordinator orchestrate 0\.2\.0 \(build fedcba9876543210\): a worker takes only jobs of its own build/);
    expect(otherBuild({ v: 1 }, mine, "h:1")).toMatch(/the run's coordinator an orchestrate build that does not stamp its jobs \(an older one\)/);
    expect(otherBuild("junk", mine, "h:1")).toMatch(/does not stamp its jobs/);
  });
});

describe("a job's config", () => {
  it("is the run's, without the queue's URL (it may hold Redis's password) and the MCP servers (their env may hold tokens)", () => {
    const config = { agent: "command", command: { run: "agent {promptFile}" }, gates: { sandbox: true }, queue: { url: "redis://:s3cret@h:6379", remote: "/r.git" }, mcpServers: { docs: { command: "docs", env: { TOKEN: "t0ken" } } } };
    expect(jobConfig(config)).toEqual({ agent: "command", command: { run: "agent {promptFile}" }, gates: { sandbox: true } });
    expect(config.queue.url).toBe("redis://:s3cret@h:6379");
  });

  it("carries no secret to Redis: an agent's apiKey, a secret-named env variable or a token-shaped value is left out, the rest kept", () => {
    const token = `ghp_${"a1B2".repeat(9)}`;
    const config = { agent: "anthropic", anthropic: { model: "m", apiKey: "sk-ant-" + "x".repeat(30) }, command: { run: "agent", env: { GITHUB_TOKEN: "t0ken-value", LANG: "C" } }, sandbox: { env: { PLAIN: token } }, gates: { module: [{ name: "tests", run: "pytest -q" }] } };
    const sent = jobConfig(config as never);
    expect(sent).toEqual({ agent: "anthropic", anthropic: { model: "m" }, command: { run: "agent", env: { LANG: "C" } }, sandbox: { env: {} }, gates: { module: [{ name: "tests", run: "pytest -q" }] } });
    expect(JSON.stringify(sent)).not.toMatch(/sk-ant-|t0ken|ghp_/);
  });
});

describe("queue connection", () => {
  it("passes a Redis URL with its password and TLS scheme through to ioredis, and never shows the password", () => {
    expect(connectionFor("rediss://:s3cret@redis.example:6380/2")).toEqual({ url: "rediss://:s3cret@redis.example:6380/2", maxRetriesPerRequest: null, retryStrategy: reconnectDelay });
    expect(shownUrl("redis://:s3cret@h:6379")).toBe("redis://:***@h:6379");
  });

  it("tries to reconnect to a lost Redis soon and then every second, never BullMQ's waits of up to 20 s", () => {
    expect([1, 2, 5, 10, 11, 100, 10_000].map(reconnectDelay)).toEqual([100, 200, 500, 1000, 1000, 1000, 1000]);
  });

  it("refuses what is not a Redis URL, naming what it got", () => {
    expect(() => checkedUrl("localhost:6379")).toThrow("Expected a Redis URL (redis://HOST:PORT or rediss://...), got `localhost:6379` (scheme localhost:)");
    expect(() => checkedUrl("http://h:1")).toThrow(/scheme http:/);
    expect(() => checkedUrl("not a url")).toThrow(/got `not a url`$/);
  });
});
