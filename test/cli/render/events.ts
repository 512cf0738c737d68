import type { RunEvent, Timed } from "../../../src/run/events.js";
import { gate, PLAN, RUN_ID } from "./fixtures.js";

type Untimed = RunEvent extends infer E ? (E extends { runId: string } ? Omit<E, "runId"> : never) : never;

const usage = (i: number, o: number, c: number) => ({ inputTokens: i, outputTokens: o, costUsd: c });

/** A run of PLAN as the engine would report it: events done, journal fails twice, reports blocked, api done. */
export function script(): Timed<RunEvent>[] {
  const at = (ms: number, ...events: Untimed[]) => events.map((e) => ({ ...e, runId: RUN_ID, at: 1_000_000 + ms }) as Timed<RunEvent>);
  const running = (moduleId: string, layer: string, attempt: number, kind: "implement" | "fix" = "implement"): Untimed[] => [
    { type: "module:state", moduleId, layer, state: "running", attempt },
    { type: "attempt:start", moduleId, attempt, kind, agent: "simulate", promptPath: `.orchestrate/runs/${RUN_ID}/${moduleId}/attempt-${attempt}.prompt.md` },
  ];
  return [
    ...at(0, { type: "run:start", request: "implement system", plan: PLAN, resumed: false, concurrency: 2, schedule: "ready", agent: "simulate" }, { type: "wave", wave: 1, modules: ["events"] }, ...running("events", "core", 1)),
    ...at(1500, { type: "agent", moduleId: "events", attempt: 1, event: { type: "progress", message: "writing pkg/events.py\nmore" } }),
    ...at(2500, { type: "module:state", moduleId: "events", layer: "core", state: "validating", attempt: 1 }),
    ...at(2900, { type: "gate", result: gate("module", "events", true, "tests 12/12") }),
    ...at(
      3000,
      { type: "attempt:end", moduleId: "events", attempt: 1, ok: true, durationMs: 3000, usage: usage(1000, 200, 0.01) },
      { type: "module:state", moduleId: "events", layer: "core", state: "done", attempt: 1 },
      { type: "wave", wave: 2, modules: ["journal", "api"] },
      ...running("journal", "core", 1),
      ...running("api", "app", 1),
    ),
    ...at(4000, { type: "agent", moduleId: "api", attempt: 1, event: { type: "tool", name: "Edit", input: { file_path: "app/api.py" } } }),
    ...at(
      5500,
      { type: "attempt:end", moduleId: "journal", attempt: 1, ok: false, error: "SyntaxError: bad\n  at line 3", durationMs: 2500, usage: usage(200, 50, 0.002) },
      { type: "module:state", moduleId: "journal", layer: "core", state: "pending", attempt: 1, reason: "attempt 1 failed; retrying" },
    ),
    ...at(6000, ...running("journal", "core", 2, "fix"), { type: "attempt:end", moduleId: "api", attempt: 1, ok: true, durationMs: 3000, usage: usage(400, 100, 0.005) }, { type: "module:state", moduleId: "api", layer: "app", state: "done", attempt: 1 }),
    ...at(8000, { type: "module:state", moduleId: "journal", layer: "core", state: "validating", attempt: 2 }),
    ...at(
      9000,
      { type: "gate", result: gate("module", "journal", false, "tests 3/5") },
      { type: "attempt:end", moduleId: "journal", attempt: 2, ok: false, error: "The module gate failed for journal:\n## tests", durationMs: 3000, usage: usage(300, 100, 0.004) },
      { type: "module:state", moduleId: "journal", layer: "core", state: "failed", attempt: 2, reason: "failed after 2 attempts" },
      { type: "module:state", moduleId: "reports", layer: "app", state: "blocked", attempt: 0, reason: "dependency journal failed" },
    ),
    ...at(9100, { type: "gate", result: gate("layer", "core", false, "tests 3/5") }),
    ...at(12_300, { type: "run:end", state: "failed", durationMs: 12_300, counts: { pending: 0, running: 0, validating: 0, done: 2, failed: 1, blocked: 1 }, usage: usage(1900, 450, 0.021) }),
  ];
}
