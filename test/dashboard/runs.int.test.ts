import { describe, expect, it } from "vitest";
import { runDetail, runRows } from "../../src/dashboard/server/runs.js";
import { moduleDetail } from "../../src/dashboard/server/module.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { EMPTY_PLAN, freshFiles } from "../store/helpers.js";
import { processStartTime } from "../../src/exec/process-group.js";
import type { InProcessRuns } from "../../src/dashboard/server/holder.js";

const freshFile = freshFiles("dashboard-runs");

describe("/api/runs", () => {
  it("reads no plan: every row as before, a run whose plan is no JSON included, its type as the run's page shows it", () => {
    const store = openSqliteStore(freshFile());
    try {
      const plan = { ...EMPTY_PLAN, analysis: { ...EMPTY_PLAN.analysis, type: "refactor" as const } };
      store.createRun({ id: "r1", request: "tidy the ledger", plan, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 2 });
      store.finishAttempt("r1", "a", 1, { state: "done", usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.5 }, endedAt: 3 }, "done");
      store.setRunState("r1", "done", 4);
      const [row] = runRows(store, []);
      const { id, request, type, state, createdAt, endedAt, durationMs, usage, modules, counts, live } = runDetail(store, "r1", [])!;
      expect(row).toStrictEqual({ id, request, type, state, createdAt, endedAt, durationMs, usage, modules, counts, live });
      expect(row).toMatchObject({ type: "refactor", state: "done", durationMs: 3, modules: 1, usage: { costUsd: 0.5 } });

      // The list polled every 2 s parsed every run's plan (with its spec texts) for its type alone.
      store.db.prepare("UPDATE runs SET plan = '{cut short'").run();
      expect(runRows(store, [])).toStrictEqual([row]);
      expect(runRows(store, [], "running")).toStrictEqual([]);
    } finally {
      store.close();
    }
  });
});

describe("a run whose process is gone", () => {
  it("is listed interrupted, and none of its modules or attempts is running, in the list, the run's page and the module's", () => {
    const store = openSqliteStore(freshFile());
    try {
      store.createRun({ id: "r1", request: "chart the tides", plan: EMPTY_PLAN, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "core" }, { moduleId: "b", layer: "core" }] });
      store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 2 });
      // Killed: no process holds its lock.
      store.takeLock({ pid: 4194305, startTime: "gone", runId: "r1", since: 2 }, () => false);
      const [row] = runRows(store, []);
      expect(row).toMatchObject({ state: "interrupted", live: false, counts: { running: 0, pending: 2 } });
      expect(runRows(store, [], "interrupted")).toStrictEqual([row]);
      const detail = runDetail(store, "r1", [])!;
      expect(detail).toMatchObject({ state: "interrupted", canResume: true, queued: false });
      expect(detail.nodes.map((n) => n.state)).toStrictEqual(["pending", "pending"]);
      const run = store.getRun("r1")!;
      const module = moduleDetail(store, ".", run, store.getModule("r1", "a")!, 2);
      expect(module.state).toBe("pending");
      expect(module.attempts.map((a) => a.state)).toStrictEqual(["cancelled"]);
    } finally {
      store.close();
    }
  });
});

describe("a run queued on Redis", () => {
  it("says so, for the page's second resume button (in the dashboard's process, `resume --no-queue`)", () => {
    const store = openSqliteStore(freshFile());
    try {
      store.createRun({ id: "r1", request: "chart the tides", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url: "redis://127.0.0.1:6390" } }), at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      store.setRunState("r1", "interrupted", 2);
      expect(runDetail(store, "r1", [])).toMatchObject({ canResume: true, queued: true });
    } finally {
      store.close();
    }
  });

  it("shows the worker that took a running attempt as the module's step, until the agent says more", () => {
    const store = openSqliteStore(freshFile());
    try {
      store.createRun({ id: "r1", request: "chart the tides", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url: "redis://127.0.0.1:6390" } }), at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 2 });
      store.takeLock({ pid: process.pid, startTime: processStartTime(process.pid)!, runId: "r1", since: 2 }, () => false);
      const own: InProcessRuns = { has: (id) => id === "r1", stop: () => undefined };
      store.appendEvent("r1", "attempt:worker", { type: "attempt:worker", runId: "r1", moduleId: "a", attempt: 1, worker: "host-b:4242" }, 3, "a");
      expect(runDetail(store, "r1", [own])!.nodes[0]).toMatchObject({ state: "running", step: "#1 on worker host-b:4242" });
      store.appendEvent("r1", "agent:progress", { message: "reading the spec" }, 4, "a");
      expect(runDetail(store, "r1", [own])!.nodes[0]).toMatchObject({ step: "#1 reading the spec" });
    } finally {
      store.close();
    }
  });

  it("after a lost worker, shows the next attempt with no worker until one takes it, never the lost one", () => {
    const store = openSqliteStore(freshFile());
    try {
      store.createRun({ id: "r1", request: "chart the tides", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url: "redis://127.0.0.1:6390" } }), at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      store.takeLock({ pid: process.pid, startTime: processStartTime(process.pid)!, runId: "r1", since: 2 }, () => false);
      const own: InProcessRuns = { has: (id) => id === "r1", stop: () => undefined };
      const start = (n: number, at: number) => {
        store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p.md", at });
        store.appendEvent("r1", "attempt:start", { type: "attempt:start", runId: "r1", moduleId: "a", attempt: n, kind: "implement", agent: "simulate", promptPath: "p.md" }, at, "a");
      };
      const taken = (n: number, worker: string, at: number) => store.appendEvent("r1", "attempt:worker", { type: "attempt:worker", runId: "r1", moduleId: "a", attempt: n, worker }, at, "a");
      start(1, 2);
      taken(1, "host-a:1111", 3);
      store.finishAttempt("r1", "a", 1, { state: "cancelled", error: "lost: worker host-a:1111 stopped renewing job r1.a.1's lock", worker: "host-a:1111", endedAt: 4 }, "running");
      // The next attempt follows the re-queued job, which no worker has taken yet.
      start(2, 5);
      expect(runDetail(store, "r1", [own])!.nodes[0]).toMatchObject({ state: "running", step: "attempt 2 (implement)" });
      taken(2, "host-b:2222", 6);
      expect(runDetail(store, "r1", [own])!.nodes[0]).toMatchObject({ step: "#2 on worker host-b:2222" });
    } finally {
      store.close();
    }
  });
});
