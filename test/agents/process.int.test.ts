import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runProcess } from "../../src/exec/process.js";
import { cleanup, isGone, tempDir, waitForPids } from "./helpers.js";

afterEach(cleanup);

const base = (cwd: string) => ({ cwd, env: process.env, timeoutMs: 10_000 });

describe("runProcess", () => {
  it("captures output, streams it to files and resolves for a non-zero exit", async () => {
    const cwd = await tempDir();
    const result = await runProcess({
      ...base(cwd),
      command: "echo out; echo err >&2; exit 3",
      stdoutFile: join(cwd, "out.log"),
      stderrFile: join(cwd, "err.log"),
    });
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false });
    expect(result.stdout).toBe("out\n");
    expect(result.stderr).toBe("err\n");
    expect(await readFile(join(cwd, "out.log"), "utf8")).toBe("out\n");
    expect(await readFile(join(cwd, "err.log"), "utf8")).toBe("err\n");
  });

  it("writes stdin and closes it; without stdin the command reads end-of-file at once", async () => {
    const cwd = await tempDir();
    const piped = await runProcess({ ...base(cwd), command: "cat", stdin: "hello\nworld" });
    expect(piped.stdout).toBe("hello\nworld");
    const none = await runProcess({ ...base(cwd), command: "cat; echo done" });
    expect(none.stdout).toBe("done\n");
  });

  it("keeps the tail of the output up to maxCaptureBytes", async () => {
    const cwd = await tempDir();
    const result = await runProcess({
      ...base(cwd),
      command: "i=0; while [ $i -lt 200 ]; do echo line$i; i=$((i+1)); done",
      maxCaptureBytes: 64,
      stdoutFile: join(cwd, "out.log"),
    });
    expect(result.stdout.length).toBe(64);
    expect(result.stdout.endsWith("line199\n")).toBe(true);
    expect((await readFile(join(cwd, "out.log"), "utf8")).split("\n")).toHaveLength(201);
  });

  it("writes at most maxFileBytes of each stream to its file, and says so there", async () => {
    const cwd = await tempDir();
    const result = await runProcess({
      ...base(cwd),
      command: "yes 'a chatty line' | head -c 1000000; yes 'on stderr' | head -c 1000000 >&2; echo last",
      maxFileBytes: 10_000,
      stdoutFile: join(cwd, "out.log"),
      stderrFile: join(cwd, "err.log"),
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.endsWith("last\n")).toBe(true); // the tail in memory is not cut
    for (const file of ["out.log", "err.log"]) {
      const text = await readFile(join(cwd, file), "utf8");
      expect(text.length).toBeLessThan(300_000); // of 1 MB: the limit, plus at most a pipe read and a pending line
      expect(text.endsWith("\n[orchestrate: the output after its first 10000 bytes is not kept in this file]\n")).toBe(true);
    }
  });

  it("kills the whole process group on timeout, grandchild included", async () => {
    const cwd = await tempDir();
    const pidFile = join(cwd, "pids");
    const result = await runProcess({
      ...base(cwd),
      command: `echo $$ > ${pidFile}; sleep 30 & echo $! >> ${pidFile}; sleep 30`,
      timeoutMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGTERM");
    expect(result.durationMs).toBeLessThan(5000);
    const [shell, grandchild] = await waitForPids(pidFile, 2);
    expect(isGone(shell!)).toBe(true);
    expect(isGone(grandchild!)).toBe(true);
  });

  it("kills the group when the signal aborts, and escalates to SIGKILL when SIGTERM is ignored", async () => {
    const cwd = await tempDir();
    const pidFile = join(cwd, "pids");
    const controller = new AbortController();
    const running = runProcess({
      ...base(cwd),
      command: `trap '' TERM; echo $$ > ${pidFile}; sleep 30 & echo $! >> ${pidFile}; wait`,
      signal: controller.signal,
      killGraceMs: 300,
    });
    const [shell, grandchild] = await waitForPids(pidFile, 2);
    controller.abort();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBe("SIGKILL");
    expect(isGone(shell!)).toBe(true);
    expect(isGone(grandchild!)).toBe(true);
  });

  it("ends what the command left running in its group when it exits", async () => {
    const cwd = await tempDir();
    const pidFile = join(cwd, "pids");
    const started = Date.now();
    const result = await runProcess({ ...base(cwd), command: `sleep 30 & echo $! > ${pidFile}; exit 0` });
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    const [leftover] = await waitForPids(pidFile, 1);
    expect(isGone(leftover!)).toBe(true);
  });

  it("does not spawn when the signal is already aborted", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    controller.abort();
    const result = await runProcess({ ...base(cwd), command: "touch spawned", signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, exitCode: null, durationMs: 0 });
    expect(existsSync(join(cwd, "spawned"))).toBe(false);
  });

  it("kills the group when the signal aborts while the process is being started (before it spawned)", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    const running = runProcess({ ...base(cwd), timeoutMs: 60_000, command: "sleep 30", stdoutFile: join(cwd, "out.log"), signal: controller.signal });
    // runProcess is now awaiting its log files: the abort comes before the spawn, after the first check.
    controller.abort();
    const started = Date.now();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 40_000);

  it("rejects when the shell cannot start", async () => {
    const cwd = await tempDir();
    await expect(runProcess({ ...base(join(cwd, "missing")), command: "true" })).rejects.toThrow(/ENOENT/);
  });
});
