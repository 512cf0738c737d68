import { EMPTY_PLAN } from "../store/helpers.js";
import { afterEach, describe, expect, it } from "vitest";
import { Actions } from "../../src/dashboard/server/actions.js";
import type { InProcessRuns } from "../../src/dashboard/server/holder.js";
import type { LiveRuns } from "../../src/mcp/runs.js";
import { processStartTime } from "../../src/exec/process-group.js";
import { MemoryStore } from "../../src/store/memory.js";
import { spawnHolder, type Holder } from "../helpers/holder.js";

const children: Holder[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

/** A real process to stand for another orchestrate holding the lock. */
async function holder(): Promise<{ pid: number; startTime: string }> {
  const child = await spawnHolder();
  children.push(child);
  return { pid: child.pid, startTime: child.startTime };
}

function storeWithRun(): MemoryStore {
  const store = new MemoryStore();
  store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: "{}", modules: [{ moduleId: "a", layer: "core" }], at: 1 });
  return store;
}

const noRuns = { resume: () => Promise.reject(new Error("not called")), has: () => false, stop: () => undefined } as unknown as LiveRuns;

describe("the dashboard's cancel", () => {
  it("sends SIGINT to the lock's holder when its pid still has the lock's start time", async () => {
    const store = storeWithRun();
    const live = await holder();
    store.takeLock({ ...live, runId: "r1", since: 1 }, () => false);
    const sent: [number, string][] = [];
    const actions = new Actions(store, [], noRuns, (pid, signal) => void sent.push([pid, signal]));
    expect(actions.cancel("r1")).toEqual({ how: "signal", pid: live.pid });
    expect(sent).toEqual([[live.pid, "SIGINT"]]);
  });

  it("signals nobody when the pid now belongs to another process (another start time), or the lock is another run's", async () => {
    const store = storeWithRun();
    const live = await holder();
    store.takeLock({ pid: live.pid, startTime: `${live.startTime}0`, runId: "r1", since: 1 }, () => false);
    const sent: number[] = [];
    const actions = new Actions(store, [], noRuns, (pid) => void sent.push(pid));
    expect(() => actions.cancel("r1")).toThrow(/not live/);
    store.releaseLock({ pid: live.pid, startTime: `${live.startTime}0` });
    store.takeLock({ ...live, runId: "r0", since: 1 }, () => false);
    expect(() => actions.cancel("r1")).toThrow(/not live/);
    expect(sent).toEqual([]);
  });

  it("stops a run of its own process through the orchestrator, never by a signal to itself", () => {
    const store = storeWithRun();
    store.takeLock({ pid: process.pid, startTime: processStartTime(process.pid)!, runId: "r1", since: 1 }, () => false);
    const stopped: string[] = [];
    const own: InProcessRuns = { has: (id) => id === "r1", stop: (id) => void stopped.push(id) };
    const sent: number[] = [];
    expect(new Actions(store, [own], noRuns, (pid) => void sent.push(pid)).cancel("r1")).toEqual({ how: "stop" });
    expect(stopped).toEqual(["r1"]);
    // The same lock, but no run of this process has it: nothing to signal either.
    expect(() => new Actions(store, [], noRuns, (pid) => void sent.push(pid)).cancel("r1")).toThrow(/not live/);
    expect(sent).toEqual([]);
  });
});

describe("the dashboard's resume", () => {
  it("goes on in its own process with `local` (the page's Resume here), on the run's queue without", async () => {
    const asked: unknown[] = [];
    const runs = { resume: (runId: string, options: unknown) => (asked.push([runId, options]), Promise.resolve({ runId })) } as unknown as LiveRuns;
    const actions = new Actions(storeWithRun(), [], runs);
    expect(await actions.resume("r1", true)).toEqual({ runId: "r1" });
    expect(await actions.resume("r1")).toEqual({ runId: "r1" });
    expect(asked).toEqual([["r1", { local: true }], ["r1", { local: false }]]);
  });
});
