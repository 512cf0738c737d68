import { spawnSync } from "node:child_process";
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

/** Runs the built CLI as a user would (`npm test` builds dist/ first). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true", ...opts.env },
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
