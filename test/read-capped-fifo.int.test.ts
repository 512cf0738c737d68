import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lonelyFifo, stopFifoOpeners } from "./helpers/fifo.js";
import { makeProject } from "./helpers/project.js";
import { readCapped } from "../src/read-capped.js";
import { validationOf } from "../src/validate/discover.js";

afterEach(stopFifoOpeners);

const spec = { layers: [], modules: [], frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };

describe("a named pipe where a file is expected", () => {
  it("reads as empty at once when nobody writes to it, instead of waiting for a writer", () => {
    const fifo = join(makeProject({}), "error.log");
    lonelyFifo(fifo);
    const started = Date.now();
    expect(readCapped(fifo, 1024, { tail: true })).toEqual({ text: "", truncated: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("waits for a writer that is there but slow, as `--log <(npm test 2>&1)` is", async () => {
    const fifo = join(makeProject({}), "slow.log");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("/bin/sh", ["-c", 'exec 3<>"$1"; sleep 0.5; echo "Error: late" >&3; exec 3>&-', "sh", fifo], { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the writer has the pipe open
    expect(readCapped(fifo, 1024, { tail: true })?.text).toBe("Error: late\n");
    writer.kill("SIGKILL");
  });

  it("as a project's package.json does not stall finding its test runner", () => {
    const root = makeProject({ "pyproject.toml": "[project]\nname = 'x'\n" });
    lonelyFifo(join(root, "package.json"));
    const started = Date.now();
    expect(validationOf(root, spec, {}).none).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
