import { describe, expect, it } from "vitest";
import { createColors } from "picocolors";
import { renderRuns, renderStatus, statusJson } from "../../../src/cli/render/status.js";
import { runTime } from "../../../src/run/run-time.js";
import { ATTEMPTS, MODULES, PLAN, RUN, RUN_ID, T0 } from "./fixtures.js";
import { applyEvent, createView } from "../../../src/cli/render/progress-model.js";
import { renderFrame } from "../../../src/cli/render/progress-frame.js";
import type { GateResult } from "../../../src/validate/types.js";

const plain = createColors(false);
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const prompt = (m: string, n: number) => `.orchestrate/runs/${RUN_ID}/${m}/attempt-${n}.prompt.md`;

describe("statusJson", () => {
  it("has exactly the documented shape, modules in plan order, attempts by number", () => {
    const root = "/projects/shop";
    // An absolute prompt path (older rows) comes out relative to the project.
    const attempts = ATTEMPTS.map((a) => (a.moduleId === "api" ? { ...a, promptPath: `${root}/${a.promptPath}` } : a));
    const running = { ...MODULES[0]!, moduleId: "api" };
    const open = { ...attempts.find((a) => a.moduleId === "api")!, n: 2, state: "running" as const, endedAt: undefined, gates: undefined, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
    const status = statusJson({ ...RUN, state: "running" }, MODULES.map((m) => (m.moduleId === "api" ? { ...running, state: "running" } : m)), [...attempts, open], root);
    expect(status).toStrictEqual({
      runId: RUN_ID,
      state: "running",
      request: "implement system",
      modules: [
        {
          id: "events",
          layer: "core",
          state: "done",
          attempts: [{ n: 1, state: "done", promptPath: prompt("events", 1), startedAt: iso(100), endedAt: iso(3000), durationMs: 2900, usage: { inputTokens: 1000, outputTokens: 200, costUsd: 0.01 }, gates: "tests 12/12, coverage 87%" }],
          usage: { inputTokens: 1000, outputTokens: 200, costUsd: 0.01 },
        },
        {
          id: "journal",
          layer: "core",
          state: "failed",
          reason: "failed after 2 attempts",
          attempts: [
            { n: 1, state: "failed", error: "SyntaxError: bad\n  at line 3", promptPath: prompt("journal", 1), startedAt: iso(3000), endedAt: iso(5500), durationMs: 2500, usage: { inputTokens: 200, outputTokens: 50, costUsd: 0.002 } },
            { n: 2, state: "failed", error: ATTEMPTS[0]!.error, promptPath: prompt("journal", 2), startedAt: iso(6000), endedAt: iso(9000), durationMs: 3000, usage: { inputTokens: 300, outputTokens: 100, costUsd: 0.004 }, gates: "tests failed: tests 3/5" },
          ],
          usage: { inputTokens: 500, outputTokens: 150, costUsd: 0.006 },
        },
        { id: "reports", layer: "app", state: "blocked", reason: "dependency journal failed", attempts: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } },
        {
          id: "api",
          layer: "app",
          state: "running",
          attempts: [
            { n: 1, state: "done", promptPath: prompt("api", 1), startedAt: iso(3000), endedAt: iso(6000), durationMs: 3000, usage: { inputTokens: 400, outputTokens: 100, costUsd: 0.005 } },
            { n: 2, state: "running", promptPath: prompt("api", 1), startedAt: iso(3000), endedAt: null, durationMs: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } },
          ],
          usage: { inputTokens: 400, outputTokens: 100, costUsd: 0.005 },
        },
      ],
    });
    // The required keys lead, in the documented order; extras follow.
    expect(Object.keys(status)).toEqual(["runId", "state", "request", "modules"]);
    expect(Object.keys(status.modules[1]!)).toEqual(["id", "layer", "state", "reason", "attempts", "usage"]);
    expect(Object.keys(status.modules[1]!.attempts[0]!)).toEqual(["n", "state", "error", "promptPath", "startedAt", "endedAt", "durationMs", "usage"]);
  });

  it("groups by layer in the store's order when the run's plan cannot be read", () => {
    const status = statusJson({ ...RUN, plan: {} as unknown as typeof RUN.plan }, MODULES, ATTEMPTS, ".");
    expect(status.modules.map((m) => m.id)).toEqual(["api", "reports", "journal", "events"]);
  });
});

