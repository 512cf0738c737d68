import { execFile } from "node:child_process";
import { keepSuccess, keptSuccess, probeKey } from "./probe-kept.js";

/** Whether bubblewrap can run here: `undefined` when it can, else why not (one line). */
export type ProbeResult = string | undefined;

let cached: Promise<ProbeResult> | undefined;

const ARGS = ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--", "/bin/sh", "-c", "exit 0"];

/**
 * Starts bubblewrap once with the namespaces the sandbox uses. Being installed is not
 * enough: containers and AppArmor (Ubuntu 24.04) often forbid creating namespaces.
 * The answer is cached for the life of the process. With `keptIn` (a file under the
 * project's `.orchestrate/cache/`), a success is also kept there for what it depends on
 * (probe-kept.ts): a run's start-up spawned bubblewrap each time, a sixth of a small run's CPU.
 */
export function probeBwrap(program = "bwrap", opts: { keptIn?: string } = {}): Promise<ProbeResult> {
  if (program !== "bwrap") return probe(program, opts.keptIn);
  return (cached ??= probe(program, opts.keptIn));
}

async function probe(program: string, keptIn: string | undefined): Promise<ProbeResult> {
  const key = keptIn === undefined ? undefined : probeKey(program, ARGS);
  if (key !== undefined && keptSuccess(keptIn!, key)) return undefined;
  const result = await run(program);
  if (result === undefined && key !== undefined) keepSuccess(keptIn!, key);
  return result;
}

function run(program: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(program, ARGS, { timeout: 10_000, env: { PATH: process.env.PATH } }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return resolve(`${program} is not installed`);
      const said = String(stderr).trim().split("\n")[0];
      resolve(`${program} cannot create namespaces here${said ? `: ${said}` : ""}`);
    });
  });
}
