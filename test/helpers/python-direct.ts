import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** The first `name` on `path` that may be executed, or undefined. */
export function onPath(name: string, path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Vitest's global setup: where `python3` on PATH is a version manager's shim rather than the
 * interpreter (pyenv's is a bash script that costs about 0.7 s of CPU a call on the test
 * machine, the interpreter 0.06 s), the tests and the processes they start get a folder holding
 * a `python3` link to the interpreter the shim picks, first on PATH: the same Python, without
 * the shim. The example's gates run python3 some 16 times a run. Elsewhere it changes nothing.
 */
export default function setup(): () => void {
  const shim = onPath("python3");
  if (!shim) return () => undefined;
  let exe: string;
  try {
    exe = execFileSync(shim, ["-c", "import sys; print(sys.executable)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return () => undefined;
  }
  if (!exe || realpathSync(shim) === realpathSync(exe)) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-python-"));
  symlinkSync(exe, join(dir, "python3"));
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ""}`;
  return () => rmSync(dir, { recursive: true, force: true });
}
