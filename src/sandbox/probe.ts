import { execFile } from "node:child_process";

/** Whether bubblewrap can run here: `undefined` when it can, else why not (one line). */
export type ProbeResult = string | undefined;

let cached: Promise<ProbeResult> | undefined;

/**
 * Starts bubblewrap once with the namespaces the sandbox uses. Being installed is not
 * enough: containers and AppArmor (Ubuntu 24.04) often forbid creating namespaces.
 * The answer is cached for the life of the process.
 */
export function probeBwrap(program = "bwrap"): Promise<ProbeResult> {
  if (program !== "bwrap") return run(program);
  return (cached ??= run(program));
}

function run(program: string): Promise<ProbeResult> {
  const args = ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--", "/bin/sh", "-c", "exit 0"];
  return new Promise((resolve) => {
    execFile(program, args, { timeout: 10_000, env: { PATH: process.env.PATH } }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return resolve(`${program} is not installed`);
      const said = String(stderr).trim().split("\n")[0];
      resolve(`${program} cannot create namespaces here${said ? `: ${said}` : ""}`);
    });
  });
}
