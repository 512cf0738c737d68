import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeReport } from "../../src/cli/report-file.js";
import { lonelyFifo, stopFifoOpeners } from "../helpers/fifo.js";

afterEach(stopFifoOpeners);

describe("report --output", () => {
  it("refuses a named pipe no process reads at once, where writing waited for a reader forever", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-report-"));
    const pipe = join(dir, "pipe");
    lonelyFifo(pipe);
    expect(() => writeReport(pipe, "# Run\n")).toThrow(`Cannot write the report to \`${pipe}\`: it is a named pipe no process reads: expected a file (or a pipe something reads)`);
  });

  it("says a link loop and a full disk in words, not Node's message", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-report-"));
    symlinkSync(join(dir, "b"), join(dir, "a"));
    symlinkSync(join(dir, "a"), join(dir, "b"));
    expect(() => writeReport(join(dir, "a"), "x")).toThrow(`Cannot write the report to \`${join(dir, "a")}\`: a symbolic link loop (ELOOP)`);
    expect(() => writeReport("/dev/full", "x")).toThrow("Cannot write the report to `/dev/full`: no space left on the disk (ENOSPC)");
    writeReport(join(dir, "r.md"), "# Run\n");
    expect(readFileSync(join(dir, "r.md"), "utf8")).toBe("# Run\n");
  });
});
