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

/** `/proc/<pid>/stat`: `pid (comm) state ppid pgrp ...`; comm may hold spaces and parens. */
export function readStat(pid: number | string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", pgrp: Number(fields[2]) };
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
