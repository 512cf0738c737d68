import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/types.js";
import type { RunOptions } from "../../src/config/options.js";
import type { GateResult } from "../../src/validate/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { workflows } from "../../src/workflows/registry.js";
import { deferred } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

const OPTIONS: RunOptions = { agent: "test", concurrency: 1, retries: 1, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} };
const passed: GateResult = { level: "module", target: "units", ok: true, durationMs: 1, checks: [{ name: "tests", kind: "command", blocking: true, ok: true, message: "tests 3/3", durationMs: 1 }] };

/** An agent that spends `usage` and changes nothing. */
const spending = (inputTokens: number, costUsd: number): Agent => ({ name: "test", run: async () => ({ ok: true, summary: "ok", filesChanged: [], usage: { inputTokens, outputTokens: 10, costUsd } }) });

describe("a run killed (kill -9) while a module's gate runs (real18)", () => {
  it("counts what that attempt's agent spent once resumed: before, its tokens and cost were left out of the run's totals", async () => {
    const plan = buildPlan(tree(["units: l"], []), { type: "implement", scope: { kind: "system" }, because: [] }, "implement module/units");
    const root = makeProject({});
    const file = join(root, ".orchestrate", "state.db");
    mkdirSync(join(root, ".orchestrate"), { recursive: true });
    const store = openSqliteStore(file);
    const inGate = deferred<void>();
    const release = deferred<void>();
    const hooks = { validateModule: async () => (inGate.resolve(), await release.promise, passed) };
    const done = new Orchestrator({ workflows: workflows(), root, store, agent: spending(2000, 0.5), options: OPTIONS, hooks }).run(plan);
    await inGate.promise;
    // What a SIGKILL leaves: the store as committed on disk while the gate runs.
    const dir = join(root, "killed");
    mkdirSync(dir);
    copyFileSync(file, join(dir, "state.db"));
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, join(dir, "state.db-wal"));
    release.resolve();
    await done;
    store.close();

    const dead = openSqliteStore(join(dir, "state.db"));
    // The dead process's lock: its holder is this process, still alive, so it is let go by hand.
    dead.db.prepare("DELETE FROM run_lock").run();
    const runId = dead.listRunHeads(1)[0]!.id;
    expect(dead.getModules(runId).map((m) => m.state)).toEqual(["validating"]);
    const summary = await new Orchestrator({ workflows: workflows(), root, store: dead, agent: spending(100, 0.01), options: OPTIONS, hooks: { validateModule: async () => passed } }).resume(runId);
    expect(summary.state).toBe("done");
    expect(dead.getAttempts(runId).map((a) => [a.n, a.state, a.usage.inputTokens, a.usage.costUsd])).toEqual([
      [1, "cancelled", 2000, 0.5],
      // The gate alone, on attempt 1's work in the project's tree: no agent, nothing spent (before, the agent ran again).
      [2, "done", 0, 0],
    ]);
    expect(dead.runTallies().get(runId)?.usage).toEqual({ inputTokens: 2000, outputTokens: 10, costUsd: 0.5 });
    dead.close();
  });
});