describe("renderStatus", () => {
  it("shows the run, modules by layer in plan order with attempts, time and why, then totals", () => {
    const text = renderStatus(RUN, MODULES, ATTEMPTS, ".", plain);
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([`Run ${RUN_ID}  failed`, "  request  implement system", "  created  2026-11-25 13:05:12 UTC    duration 12.3s"]);
    expect(lines.filter((l) => /^\S/.test(l)).slice(1)).toEqual(["core", "app", expect.stringMatching(/^Totals/)]);
    expect(text).toMatch(/✓ events +done +1 attempt +2\.9s$/m);
    expect(text).toMatch(/✗ journal +failed +2 attempts +5\.5s {2}failed after 2 attempts: tests failed: tests 3\/5$/m);
    expect(text).toMatch(/⊘ reports +blocked +0 attempts +dependency journal failed$/m);
    expect(text.indexOf("reports")).toBeLessThan(text.indexOf("✓ api"));
    expect(lines.at(-1)).toBe("Totals  4 modules: 2 done, 1 failed, 1 blocked; 4 attempts; 2,350 tokens, $0.02");
  });

  it("counts a live run up to now, not up to its record's last write", () => {
    const live = { ...RUN, state: "running" as const, endedAt: undefined, updatedAt: T0 + 4000 };
    const time = runTime({ createdAt: T0, sessions: 1, lastStepAt: T0 + 4000 }, true, T0 + 9000);
    expect(renderStatus(live, MODULES, ATTEMPTS, ".", plain, undefined, { gates: [], time })).toContain("duration 9.0s so far");
  });

  it("says what a dead process's run and a resumed run's time are", () => {
    const gone = { ...RUN, state: "running" as const, endedAt: undefined, updatedAt: T0 };
    const cut = runTime({ createdAt: T0, sessions: 1, lastStepAt: T0 + 3200 }, false, T0 + 60_000);
    const open = { ...ATTEMPTS[3]!, n: 2, state: "running" as const, startedAt: T0 + 3000, endedAt: undefined };
    const text = renderStatus(gone, MODULES, [...ATTEMPTS, open], ".", plain, undefined, { gates: [], gone: "process gone", time: cut });
    expect(text).toContain("duration 3.2s up to its last recorded step");
    // Its open attempt ran up to that step too, and is not going on (no `+`).
    expect(text).toMatch(/api +done +2 attempts +3\.2s$/m); // 3.0 s done, 0.2 s cut
    const resumed = runTime({ createdAt: T0, endedAt: T0 + 63_000, sessions: 2, lastStart: { at: T0 + 60_000, resumed: true, ranMs: 2000 } }, false, T0 + 99_000);
    expect(renderStatus(RUN, MODULES, ATTEMPTS, ".", plain, undefined, { gates: [], time: resumed })).toContain("duration 5.0s over 2 sessions (the time between them not counted)");
  });
});

describe("renderStatus: gates", () => {
  it("lists under a failed gate the first lines of what each failed check found, and says where the rest is", () => {
    const output = Array.from({ length: 10 }, (_, i) => `src/m${i}.py:${i + 1}: imports \`ui\`, forbidden for layer core`).join("\n");
    const failed: GateResult = { level: "layer", target: "core", ok: false, durationMs: 5, checks: [{ name: "architecture", kind: "architecture", blocking: true, ok: false, message: "10 violations", durationMs: 5, output }] };
    const passed: GateResult = { level: "system", target: "system", ok: true, durationMs: 5, checks: [{ name: "tests", kind: "command", blocking: true, ok: true, message: "tests 9/9", durationMs: 5, output: "9 passed" }] };
    const text = renderStatus(RUN, MODULES, ATTEMPTS, ".", plain, undefined, { gates: [failed, passed] });
    const lines = text.split("\n");
    const at = lines.indexOf("  layer core: failed · architecture failed: 10 violations");
    expect(lines.slice(at + 1, at + 11)).toEqual(["    architecture:", ...output.split("\n").slice(0, 8).map((l) => `      ${l}`), "      … 2 more lines (orchestrate report)"]);
    expect(text).not.toContain("9 passed");
    expect(statusJson(RUN, MODULES, ATTEMPTS, ".", undefined, { gates: [failed, passed] }).gates).toEqual([
      { level: "layer", target: "core", ok: false, summary: "architecture failed: 10 violations", failures: [{ check: "architecture", message: "10 violations", output }] },
      { level: "system", target: "system", ok: true, summary: "tests 9/9" },
    ]);
  });
});

