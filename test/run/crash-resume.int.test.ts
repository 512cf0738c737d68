import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/config/options.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { recorded } from "../../src/run/events.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { workflows } from "../../src/workflows/registry.js";
import { controlledAgent, success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 4, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };
const tick = () => new Promise((r) => setImmediate(r));

/** What a SIGKILL leaves of a store: its committed state alone, the database and its WAL as they are on disk now. */
function killedCopy(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, "state.db");
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

describe("a run whose process dies mid-module resumes from what its grouped store committed (events written after each batch's write)", () => {
  it("keeps each transition with its events, cancels the cut attempt, redoes it once and nothing done", async () => {
    const plan = buildPlan(tree(["a: l", "b: l <- a", "c: l"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const root = makeProject({});
    const file = join(root, ".orchestrate", "state.db");
    mkdirSync(join(root, ".orchestrate"), { recursive: true });
    const store = openSqliteStore(file, { group: true });
    const c = controlledAgent();
    const done = new Orchestrator({ workflows: workflows(), root, store, agent: c.agent, options: OPTIONS }).run(plan);
    await c.startedCount(2);
    c.finish("a", success());
    c.finish("c", success());
    // b starts once a is done; a few turns later its start (and a's and c's ends) are committed.
    await c.startedCount(3);
    for (let i = 0; i < 5; i++) await tick();
    const copy = killedCopy(file, join(root, "killed"));
    c.finish("b", success());
    await done;
    store.close();

    const dead = openSqliteStore(copy, { group: true });
    // The dead process's lock: its holder is gone (here it is this process, still alive, so it is let go by hand).
    dead.db.prepare("DELETE FROM run_lock").run();
    const runId = dead.listRunHeads(1)[0]!.id;
    const before = dead.getEvents(runId);
    // Committed together: every attempt recorded has its start event, every ended one its end event.
    expect(recorded(before, "attempt:start").map((e) => `${e.moduleId}#${e.attempt}`).sort()).toEqual(["a#1", "b#1", "c#1"]);
    expect(recorded(before, "attempt:end").map((e) => `${e.moduleId}#${e.attempt}`).sort()).toEqual(["a#1", "c#1"]);
    expect(dead.getModules(runId).map((m) => [m.moduleId, m.state])).toEqual([["a", "done"], ["b", "running"], ["c", "done"]]);

    const summary = await new Orchestrator({ workflows: workflows(), root, store: dead, agent: createSimulateAgent(), options: OPTIONS }).resume(runId);
    expect(summary.state).toBe("done");
    expect(dead.getAttempts(runId).map((a) => [a.moduleId, a.n, a.state])).toEqual([["a", 1, "done"], ["c", 1, "done"], ["b", 1, "cancelled"], ["b", 2, "done"]]);
    const after = dead.getEvents(runId);
    expect(recorded(after, "attempt:start").map((e) => `${e.moduleId}#${e.attempt}`)).toEqual(["a#1", "c#1", "b#1", "b#2"]);
    expect(recorded(after, "attempt:end").map((e) => `${e.moduleId}#${e.attempt}`).sort()).toEqual(["a#1", "b#2", "c#1"]);
    // Ids in order, none lost or repeated across the crash.
    expect(after.map((e) => e.id)).toEqual(after.map((_, i) => i + 1));
    dead.close();
  });
});
