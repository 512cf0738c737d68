import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { queuedProject, runRecord, spawnCli } from "../helpers/queue.js";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { freePort, startRedis, type TestRedis } from "../helpers/redis.js";

/** `run --queue` and `resume` ask the queue before anything starts: a queue that is not there is one line and exit 2, no run recorded. */
let redis: TestRedis;
const projects: Array<{ dispose(): void }> = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.stop();
});

afterEach(() => {
  for (const p of projects.splice(0)) p.dispose();
});

function project() {
  const p = queuedProject({ layers: 2, perLayer: 2, latencyMs: 0 });
  projects.push(p);
  return p;
}

function runs(root: string): number {
  const file = join(root, ".orchestrate", "state.db");
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The lines of stdout and stderr together, without empty ones. */
function lines(result: { stdout: string; stderr: string }): string[] {
  return `${result.stdout}${result.stderr}`.split("\n").filter((l) => l.trim() !== "");
}

describe("a queued run's queue, asked before the run starts", () => {
  it("Redis down: one line naming the URL and what to do, exit 2, no run recorded, no module started", async () => {
    const p = project();
    const url = `redis://127.0.0.1:${await freePort()}`;
    const result = runCli(["run", "implement system", "--yes", "--queue", url, "--queue-remote", p.remote, "--project", p.root]);
    expect(result.code).toBe(2);
    expect(lines(result)).toEqual([expect.stringMatching(new RegExp(`^orchestrate: Expected Redis at ${url.replace(/\./g, "\\.")}/? to answer, got: connect ECONNREFUSED .*; no run was started: start Redis there, or give the right URL \\(\`--queue\`, config \`queue\.url\`\\)$`))]);
    expect(runs(p.root)).toBe(0);
  });

  it("an HTTP server at the URL: it does not answer as Redis, in one line, exit 2", async () => {
    const p = project();
    const http: Server = createServer((_, res) => res.end("<html></html>"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const url = `redis://127.0.0.1:${(http.address() as { port: number }).port}`;
      const result = await runCliAsync(["run", "implement system", "--yes", "--queue", url, "--queue-remote", p.remote, "--project", p.root]);
      expect(result.code).toBe(2);
      expect(lines(result)).toEqual([expect.stringMatching(/^orchestrate: redis:\/\/127\.0\.0\.1:\d+\/? does not answer as Redis \(.*\): another service listens on that port; give the Redis server's host and port; no run was started$/)]);
      expect(runs(p.root)).toBe(0);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it("a git remote nobody reaches: one line naming it, exit 2, before any job is queued", () => {
    const p = project();
    const remote = join(p.root, "..", "no-such-remote.git");
    const result = runCli(["run", "implement system", "--yes", "--queue", redis.url, "--queue-remote", remote, "--project", p.root]);
    expect(result.code).toBe(2);
    expect(lines(result)).toEqual([expect.stringMatching(new RegExp(`^orchestrate: The queue's git remote ${remote.replace(/[.]/g, "\\.")} cannot be reached from here: .*; no run was started`))]);
    expect(runs(p.root)).toBe(0);
  });

  it("resume asks too: with Redis gone, the interrupted run stays as it was", async () => {
    const p = project();
    // A queued run with no worker to take its jobs, interrupted: its attempts are cut, the run resumable.
    const first = spawnCli(["run", "implement system", "--yes", "--queue", redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    await first.waitFor(/attempt 1 started/);
    first.child.kill("SIGINT");
    await first.waitFor(/SIGINT/);
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(130);
    const before = runRecord(p.root);
    const down = `redis://127.0.0.1:${await freePort()}`;
    const result = runCli(["resume", "--queue", down, "--queue-remote", p.remote, "--project", p.root]);
    expect(result.code).toBe(2);
    expect(lines(result).at(-1)).toMatch(/^orchestrate: Expected Redis at .* to answer, got: connect ECONNREFUSED .*; no run was started/);
    expect(runRecord(p.root)).toEqual(before);
  });
});
