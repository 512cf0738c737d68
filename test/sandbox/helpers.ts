import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, type ProcessResult } from "../../src/exec/process.js";
import type { LaunchRequest, Sandbox } from "../../src/sandbox/types.js";

const made: string[] = [];

/** A fresh folder (under /tmp unless `base`), removed by `cleanup()`. */
export async function tempDir(base = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(base, "orchestrate-sandbox-"));
  made.push(dir);
  return dir;
}

export async function cleanup(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Runs `command` in `sandbox` the way the agents do. */
export async function exec(sandbox: Sandbox, request: LaunchRequest, command: string, timeoutMs = 10_000): Promise<ProcessResult> {
  const { launcher, env } = sandbox.launch(request);
  return runProcess({ command, launcher, cwd: request.cwd, env, timeoutMs, killGraceMs: 200 });
}

/** Sets environment variables for a test; the returned function restores them. */
export function setEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
