import { readdirSync, readFileSync } from "node:fs";

/**
 * Liveness and termination of a whole process group (a child spawned with
 * `detached: true` leads its own group, whose id is its pid).
 */

const POLL_MS = 20;

/** Sends `signal` to every process in the group; a group that is already gone is fine. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

/**
 * Whether any process of the group is still running. A zombie does not count: an
 * orphaned grandchild is reaped by init, sometimes seconds later, and it runs nothing.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (process.platform !== "linux") return true;
  return runningMembers(pgid) > 0;
}

/** Counts the group's non-zombie members by reading /proc (Linux only). */
function runningMembers(pgid: number): number {
  let count = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== "Z" && stat.state !== "X") count += 1;
  }
  return count;
}

/**
 * `/proc/<pid>/stat`: `pid (comm) state ppid pgrp ...`; comm may hold spaces and parens.
 * `start` is field 22, the start time in clock ticks since boot.
 */
export function readStat(pid: number | string): { state: string; pgrp: number; start: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", pgrp: Number(fields[2]), start: fields[19] ?? "" };
}

let bootId: string | undefined;

/**
 * When process `pid` started, as a token: equal for the same process, different for a
 * later one given the same pid (the boot id keeps ticks from two boots apart). Undefined
 * when the process does not exist or the OS does not say (not Linux).
 */
export function processStartTime(pid: number): string | undefined {
  const stat = readStat(pid);
  if (!stat?.start) return undefined;
  bootId ??= readBootId();
  return `${bootId}:${stat.start}`;
}

function readBootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "boot";
  }
}

/**
 * Whether process `pid` is the one that started at `startTime` and still runs: not gone,
 * not a zombie (it has exited; only its parent has not collected it), not a reused pid.
 * Without /proc (not Linux) only the first can be told, so a live pid counts.
 */
export function processAlive(pid: number, startTime: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (process.platform !== "linux") {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  }
  const stat = readStat(pid);
  if (!stat || stat.state === "Z" || stat.state === "X") return false;
  return processStartTime(pid) === startTime;
}

/**
 * Whether the group led by `pgid`, whose leader started at `startTime`, still has a
 * running member. A pid stays taken while any process uses it as its group id, so while
 * our group has members the number cannot lead another: a leader with another start time
 * means ours is gone. A leader gone with members left (the shell exited, its background
 * jobs did not) is still ours; members older than our leader cannot be, so they do not count.
 */
export function ownGroupAlive(pgid: number, startTime: string, table: ProcessTable = processTable()): boolean {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) return false;
  if (process.platform !== "linux") return groupAlive(pgid);
  const cut = startTime.lastIndexOf(":");
  // Recorded before a reboot: nothing of it can still run.
  if (startTime.slice(0, cut) !== (bootId ??= readBootId())) return false;
  const since = Number(startTime.slice(cut + 1));
  const leader = table.get(pgid);
  if (leader && leader.start !== since) return false;
  return table.members(pgid).some((m) => m.state !== "Z" && m.state !== "X" && m.start >= since);
}

interface ProcessEntry {
  state: string;
  pgrp: number;
  start: number;
}

/** One reading of every process (Linux), for checking many groups at once. */
export interface ProcessTable {
  get(pid: number): ProcessEntry | undefined;
  members(pgid: number): ProcessEntry[];
}

export function processTable(): ProcessTable {
  const byPid = new Map<number, ProcessEntry>();
  const byGroup = new Map<number, ProcessEntry[]>();
  if (process.platform === "linux") {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(entry);
      if (!stat) continue;
      const e = { state: stat.state, pgrp: stat.pgrp, start: Number(stat.start) };
      byPid.set(Number(entry), e);
      const list = byGroup.get(e.pgrp);
      if (list) list.push(e);
      else byGroup.set(e.pgrp, [e]);
    }
  }
  return { get: (pid) => byPid.get(pid), members: (pgid) => byGroup.get(pgid) ?? [] };
}

/**
 * Ends a group recorded earlier, if it is still the same group: SIGTERM, then SIGKILL to
 * whatever runs after `graceMs`. Ownership is checked again before every signal, so a
 * group that ended meanwhile (and whose number went to someone else) is never signalled.
 * Resolves true once nothing of it runs, false if even SIGKILL left something after a second.
 */
export async function endOwnGroup(pgid: number, startTime: string, graceMs: number): Promise<boolean> {
  const alive = () => ownGroupAlive(pgid, startTime);
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (alive()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return true;
  };
  if (!alive()) return true;
  signalGroup(pgid, "SIGTERM");
  if (await gone(graceMs)) return true;
  if (alive()) signalGroup(pgid, "SIGKILL");
  return gone(1000);
}

async function waitGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/**
 * SIGTERM to the group, SIGKILL to whatever is left after `graceMs`; resolves once
 * nothing in the group runs (or, if even SIGKILL is not enough, after one more second).
 */
export async function killGroup(pgid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, "SIGTERM");
  if (await waitGone(pgid, graceMs)) return;
  signalGroup(pgid, "SIGKILL");
  await waitGone(pgid, 1000);
}
