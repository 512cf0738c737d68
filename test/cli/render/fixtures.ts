import type { Plan } from "../../../src/plan/types.js";
import type { AttemptRecord, ModuleRecord, RunRecord } from "../../../src/store/types.js";
import type { GateResult } from "../../../src/validate/types.js";

/** A stream that records what is written, shaped like a terminal or a pipe. */
export function fakeStream(tty: { rows: number; columns: number } | false = false) {
  const writes: string[] = [];
  const stream = {
    isTTY: !!tty,
    rows: tty ? tty.rows : undefined,
    columns: tty ? tty.columns : undefined,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, writes, text: () => writes.join("") };
}

/** Two layers, given in plan order `core` then `app`; `app`'s modules listed out of id order on purpose. */
export const PLAN: Plan = {
  request: "implement system",
  analysis: { type: "implement", scope: { kind: "system" }, because: ["implement"] },
  layers: [
    { id: "core", modules: ["events", "journal"], orchestrator: "CORE_ORCHESTRATOR" },
    { id: "app", modules: ["reports", "api"] },
  ],
  modules: [
    { id: "events", layer: "core", spec: ".claude/layers/core/modules/EVENTS_AGENT.md", files: ["pkg/events.py"], dependsOn: [] },
    { id: "journal", layer: "core", spec: ".claude/layers/core/modules/JOURNAL_AGENT.md", files: ["pkg/journal.py"], dependsOn: ["events"] },
    { id: "reports", layer: "app", spec: ".claude/layers/app/modules/REPORTS_AGENT.md", files: ["app/reports.py"], dependsOn: ["journal"] },
    { id: "api", layer: "app", spec: ".claude/layers/app/modules/API_AGENT.md", files: ["app/api.py"], dependsOn: ["events"] },
  ],
  waves: [["events"], ["journal", "api"], ["reports"]],
  criticalPath: ["events", "journal", "reports"],
  warnings: [],
};

export const T0 = Date.UTC(2026, 10, 25, 13, 5, 12);
export const RUN_ID = "20261125-130512-7f3a";

export function gate(level: GateResult["level"], target: string, ok: boolean, message: string): GateResult {
  return { level, target, ok, durationMs: 400, checks: [{ name: "tests", kind: "command", blocking: true, ok, message, durationMs: 400 }] };
}

export const RUN: RunRecord = { id: RUN_ID, request: "implement system", plan: PLAN, options: "{}", state: "failed", createdAt: T0, updatedAt: T0 + 12_300, endedAt: T0 + 12_300 };

// Store order differs from plan order, so ordering is tested.
export const MODULES: ModuleRecord[] = [
  { runId: RUN_ID, moduleId: "api", layer: "app", state: "done", attempts: 1, updatedAt: T0 + 6000 },
  { runId: RUN_ID, moduleId: "reports", layer: "app", state: "blocked", reason: "dependency journal failed", attempts: 0, updatedAt: T0 + 9000 },
  { runId: RUN_ID, moduleId: "journal", layer: "core", state: "failed", reason: "failed after 2 attempts", attempts: 2, updatedAt: T0 + 9000 },
  { runId: RUN_ID, moduleId: "events", layer: "core", state: "done", attempts: 1, updatedAt: T0 + 3000 },
];

const usage = (i: number, o: number, c: number) => ({ inputTokens: i, outputTokens: o, costUsd: c });
const prompt = (m: string, n: number) => `.orchestrate/runs/${RUN_ID}/${m}/attempt-${n}.prompt.md`;

export const ATTEMPTS: AttemptRecord[] = [
  { runId: RUN_ID, moduleId: "journal", n: 2, kind: "fix", agent: "simulate", state: "failed", promptPath: prompt("journal", 2), error: "The module gate failed for journal:\n\n## tests (command): tests 3/5 | 2 failed", filesChanged: ["pkg/journal.py"], usage: usage(300, 100, 0.004), gates: gate("module", "journal", false, "tests 3/5"), startedAt: T0 + 6000, endedAt: T0 + 9000 },
  { runId: RUN_ID, moduleId: "events", n: 1, kind: "implement", agent: "simulate", state: "done", promptPath: prompt("events", 1), summary: "wrote events", filesChanged: ["pkg/events.py", "tests/test_events.py"], usage: usage(1000, 200, 0.01), gates: gate("module", "events", true, "tests 12/12, coverage 87%"), startedAt: T0 + 100, endedAt: T0 + 3000 },
  { runId: RUN_ID, moduleId: "journal", n: 1, kind: "implement", agent: "simulate", state: "failed", promptPath: prompt("journal", 1), error: "SyntaxError: bad\n  at line 3", filesChanged: [], usage: usage(200, 50, 0.002), startedAt: T0 + 3000, endedAt: T0 + 5500 },
  { runId: RUN_ID, moduleId: "api", n: 1, kind: "implement", agent: "simulate", state: "done", promptPath: prompt("api", 1), filesChanged: ["app/api.py"], usage: usage(400, 100, 0.005), startedAt: T0 + 3000, endedAt: T0 + 6000 },
];
