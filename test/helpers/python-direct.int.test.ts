import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import setup, { onPath } from "./python-direct.js";

const PATH = process.env.PATH;
const made: string[] = [];
afterEach(() => {
  process.env.PATH = PATH;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The interpreter itself, whatever stands in front of it on PATH. */
const interpreter = () => realpathSync(execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim());

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-python-test-"));
  made.push(dir);
  return dir;
}

describe("python3 without a version manager's shim", () => {
  it("puts a link to the interpreter a shim picks first on PATH, and removes it at teardown", () => {
    const exe = interpreter();
    const shims = folder();
    writeFileSync(join(shims, "python3"), `#!/bin/sh\nexec ${exe} "$@"\n`, { mode: 0o755 });
    process.env.PATH = `${shims}${delimiter}${PATH}`;

    const teardown = setup();
    const first = process.env.PATH.split(delimiter)[0]!;
    expect(first).not.toBe(shims);
    expect(onPath("python3")).toBe(join(first, "python3"));
    expect(realpathSync(join(first, "python3"))).toBe(exe);
    expect(process.env.PATH).toBe(`${first}${delimiter}${shims}${delimiter}${PATH}`);
    teardown();
    expect(existsSync(first)).toBe(false);
  });

  it("changes nothing where python3 on PATH is the interpreter", () => {
    const dir = folder();
    symlinkSync(interpreter(), join(dir, "python3"));
    process.env.PATH = `${dir}${delimiter}${PATH}`;
    setup()();
    expect(process.env.PATH).toBe(`${dir}${delimiter}${PATH}`);
  });

  it("finds the first executable of a name on a PATH", () => {
    const [a, b] = [folder(), folder()];
    writeFileSync(join(a, "tool"), "not executable\n", { mode: 0o644 });
    writeFileSync(join(b, "tool"), "#!/bin/sh\n", { mode: 0o755 });
    expect(onPath("tool", `${a}${delimiter}${b}`)).toBe(join(b, "tool"));
    expect(onPath("tool", a)).toBeUndefined();
  });
});
