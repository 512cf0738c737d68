import type { LockRecord, Store } from "../store/types.js";
import { processAlive, processStartTime } from "../exec/process-group.js";
import { RunError } from "../errors.js";

/**
 * One live run per project. The lock is a row of the project's store, read, checked and
 * written in one IMMEDIATE transaction, so of processes starting at once, or over a lock
 * whose holder died, exactly one takes it: there is no window between "it is free" and
 * "it is mine". A holder counts as live only while the same process runs: the pid exists,
 * with the start time it had when it took the lock (a reused pid is someone else), and is
 * not a zombie. A process killed mid-write leaves no lock at all: SQLite rolls it back.
 */
export class RunLock {
  private held: LockRecord | undefined;
  private readonly onExit = () => this.release();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(runId: string): void {
    const me: LockRecord = { pid: process.pid, startTime: ownStartTime(), runId, since: this.now() };
    // A lock this very process holds was left by an earlier run in it (the MCP server
    // keeps its own runs apart): take it over, as a dead holder's.
    const holder = this.store.takeLock(me, (h) => !(h.pid === me.pid && h.startTime === me.startTime) && processAlive(h.pid, h.startTime));
    if (holder) throw lockedBy(holder);
    this.held = me;
    process.once("exit", this.onExit);
  }

  /**
   * Refuses now, without taking the lock, when another live process holds it: a command says so
   * before its other lines (sandbox, validation) and before a planner spends anything. `acquire`
   * still decides; this only answers early.
   * @throws RunError `RUN_LOCKED`
   */
  check(): void {
    const holder = this.store.getLock();
    if (holder && !(holder.pid === process.pid && holder.startTime === ownStartTime()) && processAlive(holder.pid, holder.startTime)) throw lockedBy(holder);
  }

  release(): void {
    if (!this.held) return;
    const me = this.held;
    this.held = undefined;
    process.removeListener("exit", this.onExit);
    try {
      this.store.releaseLock(me);
    } catch {
      // The store is closed or gone; the lock of a process that ends is taken over anyway.
    }
  }
}

function lockedBy(holder: LockRecord): RunError {
  const since = new Date(holder.since).toISOString().replace("T", " ").slice(0, 19);
  return new RunError("RUN_LOCKED", `Run ${holder.runId} is live in this project (pid ${holder.pid}, since ${since} UTC); wait for it to end, or stop it with \`kill ${holder.pid}\``);
}

let own: string | undefined;

/** This process's start time; where the OS does not tell it, one token per process. */
function ownStartTime(): string {
  own ??= processStartTime(process.pid) ?? `pid:${process.pid}:${Date.now() - Math.round(process.uptime() * 1000)}`;
  return own;
}
