import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll } from "vitest";

let env: { PATH: string } | undefined;
let dir: string | undefined;

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * An environment whose `python3` is the interpreter the PATH's `python3` runs, found
 * directly. Where `python3` is a version manager's shim (pyenv's is a chain of a dozen
 * bash scripts, about 0.6 s of CPU a call on the test machine against 0.1 s for Python
 * itself), a run of the example, whose gates start Python 16 times, pays that on each.
 * The same interpreter either way: asked once, by running the shim.
 */
export function pythonDirect(): { PATH: string } {
  if (!env) {
    const found = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
    const executable = found.status === 0 ? found.stdout.trim() : "";
    const path = process.env.PATH ?? "";
    if (!executable) env = { PATH: path };
    else {
      dir = mkdtempSync(join(tmpdir(), "orchestrate-python-"));
      symlinkSync(executable, join(dir, "python3"));
      env = { PATH: `${dir}${delimiter}${path}` };
    }
  }
  return env;
}
