import { ConfigError, showValue } from "../errors.js";
import { listRecordingsOnce, replayModule, type ListRecordings } from "./replay.js";
import { cancelledResult, failedResult } from "./result.js";
import { NO_USAGE, type Agent, type AgentContext, type AgentResult, type AgentTask } from "./types.js";
import { ATTEMPT_TIMEOUT_SETTING, MAX_TIMER_MS, timedOutAfter } from "../timer.js";

export interface SimulateOptions {
  /** How long each attempt takes, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Module id -> number of attempts that fail before one succeeds. @default {} */
  fail?: Record<string, number>;
  /** Recorded module changes, relative to the project. @default "recorded" */
  replayDir?: string;
}

interface CompiledSimulateOptions {
  latencyMs: number;
  fail: Record<string, number>;
  replayDir: string;
}


function invalid(key: string, expected: string, value: unknown): ConfigError {
  return new ConfigError("CONFIG_INVALID", `Expected \`${key}\` to be ${expected}, got ${showValue(value)}`, { key });
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function compile(options: SimulateOptions): CompiledSimulateOptions {
  const { latencyMs = 0, fail = {}, replayDir = "recorded" } = options;
  if (!isCount(latencyMs)) throw invalid("simulate.latencyMs", "an integer from 0 up", latencyMs);
  if (typeof fail !== "object" || fail === null || Array.isArray(fail)) {
    throw invalid("simulate.fail", "an object of module id -> failing attempts", fail);
  }
  for (const [id, count] of Object.entries(fail)) {
    if (!isCount(count)) throw invalid(`simulate.fail.${id}`, "an integer from 0 up", count);
  }
  if (typeof replayDir !== "string" || replayDir === "") {
    throw invalid("simulate.replayDir", "a folder relative to the project", replayDir);
  }
  return { latencyMs, fail: { ...fail }, replayDir };
}

/** Resolves true after `ms`, false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.min(ms, MAX_TIMER_MS));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function simulate(options: CompiledSimulateOptions, task: AgentTask, ctx: AgentContext, list: ListRecordings): Promise<AgentResult> {
  const { moduleId: id, attempt, timeoutMs } = task;
  const timesOut = Number.isFinite(timeoutMs) && timeoutMs > 0 && options.latencyMs > timeoutMs;
  if (!(await sleep(timesOut ? timeoutMs : options.latencyMs, ctx.signal))) {
    return cancelledResult(`simulate: ${id} cancelled`);
  }
  if (timesOut) return failedResult(timedOutAfter(timeoutMs, ATTEMPT_TIMEOUT_SETTING));
  const failures = options.fail[id] ?? 0;
  if (attempt <= failures) {
    return failedResult(`simulate: module ${id} failed attempt ${attempt} of ${failures} (scripted by simulate.fail)`);
  }
  let files: string[];
  let diagnosis: string | undefined;
  try {
    ({ files, diagnosis } = await replayModule(task.cwd, options.replayDir, id, task.readOnly === true, attempt, task.kind, list));
  } catch (error) {
    return failedResult(`simulate: module ${id}: ${(error as Error).message}`);
  }
  ctx.emit({ type: "progress", message: `simulate: ${id} replayed ${files.length} files` });
  const summary = diagnosis?.trim() || (task.readOnly ? `simulate: read ${id}; nothing recorded for it` : `simulate: implemented ${id} (${files.length} files replayed)`);
  return { ok: true, summary, filesChanged: files, filesSource: "own", usage: { ...NO_USAGE }, raw: { attempt } };
}

/**
 * An offline, deterministic agent for tests and previews. Each attempt waits
 * `latencyMs` (abortable), fails when scripted by `fail`, and otherwise replays the
 * module's recorded change from `replayDir`. Cancellation resolves with
 * `{ ok: false, cancelled: true, error: "cancelled" }`, as every agent here does.
 * The recordings folder is listed once per agent (a run makes its agent): a run replays
 * what was recorded when its first attempt started.
 */
export function createSimulateAgent(options: SimulateOptions = {}): Agent {
  const compiled = compile(options);
  const list = listRecordingsOnce();
  // Its changes are the recorded files it replays, each listed: it writes nothing else.
  return { name: "simulate", exactChanges: true, run: (task, ctx) => simulate(compiled, task, ctx, list) };
}
