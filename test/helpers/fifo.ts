import { execFileSync, spawn, type ChildProcess } from "node:child_process";

const openers: ChildProcess[] = [];

/**
 * A named pipe at `path` that nobody writes to. A reader that blocks on it would block the
 * test's own thread forever, so a child opens it (read-write: that never blocks) after
 * `unblockMs`: a blocking reader is then released, late, and its test fails on the time.
 */
export function lonelyFifo(path: string, unblockMs = 2000): void {
  execFileSync("mkfifo", [path]);
  const child = spawn("/bin/sh", ["-c", `sleep ${unblockMs / 1000}; exec 3<>"$1"`, "sh", path], { stdio: "ignore" });
  openers.push(child);
}

/** Ends the children `lonelyFifo` started. */
export function stopFifoOpeners(): void {
  for (const child of openers.splice(0)) child.kill("SIGKILL");
}
