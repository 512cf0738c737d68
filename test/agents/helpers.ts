import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStat } from "../../src/exec/process-group.js";
import type { AgentContext, AgentEvent, AgentTask } from "../../src/agents/types.js";

const made: string[] = [];

/** A fresh temp folder, removed by `cleanup()`. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "orchestrate-agents-"));
  made.push(dir);
  return dir;
}

export async function cleanup(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export function makeTask(cwd: string, overrides: Partial<AgentTask> = {}): AgentTask {
  const attemptDir = join(cwd, ".orchestrate", "runs", "run-1", "journal", "1");
  return {
    runId: "run-1",
    moduleId: "journal",
    layer: "core",
    attempt: 1,
    kind: "implement",
    prompt: "Implement the journal module.",
    promptFile: join(attemptDir, "prompt.md"),
    attemptDir,
    cwd,
    files: ["src/journal.ts"],
    specExcerpt: "",
    mcpServers: {},
    timeoutMs: 20_000,
    ...overrides,
  };
}

export function makeContext(signal: AbortSignal = new AbortController().signal): {
  ctx: AgentContext;
  events: AgentEvent[];
} {
  const events: AgentEvent[] = [];
  return { ctx: { signal, emit: (event) => events.push(event) }, events };
}

/**
 * True when nothing runs under that pid: kill(pid, 0) fails with ESRCH, or the process
 * is a zombie (dead; an orphan waits for init to reap it, which here can take seconds).
 */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  return readStat(pid)?.state === "Z";
}

/** Pids of the running processes whose environment holds `entry` (`NAME=value`), from /proc (Linux). */
export function pidsWithEnv(entry: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${name}/environ`, "latin1");
    } catch {
      continue; // gone meanwhile, or not ours
    }
    if (environ.split("\0").includes(entry)) pids.push(Number(name));
  }
  return pids;
}

/** Polls until the file holds `count` non-empty lines; returns them as numbers. */
export async function waitForPids(file: string, count: number, timeoutMs = 5000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, "utf8").catch(() => "");
    const pids = text.split("\n").filter(Boolean).map(Number);
    if (pids.length >= count) return pids;
    if (Date.now() > deadline) throw new Error(`expected ${count} pids in ${file}, got ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs git in `cwd` with a fixed identity. */
export function gitSync(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], {
    cwd,
    encoding: "utf8",
  });
}
