import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { BIN } from "../helpers/cli.js";

const ENV = { NO_COLOR: "1", CI: "true" };

export interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `orchestrate ...args` in `root`, its output collected. */
/** Every process `start` made in this file's worker, for `stopAll`. */
const started = new Set<ChildProcess>();

/**
 * Kills what `start` made and is still running: a test that timed out never reaches its own
 * `finally`, and a dashboard left behind outlives the test run.
 */
export function stopAll(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  started.clear();
}

export function start(root: string, args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args, "--project", root], { env: { ...process.env, ...ENV }, stdio: ["ignore", "pipe", "pipe"] });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves with the dashboard URL (token included) once `stream` of `child` prints it. */
export function dashboardUrl(c: Child, stream: "stdout" | "stderr"): Promise<string> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const url = /orchestrate dashboard: (http:\/\/\S+)/.exec(c[stream]())?.[1];
      if (url) {
        c.child[stream]?.off("data", look);
        resolve(url);
      }
    };
    c.child[stream]?.on("data", look);
    look();
    void c.exited.then((code) => reject(new Error(`orchestrate exited (${code}) before printing the dashboard URL:\n${c.stdout()}${c.stderr()}`)));
  });
}

/** Splits a printed URL into its base (`http://127.0.0.1:port`), port and token. */
export function parts(url: string): { base: string; port: number; token: string } {
  const u = new URL(url);
  return { base: u.origin, port: Number(u.port), token: u.searchParams.get("token")! };
}

/** A request with any headers, Host included (fetch will not send a Host of our choosing). */
export function raw(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers ?? {} }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Polls `probe` until it returns something other than undefined, or fails after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `c`'s exit code, or a failure naming `what` with its output when it has not exited within `ms`. */
export function exitWithin(c: Child, what: string, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not exit within ${ms} ms:\n${c.stdout()}${c.stderr()}`)), ms);
  });
  return Promise.race([c.exited, late]).finally(() => clearTimeout(timer));
}