describe("gates in layer order", () => {
  const gate = (level: "layer" | "system", target: string, ok = true): GateResult => ({ level, target, ok, durationMs: 5, checks: [{ name: "architecture", kind: "architecture", blocking: true, ok, message: ok ? "no violations" : "1 violation", durationMs: 5 }] });
  // As they finished: app's gate before core's, core's failing round then its passing one, the system gate before a gate of a layer the plan does not name.
  const finished = [gate("layer", "app"), gate("layer", "core", false), gate("system", "system"), gate("layer", "extra"), gate("layer", "core")];

  it("status lists layer gates in the plan's layer order (core before app), the last result of each, the system gate last", () => {
    const lines = renderStatus(RUN, MODULES, ATTEMPTS, ".", plain, undefined, { gates: finished }).split("\n");
    expect(lines.slice(lines.indexOf("Gates") + 1, lines.indexOf("Gates") + 5)).toEqual(["  layer core: passed · no violations", "  layer app: passed · no violations", "  layer extra: passed · no violations", "  system: passed · no violations"]);
    expect(statusJson(RUN, MODULES, ATTEMPTS, ".", undefined, { gates: finished }).gates?.map((g) => `${g.level}/${g.target}`)).toEqual(["layer/core", "layer/app", "layer/extra", "system/system"]);
  });

  it("the live view's gate lines are in layer order too, a layer's rounds in the order they ran", () => {
    const view = createView();
    applyEvent(view, { type: "run:start", runId: RUN_ID, request: "r", plan: PLAN, resumed: false, concurrency: 2, schedule: "ready", agent: "simulate", at: 0 });
    for (const result of finished) applyEvent(view, { type: "gate", runId: RUN_ID, result, at: 1 });
    const gates = renderFrame(view, { now: 2, rows: 40, columns: 200, colors: plain }).filter((l) => / gate: /.test(l));
    expect(gates).toEqual(["  ✗ layer core gate: architecture failed: 1 violation", "  ✓ layer core gate: no violations", "  ✓ layer app gate: no violations", "  ✓ layer extra gate: no violations", "  ✓ system gate: no violations"]);
  });
});

describe("renderRuns", () => {
  it("lists runs as an aligned table, long requests cut", () => {
    const older = { ...RUN, id: "20261124-090000-0001", state: "done" as const, request: `implement ${"x".repeat(100)}`, createdAt: T0 - 86_400_000, endedAt: T0 - 86_400_000 + 65_000 };
    const lines = renderRuns([RUN, older], plain).split("\n");
    expect(lines[0]).toBe("RUN                   STATE   CREATED                  DURATION  REQUEST");
    expect(lines[1]).toBe(`${RUN_ID}  failed  2026-11-25 13:05:12 UTC     12.3s  implement system`);
    expect(lines[2]).toMatch(/^20261124-090000-0001  done    2026-11-24 13:05:12 UTC    1m 05s  implement x+…$/);
    expect([...lines[2]!.split("  ").at(-1)!].length).toBe(60);
    expect(renderRuns([], plain)).toBe("No runs in this project yet (start one with `orchestrate run`).");
  });

  it("times a live run to now (+), and a run killed with kill -9 up to its last recorded step, not 0 ms", () => {
    const live = { ...RUN, state: "running" as const, endedAt: undefined, updatedAt: T0 };
    const dead = { ...live, id: "20261124-090000-0001" };
    const times = new Map([
      [live.id, runTime({ createdAt: T0, sessions: 1, lastStepAt: T0 }, true, T0 + 7000)],
      [dead.id, runTime({ createdAt: T0, sessions: 1, lastStepAt: T0 + 3200 }, false, T0 + 7000)],
    ]);
    const lines = renderRuns([live, dead], plain, new Map([[dead.id, "process gone"]]), times).split("\n");
    expect(lines[1]).toMatch(/running .* 7\.0s\+  implement system$/);
    expect(lines[2]).toMatch(/interrupted .* 3\.2s  implement system$/);
    expect(lines.at(-1)).toBe("20261124-090000-0001: interrupted (process gone); its duration counts up to its last recorded step");
  });
});
