import { afterEach, describe, expect, it, vi } from "vitest";
import { createColors } from "picocolors";
import type { RunEvent, Timed } from "../../../src/run/events.js";
import { createProgress } from "../../../src/cli/render/progress.js";
import { stripAnsi } from "../../../src/cli/render/format.js";
import { fakeStream, gate, PLAN, RUN_ID } from "./fixtures.js";
import { script } from "./events.js";

const CURSOR_UP = /^\x1b\[(\d+)A\r/;

/** Splits live output into frames (one write each) of visible lines. */
function frames(writes: string[]): { up: number; lines: string[] }[] {
  return writes
    .filter((w) => w.includes("\n"))
    .map((w) => ({ up: Number(CURSOR_UP.exec(w)?.[1] ?? 0), lines: w.split("\n").slice(0, -1).map((l) => stripAnsi(l.replace(/\x1b\[\d*[AJK]|\x1b\[2K|\x1b\[\?25[lh]|\r/g, ""))) }));
}

function play(listener: (e: Timed<RunEvent>) => void, events: Timed<RunEvent>[], clock: { t: number }) {
  for (const e of events) {
    clock.t = e.at;
    listener(e);
  }
}

describe("createProgress: live or plain", () => {
  it("a terminal redraws in place; TERM=dumb, which prints cursor moves as they come, and CI get plain lines", () => {
    const tty = () => fakeStream({ rows: 24, columns: 80 });
    const drawn = (env: NodeJS.ProcessEnv) => {
      const out = tty();
      const progress = createProgress(out.stream, { env });
      for (const e of script()) progress.listener(e);
      progress.stop();
      return out.text();
    };
    expect(drawn({ TERM: "xterm-256color" })).toContain("\x1b[");
    for (const env of [{ TERM: "dumb" }, { TERM: "xterm", CI: "true" }]) {
      const text = drawn(env);
      expect(text, JSON.stringify(env)).not.toContain("\x1b");
      expect(text.split("\n")[0]).toBe(`[00:00.0] run ${RUN_ID} started: implement system (4 modules, agent simulate, schedule ready, concurrency 2)`);
    }
  });
});

describe("createProgress, plain mode", () => {
  it("tells a refactoring's baseline gates, which run before any attempt, as each ends; an attempt's own gate stays in its done line", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    type Untimed = RunEvent extends infer E ? (E extends { runId: string } ? Omit<E, "runId"> : never) : never;
    const at = (ms: number, e: Untimed) => ({ ...e, runId: RUN_ID, at: 1_000_000 + ms }) as Timed<RunEvent>;
    const events = [
      at(0, { type: "run:start", request: "refactor system", plan: PLAN, resumed: false, concurrency: 2, schedule: "ready", agent: "command" }),
      at(4000, { type: "gate", result: gate("module", "events", true, "tests 12/12") }),
      at(9000, { type: "gate", result: gate("module", "journal", false, "tests 3/5") }),
      at(9100, { type: "module:state", moduleId: "events", layer: "core", state: "running", attempt: 1 }),
      at(9100, { type: "attempt:start", moduleId: "events", attempt: 1, kind: "refactor", agent: "command", promptPath: "p.md" }),
      at(9500, { type: "module:state", moduleId: "events", layer: "core", state: "validating", attempt: 1 }),
      at(9900, { type: "gate", result: gate("module", "events", true, "tests 12/12") }),
      at(9900, { type: "module:state", moduleId: "events", layer: "core", state: "done", attempt: 1 }),
    ];
    for (const e of events) progress.listener(e);
    progress.stop();
    expect(out.text().split("\n").slice(1, -1)).toEqual([
      "[00:04.0] events: baseline gate passed: tests 12/12",
      "[00:09.0] journal: baseline gate failed: tests failed: tests 3/5",
      "[00:09.1] events: attempt 1 started (refactor, command)",
      "[00:09.5] events: validating",
      "[00:09.9] events: done (tests 12/12)",
    ]);
  });

  it("writes one line per meaningful event, timed from the run's start", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    for (const e of script()) progress.listener(e);
    progress.stop();
    expect(out.text().split("\n")).toEqual([
      `[00:00.0] run ${RUN_ID} started: implement system (4 modules, agent simulate, schedule ready, concurrency 2)`,
      "[00:00.0] wave 1/3: events",
      "[00:00.0] events: attempt 1 started (simulate)",
      "[00:02.5] events: validating",
      "[00:03.0] events: done (tests 12/12)",
      "[00:03.0] wave 2/3: journal, api",
      "[00:03.0] journal: attempt 1 started (simulate)",
      "[00:03.0] api: attempt 1 started (simulate)",
      "[00:05.5] journal: attempt 1 failed: SyntaxError: bad",
      "[00:06.0] journal: attempt 2 started (fix, simulate)",
      "[00:06.0] api: done",
      "[00:08.0] journal: validating",
      "[00:09.0] journal: attempt 2 failed: tests failed: tests 3/5",
      "[00:09.0] journal: failed (failed after 2 attempts)",
      "[00:09.0] reports: blocked (dependency journal failed)",
      "[00:09.1] layer core gate failed: tests failed: tests 3/5",
      `[00:12.3] run ${RUN_ID}: failed in 12.3s — 2 done, 1 failed, 1 blocked; 2,350 tokens, $0.02`,
      "",
    ]);
    expect(out.text()).not.toContain("\x1b");
  });

  it("says why an attempt was cancelled when a queue worker was lost; a Ctrl-C's cancel needs no reason", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const start = script()[0]!;
    progress.listener(start);
    const end = (attempt: number, extra: Partial<Extract<RunEvent, { type: "attempt:end" }>>) =>
      progress.listener({ type: "attempt:end", runId: RUN_ID, moduleId: "events", attempt, ok: false, cancelled: true, durationMs: 5, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, at: start.at + 100, ...extra });
    end(1, { failure: "WORKER_LOST", error: "lost: worker vm:4242 (running it since 12:34:37 UTC) stopped renewing job r.events.1's lock\nmore" });
    end(2, { error: "cancelled" });
    progress.stop();
    expect(out.text().split("\n").slice(1, 3)).toEqual([
      "[00:00.1] events: attempt 1 cancelled: lost: worker vm:4242 (running it since 12:34:37 UTC) stopped renewing job r.events.1's lock",
      "[00:00.1] events: attempt 2 cancelled",
    ]);
  });

  it("names the worker of a queued run's attempt where the attempt ends: done, failed, cancelled; a lost worker's error names it already", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    // The same run as queued: each attempt's end names its worker, as the store records it.
    for (const e of script()) progress.listener(e.type === "attempt:end" ? { ...e, worker: `vm:${4240 + e.attempt}` } : e);
    const end = { type: "attempt:end", runId: RUN_ID, moduleId: "events", ok: false, cancelled: true, durationMs: 5, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, at: 1_012_400 } as const;
    progress.listener({ ...end, attempt: 3, worker: "vm:4242" });
    progress.listener({ ...end, attempt: 4, worker: "vm:4242", failure: "WORKER_LOST", error: "lost: worker vm:4242 (running it since 12:34:37 UTC) stopped renewing job r.events.4's lock" });
    progress.stop();
    const lines = out.text().split("\n");
    expect(lines.filter((l) => /\] \w+: (done|attempt \d+ (failed|cancelled))/.test(l))).toEqual([
      "[00:03.0] events: done (tests 12/12) on worker vm:4241",
      "[00:05.5] journal: attempt 1 failed on worker vm:4241: SyntaxError: bad",
      "[00:06.0] api: done on worker vm:4241",
      "[00:09.0] journal: attempt 2 failed on worker vm:4242: tests failed: tests 3/5",
      "[00:12.4] events: attempt 3 cancelled on worker vm:4242",
      "[00:12.4] events: attempt 4 cancelled: lost: worker vm:4242 (running it since 12:34:37 UTC) stopped renewing job r.events.4's lock",
    ]);
  });

  it("prints an agent's warning, and none of its other chatter", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const start = script()[0]!;
    progress.listener(start);
    const agent = (event: Extract<RunEvent, { type: "agent" }>["event"]) => progress.listener({ type: "agent", runId: RUN_ID, moduleId: "events", attempt: 1, event, at: start.at + 100 });
    agent({ type: "progress", message: "openai: turn 1 of at most 50" });
    agent({ type: "tool", name: "read_file", input: { path: "a.py" } });
    agent({ type: "progress", message: "openai: no price known for model llama3; cost counted as 0 (set `openai.prices`)", warning: true });
    progress.flush();
    expect(out.text().split("\n").slice(1)).toEqual(["[00:00.1] events: openai: no price known for model llama3; cost counted as 0 (set `openai.prices`)", ""]);
  });

  it("tells an optimize run's benchmark figures as they are taken: the baseline, then each passing attempt's change", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const command = "cargo run -q -p tally --bin tally-bench";
    progress.listener({ type: "bench", runId: RUN_ID, moduleId: "billing", phase: "before", value: 287.97, command, at: 0 });
    progress.listener({ type: "bench", runId: RUN_ID, moduleId: "billing", phase: "after", value: 104.9, before: 287.97, command, at: 9_000 });
    progress.listener({ type: "bench", runId: RUN_ID, moduleId: "tariff", phase: "before", value: 5.754e-6, command: "go test -bench .", at: 9_500 });
    progress.flush();
    // Before: no line at all; the baseline's build and run were a silence after "validating", its figure only in the CHANGELOG.
    expect(out.text().split("\n")).toEqual([
      "[00:00.0] billing: benchmark before: 288 ms (`cargo run -q -p tally --bin tally-bench`)",
      "[00:09.0] billing: benchmark 288 ms -> 105 ms (-63.6%)",
      "[00:09.5] tariff: benchmark before: 5.75 ns (`go test -bench .`)",
      "",
    ]);
  });

  it("is the default off a terminal and under CI", () => {
    const pipe = fakeStream(false);
    const plain = createProgress(pipe.stream, {});
    plain.listener(script()[0]!);
    plain.flush();
    expect(pipe.writes).toHaveLength(1);
    expect(pipe.text()).not.toContain("\x1b");

    vi.stubEnv("CI", "true");
    const tty = fakeStream({ rows: 30, columns: 100 });
    const ci = createProgress(tty.stream, {});
    ci.listener(script()[0]!);
    vi.unstubAllEnvs();
    ci.flush();
    expect(tty.text()).toMatch(/^\[00:00\.0\] run /);
  });

  it("counts from the first event it sees and keeps hour-long clocks readable", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const end = script().at(-1)!;
    progress.listener({ ...end, at: 0 } as Timed<RunEvent>);
    progress.listener({ type: "signal", runId: RUN_ID, signal: "SIGINT", graceMs: 5000, at: 3_723_400 });
    progress.flush();
    expect(out.text().split("\n")[1]).toBe("[1:02:03.4] SIGINT: starting nothing new; running attempts and gates have 5.0s to finish (again to cancel now)");
  });

  it("a gate the cancel cut short is stopped, resume runs it again; one that failed is failed", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const checks = [{ name: "tests", kind: "command" as const, blocking: true, ok: false, message: "cancelled", durationMs: 5 }];
    progress.listener({ type: "gate", runId: RUN_ID, result: { level: "system", target: "system", ok: false, cancelled: true, durationMs: 5, checks }, at: 0 });
    progress.listener({ type: "gate", runId: RUN_ID, result: { level: "layer", target: "core", ok: false, durationMs: 5, checks: [{ ...checks[0]!, message: "exit 1" }] }, at: 0 });
    progress.flush();
    expect(out.text().split("\n").slice(0, 2)).toEqual(["[00:00.0] system gate stopped before it finished (resume runs it again): tests cancelled", "[00:00.0] layer core gate failed: tests failed: exit 1"]);
  });

  it("holds a burst's lines until the event loop turns and writes them in one write; flush writes them at once", async () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    const events = script();
    for (const e of events.slice(0, 4)) progress.listener(e);
    expect(out.writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]!.split("\n")).toHaveLength(4);
    // A writer that must come after these lines flushes first; nothing is written twice or left behind.
    for (const e of events.slice(4)) progress.listener(e);
    progress.flush();
    expect(out.writes).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    progress.stop();
    expect(out.writes).toHaveLength(2);
    const whole = fakeStream(false);
    const once = createProgress(whole.stream, { live: false });
    for (const e of events) once.listener(e);
    once.stop();
    expect(out.text()).toBe(whole.text());
  });
});

