import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import type { SpawnedProcess, SpawnOptions } from "@anthropic-ai/claude-agent-sdk";
import { processStartTime } from "../exec/process-group.js";

/**
 * Starts Claude Code as the SDK's own spawn does, but leading a process group of its own,
 * reported to the engine: an orchestrate killed with SIGKILL leaves it running, and it went
 * on spending turns and writing its old worktree beside the attempt that replaced it. The
 * next `run` or `resume` ends a recorded group still alive, as for a command agent. Its own
 * group also keeps a terminal's Ctrl-C from ending it before the engine's grace. The SDK
 * reads no stderr from a process it did not spawn, so `stderr` is fed here.
 */
export function claudeSpawner(report: (pid: number, startTime: string) => void, stderr: (text: string) => void): (options: SpawnOptions) => SpawnedProcess {
  return ({ command, args, cwd, env, signal }) => {
    const child = spawn(command, args, { cwd, env, signal, stdio: ["pipe", "pipe", "pipe"], detached: true, windowsHide: true });
    const decoder = new StringDecoder("utf8");
    child.stderr.on("data", (chunk: Buffer) => stderr(decoder.write(chunk)));
    // An error (no such binary) comes as the child's "error" event, which the SDK listens to.
    const startTime = child.pid === undefined ? undefined : processStartTime(child.pid);
    if (child.pid !== undefined && startTime) report(child.pid, startTime);
    return child;
  };
}
