import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { PRIVATE_DIR, PRIVATE_FILE } from "../redact/index.js";
import { RunError } from "../errors.js";

interface LockInfo {
  pid: number;
  runId: string;
  since: number;
}

/**
 * One live run per project: `.orchestrate/lock` holds the owner's pid. A lock
 * whose process is gone (killed, crashed) is taken over; a live one is refused.
 */
export class RunLock {
  private held = false;
  private readonly onExit = () => this.release();

  constructor(private readonly file: string) {}

  acquire(runId: string): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: PRIVATE_DIR });
    for (let tries = 0; tries < 3; tries++) {
      try {
        const fd = openSync(this.file, "wx", PRIVATE_FILE);
        writeSync(fd, JSON.stringify({ pid: process.pid, runId, since: Date.now() } satisfies LockInfo));
        closeSync(fd);
        this.held = true;
        process.once("exit", this.onExit);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = readLock(this.file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
        const since = new Date(owner.since).toISOString().replace("T", " ").slice(0, 19);
        throw new RunError("RUN_LOCKED", `Run ${owner.runId} is live in this project (pid ${owner.pid}, since ${since} UTC); wait for it to end, or stop it with \`kill ${owner.pid}\``);
      }
      // The owner is dead (or the file is torn): take the lock over.
      try {
        unlinkSync(this.file);
      } catch {
        /* another process took it over first; try again */
      }
    }
    throw new RunError("RUN_LOCKED", `Could not take the run lock ${this.file}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    process.removeListener("exit", this.onExit);
    if (readLock(this.file)?.pid === process.pid) {
      try {
        unlinkSync(this.file);
      } catch {
        /* already gone */
      }
    }
  }
}

export function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as LockInfo;
    return typeof info.pid === "number" ? info : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
