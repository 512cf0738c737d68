import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { eventMemoryTodoCases } from "./conformance-data.js";
import { lockProcessCases } from "./conformance-lock.js";
import { plannerCases } from "./conformance-planner.js";
import { redactionCases } from "./conformance-redaction.js";
import { searchCases } from "./conformance-search.js";
import { attemptTextCases } from "./conformance-texts.js";
import { attempt, expectStoreError, seed, EMPTY_PLAN } from "./helpers.js";
import type { GateResult } from "../../src/validate/types.js";
import type { Plan } from "../../src/plan/types.js";

const GATE: GateResult = { level: "module", target: "a", ok: false, durationMs: 1, checks: [{ name: "test", kind: "command", blocking: true, ok: false, message: "2 failed", durationMs: 1 }] };

/**
 * The behaviour every Store implementation must share, run against each one.
 * `make` returns a fresh, empty store; the suite closes it after each test.
 */
export function storeConformance(name: string, make: () => Store): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    beforeEach(() => {
      store = make();
    });
    afterEach(() => store.close());

    describe("batch", () => {
      it("applies every call made inside it and returns the function's value", () => {
        seed(store, "r1");
        const n = store.batch(() => {
          const a = store.startAttempt("r1", "a", attempt(10));
          store.appendEvent("r1", "attempt:start", { n: a.n }, 10, "a");
          return a.n;
        });
        expect(n).toBe(1);
        expect(store.getModule("r1", "a")!.state).toBe("running");
        expect(store.getEvents("r1").map((e) => e.type)).toEqual(["attempt:start"]);
      });
    });

    describe("runs", () => {
      it("keeps many modules in plan order, with their ids and layers as given", () => {
        const ids = ["10", 'q"uote', "ünïcode", "z", "a", ...Array.from({ length: 40 }, (_, i) => `m${(i * 7) % 40}`)];
        store.createRun({ id: "r1", request: "x", plan: EMPTY_PLAN, options: "{}", at: 100, modules: ids.map((moduleId, i) => ({ moduleId, layer: `l${i % 3}` })) });
        expect(store.getModules("r1").map((m) => [m.moduleId, m.layer])).toStrictEqual(ids.map((id, i) => [id, `l${i % 3}`]));
        expect(store.getModule("r1", "10")?.moduleId).toBe("10");
      });

      it("creates a running run with pending modules in plan order", () => {
        const run = store.createRun({
          id: "r1", request: "implement system", plan: { ...EMPTY_PLAN, request: "p" }, options: '{"o":1}', at: 100,
          modules: [{ moduleId: "b", layer: "core" }, { moduleId: "a", layer: "app" }],
        });
        const expected = { id: "r1", request: "implement system", plan: { ...EMPTY_PLAN, request: "p" }, options: '{"o":1}', state: "running", createdAt: 100, updatedAt: 100 };
        expect(run).toStrictEqual(expected);
        expect(store.getRun("r1")).toStrictEqual(expected);
        expect(store.getModules("r1")).toStrictEqual([
          { runId: "r1", moduleId: "b", layer: "core", state: "pending", attempts: 0, updatedAt: 100 },
          { runId: "r1", moduleId: "a", layer: "app", state: "pending", attempts: 0, updatedAt: 100 },
        ]);
      });

      it("gives a plan back whole, its modules' spec texts included, from getRun and listRuns: what resume runs from", () => {
        const module = (id: string, text: string, digest?: string) => ({ id, layer: "core", spec: `${id}.md`, files: [], dependsOn: [], specText: text, ...(digest ? { specDigest: digest } : {}) });
        // Two modules with one text (one digest), one with a text of its own, one with no digest (a hand-made plan).
        const plan = { ...EMPTY_PLAN, modules: [module("a", "# A\nsame 📦 text", "d1"), module("b", "# A\nsame 📦 text", "d1"), module("c", "# C", "d2"), module("d", "# D")] };
        store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })) });
        store.createRun({ id: "r2", request: "x", plan, options: "{}", at: 2, modules: [] });
        expect(store.getRun("r1")!.plan).toStrictEqual(plan);
        expect(store.listRuns().map((r) => r.plan)).toStrictEqual([plan, plan]);
      });

      it("rejects a duplicate run id and leaves the first run as it was", () => {
        seed(store);
        expectStoreError(() => store.createRun({ id: "r1", request: "x", plan: EMPTY_PLAN, options: "{}", at: 200, modules: [{ moduleId: "z", layer: "l" }] }), "STORE_CONFLICT");
        expect(store.getRun("r1")?.request).toBe("implement system");
        expect(store.getModules("r1").map((m) => m.moduleId)).toEqual(["a", "b", "c"]);
      });

      it("creates nothing when a module id repeats", () => {
        expectStoreError(() => store.createRun({ id: "r1", request: "x", plan: EMPTY_PLAN, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "l" }, { moduleId: "a", layer: "l" }] }), "STORE_CONFLICT");
        expect(store.getRun("r1")).toBeUndefined();
        expect(store.getModules("r1")).toEqual([]);
      });

      it("returns undefined or empty lists for unknown ids", () => {
        seed(store);
        expect(store.getRun("nope")).toBeUndefined();
        expect(store.getModule("r1", "nope")).toBeUndefined();
        expect(store.getModule("nope", "a")).toBeUndefined();
        expect(store.getModules("nope")).toEqual([]);
        expect(store.getAttempts("nope")).toEqual([]);
        expect(store.getAttempts("r1", "nope")).toEqual([]);
        expect(store.getEvents("nope")).toEqual([]);
        expect(store.readTodos("nope")).toEqual([]);
        expect(store.readMemory("nope")).toBeUndefined();
        expect(store.listRuns()).toHaveLength(1);
      });

      it("lists runs newest first, later insert first on equal times, up to a limit", () => {
        seed(store, "old", 100);
        seed(store, "new", 300);
        seed(store, "mid1", 200);
        seed(store, "mid2", 200);
        expect(store.listRuns().map((r) => r.id)).toEqual(["new", "mid2", "mid1", "old"]);
        expect(store.listRuns(2).map((r) => r.id)).toEqual(["new", "mid2"]);
        expect(store.listRuns(0)).toEqual([]);
      });

      it("lists runs' heads as listRuns lists the runs, without plan and options, with the plan's task type", () => {
        seed(store, "old", 100);
        store.createRun({ id: "debug", request: "fix the ledger", plan: { ...EMPTY_PLAN, analysis: { ...EMPTY_PLAN.analysis, type: "debug" } }, options: '{"o":1}', at: 200, modules: [] });
        // A plan of another shape (no layers): no task type, as the dashboard showed none for it.
        store.createRun({ id: "odd", request: "x", plan: { request: "x", modules: [] } as unknown as Plan, options: "{}", at: 200, modules: [] });
        store.setRunState("old", "done", 150);
        const heads = store.listRunHeads();
        expect(heads).toStrictEqual([
          { id: "odd", request: "x", state: "running", createdAt: 200, updatedAt: 200 },
          { id: "debug", request: "fix the ledger", state: "running", createdAt: 200, updatedAt: 200, taskType: "debug" },
          { id: "old", request: "implement system", state: "done", createdAt: 100, updatedAt: 150, endedAt: 150, taskType: "implement" },
        ]);
        expect(heads.map(({ taskType: _t, ...head }) => head)).toStrictEqual(store.listRuns().map(({ plan: _p, options: _o, ...run }) => run));
        expect(store.listRunHeads(1).map((r) => r.id)).toEqual(["odd"]);
        expect(store.listRunHeads(0)).toEqual([]);
        for (const head of heads) expect(store.getRunHead(head.id)).toStrictEqual(head);
        expect(store.getRunHead("nope")).toBeUndefined();
      });

      it("sets the run state, ending it unless it runs again", () => {
        seed(store);
        store.setRunState("r1", "interrupted", 150);
        expect(store.getRun("r1")).toMatchObject({ state: "interrupted", updatedAt: 150, endedAt: 150, createdAt: 100 });
        store.setRunState("r1", "running", 160);
        expect(store.getRun("r1")).not.toHaveProperty("endedAt");
        store.setRunState("r1", "done", 170);
        expect(store.getRun("r1")).toMatchObject({ state: "done", updatedAt: 170, endedAt: 170 });
        expectStoreError(() => store.setRunState("nope", "done", 1), "STORE_NOT_FOUND");
      });
    });

    describe("modules and attempts", () => {
      it("tallies every run at once as its own records tell it: module states, usage in getAttempts' order, run:start events, newest event", () => {
        seed(store, "r1", 100);
        seed(store, "r2", 200);
        store.createRun({ id: "empty", request: "x", plan: EMPTY_PLAN, options: "{}", at: 300, modules: [] });
        store.recordAttempt({ runId: "r1", moduleId: "planner", n: 1, kind: "plan", agent: "anthropic", state: "done", promptPath: "p.md", filesChanged: [], usage: { inputTokens: 7, outputTokens: 1, costUsd: 0.1 }, startedAt: 90, endedAt: 99 });
        for (const [m, cost] of [["a", 0.2], ["b", 0.7]] as const) {
          store.startAttempt("r1", m, { kind: "implement", agent: "simulate", promptPath: "p.md", at: 110 });
          store.finishAttempt("r1", m, 1, { state: "done", usage: { inputTokens: 10, outputTokens: 5, costUsd: cost }, endedAt: 120 }, "done");
        }
        store.startAttempt("r2", "c", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 210 });
        store.appendEvent("r1", "run:start", { type: "run:start", runId: "r1" }, 100);
        store.appendEvent("r1", "run:start", { type: "run:start", runId: "r1", resumed: true, ranMs: 20 }, 150);
        store.appendEvent("r1", "module:state", { type: "module:state" }, 160, "a");
        store.appendEvent("r2", "attempt:start", { type: "attempt:start" }, 210, "c");
        const tallies = store.runTallies();
        for (const id of ["r1", "r2", "empty"]) {
          const states: Record<string, number> = {};
          for (const m of store.getModules(id)) states[m.state] = (states[m.state] ?? 0) + 1;
          const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
          for (const a of store.getAttempts(id)) [usage.inputTokens, usage.outputTokens, usage.costUsd] = [usage.inputTokens + a.usage.inputTokens, usage.outputTokens + a.usage.outputTokens, usage.costUsd + a.usage.costUsd];
          const starts = store.getEvents(id, 0, "run:start");
          const tally = tallies.get(id) ?? { states: {}, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, starts: 0 };
          expect(tally.states).toStrictEqual(states);
          expect(tally.usage).toStrictEqual(usage);
          expect(tally.starts).toBe(starts.length);
          expect(tally.lastStart).toStrictEqual(starts.at(-1));
          expect(tally.newestEventAt).toBe(store.getEvents(id).at(-1)?.at);
        }
        expect(tallies.get("r1")).toMatchObject({ states: { done: 2, pending: 1 }, starts: 2, newestEventAt: 160 });
        expect(tallies.get("r1")!.usage.costUsd).toBe(0.1 + 0.2 + 0.7);
        expect(tallies.get("r2")).toMatchObject({ states: { pending: 2, running: 1 }, starts: 0, newestEventAt: 210 });
      });

      it("sets a module state with a reason, and clears the reason when none is given", () => {
        seed(store);
        store.setModuleState("r1", "b", "blocked", 110, "a failed");
        expect(store.getModule("r1", "b")).toStrictEqual({ runId: "r1", moduleId: "b", layer: "core", state: "blocked", reason: "a failed", attempts: 0, updatedAt: 110 });
        store.setModuleState("r1", "b", "pending", 120);
        expect(store.getModule("r1", "b")).not.toHaveProperty("reason");
        expectStoreError(() => store.setModuleState("r1", "nope", "done", 1), "STORE_NOT_FOUND");
        expectStoreError(() => store.setModuleState("nope", "a", "done", 1), "STORE_NOT_FOUND");
      });

      it("numbers attempts per module and moves the module to running with them", () => {
        seed(store);
        store.setModuleState("r1", "a", "failed", 105, "tests failed");
        const first = store.startAttempt("r1", "a", attempt(110));
        expect(first).toStrictEqual({
          runId: "r1", moduleId: "a", n: 1, kind: "implement", agent: "simulate", state: "running",
          promptPath: ".orchestrate/p.md", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: 110,
        });
        expect(store.getModule("r1", "a")).toStrictEqual({ runId: "r1", moduleId: "a", layer: "core", state: "running", attempts: 1, updatedAt: 110 });
        store.finishAttempt("r1", "a", 1, { state: "failed", error: "boom", endedAt: 120 }, "pending");
        expect(store.startAttempt("r1", "a", attempt(130)).n).toBe(2);
        expect(store.startAttempt("r1", "b", attempt(140)).n).toBe(1);
        expect(store.getModule("r1", "a")?.attempts).toBe(2);
        expect(store.getAttempts("r1").map((x) => `${x.moduleId}${x.n}`)).toEqual(["a1", "a2", "b1"]);
        expect(store.getAttempts("r1", "a").map((x) => x.n)).toEqual([1, 2]);
      });

      it("ends the attempt and sets the module state and reason together", () => {
        seed(store);
        store.startAttempt("r1", "a", attempt(110));
        const usage = { inputTokens: 1200, outputTokens: 340, costUsd: 0.0125 };
        store.finishAttempt("r1", "a", 1, {
          state: "failed", summary: "wrote the book", error: "2 tests failed", filesChanged: ["src/a.ts", "test/a.test.ts"],
          usage, gates: GATE, endedAt: 150,
        }, "failed", "gate `test` failed");
        expect(store.getAttempts("r1", "a")).toStrictEqual([{
          runId: "r1", moduleId: "a", n: 1, kind: "implement", agent: "simulate", state: "failed", promptPath: ".orchestrate/p.md",
          summary: "wrote the book", error: "2 tests failed", filesChanged: ["src/a.ts", "test/a.test.ts"], usage,
          gates: GATE, startedAt: 110, endedAt: 150,
        }]);
        expect(store.getModule("r1", "a")).toMatchObject({ state: "failed", reason: "gate `test` failed", updatedAt: 150, attempts: 1 });
      });

      it("keeps the queue worker that ran an attempt, and none for an attempt of this process", () => {
        seed(store);
        store.startAttempt("r1", "a", attempt(110));
        store.finishAttempt("r1", "a", 1, { state: "done", worker: "build-2:4242", endedAt: 120 }, "done");
        store.startAttempt("r1", "b", attempt(130));
        store.finishAttempt("r1", "b", 1, { state: "done", endedAt: 140 }, "done");
        expect(store.getAttempts("r1").map((x) => x.worker)).toStrictEqual(["build-2:4242", undefined]);
        expect(store.getAttempts("r1", "b")[0]).not.toHaveProperty("worker");
      });

      it("keeps a queued attempt's worker as it takes the job, while the attempt runs; an ended one's stays as it ended", () => {
        seed(store);
        store.startAttempt("r1", "a", attempt(110));
        store.setAttemptWorker("r1", "a", 1, "build-1:1111");
        expect(store.getAttempts("r1", "a")[0]).toMatchObject({ state: "running", worker: "build-1:1111" });
        // Lost and taken by another worker.
        store.setAttemptWorker("r1", "a", 1, "build-2:2222");
        expect(store.getAttempts("r1", "a")[0]!.worker).toBe("build-2:2222");
        store.finishAttempt("r1", "a", 1, { state: "done", worker: "build-2:2222", endedAt: 120 }, "done");
        store.setAttemptWorker("r1", "a", 1, "build-3:3333");
        store.setAttemptWorker("r1", "a", 9, "build-3:3333");
        expect(store.getAttempts("r1", "a")).toMatchObject([{ n: 1, state: "done", worker: "build-2:2222" }]);
      });

      it("defaults omitted results to no files and zero usage", () => {
        seed(store);
        store.startAttempt("r1", "a", attempt(110));
        store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 120 }, "done");
        const [ended] = store.getAttempts("r1", "a");
        expect(ended).toMatchObject({ state: "done", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, endedAt: 120 });
        expect(ended).not.toHaveProperty("error");
        expect(store.getModule("r1", "a")).toStrictEqual({ runId: "r1", moduleId: "a", layer: "core", state: "done", attempts: 1, updatedAt: 120 });
      });

      it("refuses to end an attempt twice or one that does not exist, changing nothing", () => {
        seed(store);
        store.startAttempt("r1", "a", attempt(110));
        store.finishAttempt("r1", "a", 1, { state: "done", summary: "ok", endedAt: 120 }, "done");
        const before = { attempts: store.getAttempts("r1"), modules: store.getModules("r1") };
        expectStoreError(() => store.finishAttempt("r1", "a", 1, { state: "cancelled", endedAt: 130 }, "failed"), "STORE_CONFLICT");
        expectStoreError(() => store.finishAttempt("r1", "a", 2, { state: "done", endedAt: 130 }, "done"), "STORE_NOT_FOUND");
        expectStoreError(() => store.finishAttempt("r1", "nope", 1, { state: "done", endedAt: 130 }, "done"), "STORE_NOT_FOUND");
        expectStoreError(() => store.startAttempt("r1", "nope", attempt(130)), "STORE_NOT_FOUND");
        expectStoreError(() => store.startAttempt("nope", "a", attempt(130)), "STORE_NOT_FOUND");
        expect({ attempts: store.getAttempts("r1"), modules: store.getModules("r1") }).toStrictEqual(before);
      });

      it("hands out copies: changing a returned record changes nothing stored", () => {
        seed(store);
        const started = store.startAttempt("r1", "a", attempt(110));
        started.filesChanged.push("x");
        started.usage.inputTokens = 99;
        const mod = store.getModule("r1", "a");
        if (mod) mod.state = "done";
        const run = store.getRun("r1");
        if (run) run.state = "failed";
        expect(store.getAttempts("r1", "a")[0]).toMatchObject({ filesChanged: [], usage: { inputTokens: 0 } });
        expect(store.getModule("r1", "a")?.state).toBe("running");
        expect(store.getRun("r1")?.state).toBe("running");
      });
    });

    eventMemoryTodoCases(() => store);
    lockProcessCases(() => store);
    redactionCases(() => store);
    searchCases(() => store);
    attemptTextCases(() => store);
    plannerCases(() => store);
  });
}
