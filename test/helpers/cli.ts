import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { requireBuild } from "./build.js";

// Every test that runs the CLI imports this module: without a current build, it fails here, loudly.
requireBuild();

export const BIN = fileURLToPath(new URL("../../bin/orchestrate.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  /** Killed after this long: a hang check, generous for a loaded machine. @default 60_000 */
  timeoutMs?: number;
}

const cliEnv = (env?: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true", ...env });

/** Runs the built CLI as a user would (`npm test` builds dist/ first). */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: cliEnv(opts.env),
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `runCli` without blocking the test's process: for a long command (a run of the example
 * with its gates), during which vitest's worker must still answer its runner (a blocked
 * worker fails with "Timeout calling onTaskUpdate" after 60 s), and for commands that may
 * run side by side.
 */
export function runCliAsync(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: cliEnv(opts.env), stdio: ["pipe", "pipe", "pipe"], timeout: opts.timeoutMs ?? 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.stdin.on("error", () => undefined); // a command that exits without reading its input
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}
