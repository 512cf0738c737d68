import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import Database from "better-sqlite3";
import { BIN } from "./cli.js";
import { startRedis, type TestRedis } from "./redis.js";

export { queuedProject } from "./queue-project.js";

/** A CLI process with its stderr collected; `lines` waits for a line matching a pattern. */
export interface Spawned {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnCli(args: string[], cwd?: string, env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: "true", NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  let out = "";
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const hit = err.split("\n").find((l) => w.pattern.test(l)) ?? out.split("\n").find((l) => w.pattern.test(l));
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    check();
  });
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr:\n${err.slice(-3000)}`)), timeoutMs);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        check();
      });
    },
    async kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** `count` workers on the queue, ready. */
export async function startWorkers(url: string, count: number, extra: string[] = [], env: Record<string, string> = {}): Promise<Spawned[]> {
  const workers = Array.from({ length: count }, () => spawnCli(["worker", "--queue", url, ...extra], undefined, env));
  await Promise.all(workers.map((w) => w.waitFor(/ready:/)));
  return workers;
}

/** What the store says of a run: attempts and merges per module. */
export function runRecord(root: string): { runId: string; state: string; attempts: Array<{ moduleId: string; n: number; state: string; error: string | null }>; merged: Array<{ moduleId: string; n: number }> } {
  const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
  try {
    const run = db.prepare("SELECT id, state FROM runs ORDER BY created_at DESC LIMIT 1").get() as { id: string; state: string };
    const attempts = db.prepare("SELECT module_id AS moduleId, n, state, error FROM attempts WHERE run_id = ? ORDER BY module_id, n").all(run.id) as Array<{ moduleId: string; n: number; state: string; error: string | null }>;
    const merged = db.prepare("SELECT module_id AS moduleId, n FROM merges WHERE run_id = ? AND state = 'merged'").all(run.id) as Array<{ moduleId: string; n: number }>;
    return { runId: run.id, state: run.state, attempts, merged };
  } finally {
    db.close();
  }
}

/** The modules merged into the run's integration branch, one entry per merge commit. */
export function mergeCommits(root: string, runId: string): string[] {
  const log = execFileSync("git", ["log", "--merges", "--format=%s", `orchestrate/${runId}`], { cwd: root, encoding: "utf8" });
  return log.split("\n").filter(Boolean).map((s) => /^Merge (\S+)/.exec(s)?.[1] ?? s);
}


/** What a test file of queued runs shares: a redis-server, and a temporary folder for its workers (one killed with SIGKILL cannot remove its own). */
export interface QueueTests {
  readonly redis: TestRedis;
  readonly workerTmp: string;
  /** Processes killed after each test. */
  readonly running: Spawned[];
  /** Folders removed after each test. */
  readonly dirs: string[];
}

/** Starts a redis-server before the file's tests and stops it after; kills `running` and removes `dirs` after each test. */
export function queueTests(name: string): QueueTests {
  let redis: TestRedis | undefined;
  let workerTmp: string | undefined;
  const running: Spawned[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    workerTmp = mkdtempSync(join(tmpdir(), `orchestrate-${name}-test-`));
  });
  afterAll(async () => {
    await redis?.stop();
    if (workerTmp) rmSync(workerTmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.kill("SIGKILL")));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    get redis() {
      return redis!;
    },
    get workerTmp() {
      return workerTmp!;
    },
    running,
    dirs,
  };
}
