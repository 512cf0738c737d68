import { EMPTY_PLAN } from "../store/helpers.js";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ownGroupAlive, processAlive, processStartTime } from "../../src/exec/process-group.js";
import { MemoryStore } from "../../src/store/memory.js";
import { endOrphans } from "../../src/run/orphans.js";

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

/** A detached shell leading its own group, as the command agent starts one. */
function group(script: string): { pgid: number; startTime: string; exited: Promise<void> } {
  const child = spawn("/bin/sh", ["-c", script], { detached: true, stdio: "ignore" });
  const pgid = child.pid!;
  groups.push(pgid);
  return { pgid, startTime: processStartTime(pgid)!, exited: new Promise((resolve) => child.on("exit", () => resolve())) };
}

/** A store with run r1, module a, attempt 1, and the groups recorded for it. */
function storeWith(...recorded: { pgid: number; startTime: string }[]): MemoryStore {
  const store = new MemoryStore();
  store.createRun({ id: "r1", request: "x", plan: EMPTY_PLAN, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "l" }] });
  store.startAttempt("r1", "a", { kind: "implement", agent: "command", promptPath: "p", at: 1 });
  for (const g of recorded) store.recordProcess({ runId: "r1", moduleId: "a", n: 1, pid: g.pgid, startTime: g.startTime, recordedAt: 2 });
  return store;
}

/** The zombie child of `parent`, once there is one (the shell's `true` exits at once). */
async function zombieChildOf(parent: number): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
      try {
        const [state, ppid] = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
        if (state === "Z" && Number(ppid) === parent) return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no zombie child of ${parent}`);
}

describe("ending orphaned agent groups (finding 6)", () => {
  it("ends a recorded group that still runs, every member, and forgets it", async () => {
    const g = group("sleep 30 & sleep 30");
    expect(ownGroupAlive(g.pgid, g.startTime)).toBe(true);
    const store = storeWith(g);
    expect((await endOrphans(store)).map((p) => p.pid)).toEqual([g.pgid]);
    await g.exited;
    expect(ownGroupAlive(g.pgid, g.startTime)).toBe(false);
    expect(store.getProcesses()).toEqual([]);
  });

  it("ends the members a leader left behind: the shell exited, its background job did not", async () => {
    const g = group("sleep 30 & exit 0");
    await g.exited;
    expect(processAlive(g.pgid, g.startTime)).toBe(false);
    expect(ownGroupAlive(g.pgid, g.startTime)).toBe(true);
    expect(await endOrphans(storeWith(g))).toHaveLength(1);
    expect(ownGroupAlive(g.pgid, g.startTime)).toBe(false);
  });

  it("kills what ignores SIGTERM once the grace is over", async () => {
    const g = group("trap '' TERM; sleep 30 & wait");
    expect(await endOrphans(storeWith(g), 100)).toHaveLength(1);
    expect(ownGroupAlive(g.pgid, g.startTime)).toBe(false);
  });

  it("leaves alone a live group whose leader started at another time: the pid was given to someone else", async () => {
    const g = group("sleep 30");
    const other = `${g.startTime.slice(0, g.startTime.lastIndexOf(":"))}:1`;
    const store = storeWith({ pgid: g.pgid, startTime: other });
    expect(await endOrphans(store)).toEqual([]);
    expect(processAlive(g.pgid, g.startTime)).toBe(true);
    expect(store.getProcesses()).toEqual([]);
  });

  it("counts a zombie as gone, and forgets a group that ended on its own", async () => {
    // `true` exits and the `sleep` its shell became never collects it.
    const g = group("true & exec sleep 30");
    const zombie = await zombieChildOf(g.pgid);
    expect(processAlive(zombie, processStartTime(zombie)!)).toBe(false);
    process.kill(-g.pgid, "SIGKILL");
    await g.exited;
    const store = storeWith(g);
    expect(await endOrphans(store)).toEqual([]);
    expect(store.getProcesses()).toEqual([]);
  });
});
