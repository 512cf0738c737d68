import { runProcess } from "../exec/process.js";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults.js";
import { limitHit } from "../sandbox/limits.js";
import { createNoSandbox } from "../sandbox/none.js";
import type { Sandbox } from "../sandbox/types.js";
import { timedOutAfter } from "../timer.js";
import { WorkspaceError } from "./git.js";

/** The launcher placed before `/bin/sh -c <setup>` and the whole environment, with the sandbox that is (none: unconfined); or why it cannot start. */
export type SetupLauncher = (dir: string) => Promise<{ launcher: readonly string[]; env: NodeJS.ProcessEnv; sandbox?: Sandbox } | { refused: string }>;

/** `workspace.setup` of the config. */
export interface SetupCommand {
  command: string;
  timeoutMs: number;
  /**
   * How it starts in a worktree's folder: where gates' command checks run (src/run/confinement.ts
   * `setupLauncher`). @default unconfined, with the allow-listed environment
   */
  launch?: SetupLauncher;
}

/** Never `process.env`: the command is the config's, and the scripts of a worktree that agents wrote run with it. */
const unconfined: SetupLauncher = async (dir) => createNoSandbox(SANDBOX_DEFAULTS).launch({ cwd: dir });

/** Runs the setup command in `dir` (a new worktree's project folder); throws WorkspaceError with its output when it fails or cannot start. */
export async function runSetup(setup: SetupCommand, dir: string, signal?: AbortSignal): Promise<void> {
  const launch = await (setup.launch ?? unconfined)(dir);
  if ("refused" in launch) throw new WorkspaceError(`workspace.setup \`${setup.command}\` could not start in ${dir}: ${launch.refused}`);
  const result = await runProcess({ command: setup.command, launcher: launch.launcher, cwd: dir, env: launch.env, timeoutMs: setup.timeoutMs, ...(signal ? { signal } : {}) });
  if (result.exitCode === 0) return;
  const ended = result.timedOut ? timedOutAfter(setup.timeoutMs, "workspace.setupTimeoutMs in orchestrate.config.yaml") : result.cancelled ? "was cancelled" : `exited ${result.exitCode ?? result.signal}`;
  const hint = result.timedOut || result.cancelled ? "" : sandboxHint(launch.sandbox, result);
  throw new WorkspaceError(`workspace.setup \`${setup.command}\` ${ended} in ${dir}${hint}: ${(result.stderr || result.stdout).trim().split("\n").slice(-10).join("\n")}`);
}

/** What the sandbox may have to do with a failed setup: a limit it hit, or the network it lacks (why `npm ci` or `uv sync` fails there). */
function sandboxHint(sandbox: Sandbox | undefined, result: { exitCode: number | null; signal: string | null; stdout: string; stderr: string }): string {
  if (sandbox?.mode !== "bwrap") return "";
  const hit = limitHit(sandbox.limits, result, `${result.stdout}\n${result.stderr}`);
  if (hit) return ` (${hit})`;
  return sandbox.network ? "" : " (in the sandbox, without network: workspace.network: true gives it the network)";
}