describe("createProgress, live mode", () => {
  afterEach(() => vi.useRealTimers());
  const colors = createColors(true);

  it("shows a gate the cancel cut short as stopped, and that running gates have the grace too", () => {
    const out = fakeStream({ rows: 30, columns: 120 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    const start = script()[0]!;
    const checks = [{ name: "tests", kind: "command" as const, blocking: true, ok: false, message: "cancelled", durationMs: 5 }];
    play(progress.listener, [start, { type: "signal", runId: RUN_ID, signal: "SIGTERM", graceMs: 10_000, at: 100 }, { type: "gate", runId: RUN_ID, result: { level: "system", target: "system", ok: false, cancelled: true, durationMs: 5, checks }, at: 200 }], clock);
    progress.stop();
    const last = frames(out.writes).at(-1)!.lines;
    expect(last).toContain("  ■ system gate stopped: tests cancelled");
    expect(last).toContain("SIGTERM: stopping; running attempts and gates have 10.0s to finish (again to cancel now)");
  });

  it("redraws in place, never taller than the terminal, and ends showing every state", () => {
    const out = fakeStream({ rows: 30, columns: 100 });
    const clock = { t: 0 };
    const exitListeners = process.listenerCount("exit");
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    play(progress.listener, script(), clock);
    expect(process.listenerCount("exit")).toBe(exitListeners + 1);
    progress.stop();
    expect(process.listenerCount("exit")).toBe(exitListeners);

    expect(out.writes[0]!.startsWith("\x1b[?25l")).toBe(true);
    expect(out.writes.at(-1)).toBe("\x1b[?25h");
    const all = frames(out.writes);
    expect(all.length).toBeGreaterThan(5);
    // Every frame after the first climbs exactly the height of the one before it.
    for (let i = 1; i < all.length; i++) expect(all[i]!.up).toBe(all[i - 1]!.lines.length);
    for (const f of all) expect(f.lines.length).toBeLessThanOrEqual(29);
    for (const f of all) for (const l of f.lines) expect([...l].length).toBeLessThanOrEqual(100);

    const last = all.at(-1)!.lines;
    expect(last[0]).toBe(`run ${RUN_ID} · agent simulate · ready schedule · 2 at once · implement system`);
    expect(last[1]).toBe("failed in 12.3s · 2/4 done · 1 failed · 1 blocked · 2,350 tokens · $0.02");
    expect(last.slice(2)).toEqual([
      "  ✗ layer core gate: tests failed: tests 3/5",
      "  ✓ events   core  tests 12/12 · 1,200 tokens, $0.01",
      "  ✗ journal  core  attempt 2 · failed after 2 attempts · tests failed: tests 3/5",
      "  ⊘ reports  app   dependency journal failed",
      "  ✓ api      app   500 tokens, $0.0050",
    ]);
  });

  it("names the worker of a queued run's finished modules; a local run's rows stay as they were", () => {
    const out = fakeStream({ rows: 30, columns: 120 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    play(progress.listener, script().map((e) => (e.type === "attempt:end" ? { ...e, worker: `vm:${4240 + e.attempt}` } : e)), clock);
    progress.stop();
    expect(frames(out.writes).at(-1)!.lines.slice(3)).toEqual([
      "  ✓ events   core  tests 12/12 · 1,200 tokens, $0.01 · on worker vm:4241",
      "  ✗ journal  core  attempt 2 · failed after 2 attempts · tests failed: tests 3/5 · on worker vm:4242",
      "  ⊘ reports  app   dependency journal failed",
      "  ✓ api      app   500 tokens, $0.0050 · on worker vm:4241",
    ]);
  });

  it("shows running modules with spinner, elapsed time and the agent's last message; validating and pending too", () => {
    const out = fakeStream({ rows: 30, columns: 100 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    const events = script();
    play(progress.listener, events.slice(0, events.findIndex((e) => e.at === 1_005_500)), clock);
    clock.t = 1_005_000;
    progress.stop();
    const last = frames(out.writes).at(-1)!.lines;
    expect(last[1]).toMatch(/^wave 2\/3 · 00:05\.0 · 1\/4 done · 1,200 tokens · \$0\.01$/);
    expect(last).toContainEqual(expect.stringMatching(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] api +app +2\.0s · Edit app\/api\.py$/));
    expect(last).toContainEqual(expect.stringMatching(/^ {2}· reports +app$/));

    const mid = fakeStream({ rows: 30, columns: 100 });
    const p2 = createProgress(mid.stream, { live: true, now: () => clock.t, colors });
    play(p2.listener, events.slice(0, events.findIndex((e) => e.at === 1_002_900)), clock);
    p2.stop();
    expect(frames(mid.writes).at(-1)!.lines).toContainEqual(expect.stringMatching(/^ {2}◐ events +core +validating · 2\.5s$/));
  });

  it("caps the frame to the terminal's rows, summarising the modules left out, and cuts lines to its columns", () => {
    const out = fakeStream({ rows: 8, columns: 40 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    const ids = Array.from({ length: 50 }, (_, i) => `module_${String(i).padStart(2, "0")}`);
    const plan = { ...PLAN, layers: [{ id: "core", modules: ids }], modules: ids.map((id) => ({ id, layer: "core", spec: "", files: [], dependsOn: [] })), waves: [ids] };
    const at = (e: object) => ({ runId: RUN_ID, at: clock.t, ...e }) as Timed<RunEvent>;
    progress.listener(at({ type: "run:start", request: "implement a very long request that will not fit", plan, resumed: false, concurrency: 4, schedule: "ready", agent: "simulate" }));
    for (const id of ids.slice(0, 30)) progress.listener(at({ type: "module:state", moduleId: id, layer: "core", state: "done", attempt: 1 }));
    progress.listener(at({ type: "module:state", moduleId: "module_45", layer: "core", state: "running", attempt: 1 }));
    progress.stop();
    for (const f of frames(out.writes)) {
      expect(f.lines.length).toBeLessThanOrEqual(7);
      for (const l of f.lines) expect([...l].length).toBeLessThanOrEqual(40);
    }
    const last = frames(out.writes).at(-1)!.lines;
    expect(last).toHaveLength(7);
    expect(last[0]!.endsWith("…")).toBe(true);
    // Running first, then pending in plan order; the rest summarised.
    expect(last.slice(2, 6).map((l) => l.trim().split(/\s+/)[1])).toEqual(["module_30", "module_31", "module_32", "module_45"]);
    expect(last[6]).toBe("  … 46 more: 30 done, 16 pending");
  });

  it("draws a burst of state changes once and lets the unref'd timer catch up", () => {
    vi.useFakeTimers();
    const out = fakeStream({ rows: 30, columns: 100 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors });
    const events = script();
    progress.listener(events[0]!);
    const before = out.writes.length;
    for (const e of events.slice(1, 6)) progress.listener({ ...e, at: 0 } as Timed<RunEvent>);
    expect(out.writes.length).toBe(before);
    clock.t = 100;
    vi.advanceTimersByTime(100);
    expect(out.writes.length).toBe(before + 1);
    expect(frames(out.writes).at(-1)!.lines.join("\n")).toContain("wave 1/3");
    progress.stop();
    progress.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
