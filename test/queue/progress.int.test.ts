import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { Timed } from "../../src/run/events.js";
import { planRequest } from "../../src/plan/request.js";
import { startWorker } from "../../src/queue/worker.js";
import { loadSpec } from "../../src/spec/load.js";
import { createOrchestrator } from "../../src/workflows/project.js";
import { queuedProject } from "../helpers/queue-project.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.stop();
});

/** An agent that reports progress, a tool call and usage, then writes its module's file. */
const reporting: Agent = {
  name: "reporting",
  run: async (task, ctx) => {
    ctx.emit({ type: "progress", message: `reading ${task.moduleId}` });
    ctx.emit({ type: "tool", name: "Write", input: { path: `${task.moduleId}.txt` } });
    ctx.emit({ type: "usage", usage: { inputTokens: 100, outputTokens: 20, costUsd: 0.01 } });
    writeFileSync(join(task.cwd, `${task.moduleId}.txt`), `${task.moduleId}\n`);
    return { ok: true, summary: `wrote ${task.moduleId}`, filesChanged: [`${task.moduleId}.txt`], filesSource: "own", usage: { inputTokens: 100, outputTokens: 20, costUsd: 0.01 } };
  },
};

it("streams a worker's agent events and module gate back as a local attempt's: live events, the store, the attempt's record", async () => {
  const p = queuedProject({ layers: 1, perLayer: 2, latencyMs: 0 });
  const home = mkdtempSync(join(tmpdir(), "orchestrate-worker-test-"));
  const worker = await startWorker({
    url: redis.url,
    home,
    prepare: () => ({ agent: reporting, validate: async (module) => ({ level: "module", target: module.id, ok: true, checks: [{ name: "tests", kind: "command", blocking: true, ok: true, message: "tests 3/3", durationMs: 1 }], durationMs: 1 }) }),
  });
  const { orchestrator, store } = createOrchestrator(p.root, { queue: { url: redis.url, remote: p.remote } }, { hooks: {} });
  try {
    const events: Timed[] = [];
    orchestrator.on((e) => events.push(e));
    const summary = await orchestrator.run(planRequest(loadSpec(p.root), "implement system", {}));
    expect(summary.state).toBe("done");
    for (const id of p.ids) {
      const agent = events.flatMap((e) => (e.type === "agent" && e.moduleId === id ? [e.event] : []));
      expect(agent).toEqual([{ type: "progress", message: `reading ${id}` }, { type: "tool", name: "Write", input: { path: `${id}.txt` } }, { type: "usage", usage: { inputTokens: 100, outputTokens: 20, costUsd: 0.01 } }]);
      expect(events.some((e) => e.type === "module:state" && e.moduleId === id && e.state === "validating")).toBe(true);
      const [attempt] = store.getAttempts(summary.runId, id);
      expect(attempt).toMatchObject({ state: "done", summary: `wrote ${id}`, filesChanged: [`${id}.txt`], usage: { inputTokens: 100, outputTokens: 20, costUsd: 0.01 } });
      expect(attempt!.gates?.checks.map((c) => c.message)).toEqual(["tests 3/3"]);
      // Tool calls are what the store keeps of an agent's events, for `status` and the dashboard.
      expect(store.getEvents(summary.runId).filter((e) => e.type === "agent" && e.moduleId === id).map((e) => (e.data as { event: { type: string } }).event.type)).toEqual(["tool"]);
    }
    expect(summary.usage.costUsd).toBeCloseTo(0.02);
  } finally {
    store.close();
    await worker.close();
    rmSync(home, { recursive: true, force: true });
    p.dispose();
  }
}, 60_000);

it("dispatches an attempt anew when its worker was stopped with its agents cancelled, instead of following the cancelled job", async () => {
  const p = queuedProject({ layers: 1, perLayer: 1, latencyMs: 0 });
  const homes = [mkdtempSync(join(tmpdir(), "orchestrate-worker-test-")), mkdtempSync(join(tmpdir(), "orchestrate-worker-test-"))];
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  // Works until cancelled.
  const stuck: Agent = {
    name: "stuck",
    run: (_task, ctx) =>
      new Promise((resolve) => {
        started();
        ctx.signal.addEventListener("abort", () => resolve({ ok: false, cancelled: true, summary: "", error: "cancelled", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }));
      }),
  };
  const first = await startWorker({ url: redis.url, home: homes[0]!, prepare: () => ({ agent: stuck }) });
  const { orchestrator, store } = createOrchestrator(p.root, { queue: { url: redis.url, remote: p.remote } }, { hooks: {} });
  let second: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    const done = orchestrator.run(planRequest(loadSpec(p.root), "implement system", {}));
    await running;
    await first.close({ cancel: true });
    second = await startWorker({ url: redis.url, home: homes[1]!, prepare: () => ({ agent: reporting }) });
    const summary = await done;
    expect(summary.state).toBe("done");
    const attempts = store.getAttempts(summary.runId, p.ids[0]);
    expect(attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
    expect(attempts[1]!.summary).toBe(`wrote ${p.ids[0]}`);
  } finally {
    store.close();
    await second?.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
    p.dispose();
  }
}, 60_000);

it("checks the run's budget before each dispatch, with the usage workers report", async () => {
  const p = queuedProject({ layers: 1, perLayer: 3, latencyMs: 0 });
  appendFileSync(join(p.root, "orchestrate.config.yaml"), "budget:\n  maxCostUsd: 0.015\n");
  const home = mkdtempSync(join(tmpdir(), "orchestrate-worker-test-"));
  const ran: string[] = [];
  const counting: Agent = { name: "counting", run: (task, ctx) => (ran.push(task.moduleId), reporting.run(task, ctx)) };
  const worker = await startWorker({ url: redis.url, home, prepare: () => ({ agent: counting }) });
  const { orchestrator, store } = createOrchestrator(p.root, { concurrency: 1, queue: { url: redis.url, remote: p.remote } }, { hooks: {} });
  try {
    const summary = await orchestrator.run(planRequest(loadSpec(p.root), "implement system", {}));
    expect(summary.state).toBe("budget_exceeded");
    // $0.01 each: the second attempt takes the run over $0.015, so the third is never dispatched.
    expect(ran).toHaveLength(2);
    expect(store.getAttempts(summary.runId).map((a) => a.moduleId)).toEqual(ran);
  } finally {
    store.close();
    await worker.close();
    rmSync(home, { recursive: true, force: true });
    p.dispose();
  }
}, 60_000);
