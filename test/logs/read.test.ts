import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OrchestrateError } from "../../src/errors.js";
import { excerptLog } from "../../src/logs/excerpt.js";
import { parseLog } from "../../src/logs/parse.js";
import { readLog } from "../../src/logs/read.js";
import { makeProject } from "../helpers/project.js";
import { FIXTURES, fixture } from "./helpers.js";

describe("readLog", () => {
  it("reads a log relative to the root, with its errors and an excerpt", () => {
    const log = readLog(FIXTURES, "node-stack.log");
    expect(log.path).toBe("node-stack.log");
    expect(log.text).toBe(fixture("node-stack.log"));
    expect(log.errors.map((e) => e.message)).toEqual(["TypeError: Cannot read properties of undefined (reading 'currency')"]);
    // The throwing source line and caret above the stack come along; Node's version line does not.
    expect(log.excerpt.split("\n")).toEqual([
      "file:///tmp/logcap/home/ci/web/src/ledger/accounts.mjs:8",
      "  return account(code).currency;",
      "                      ^",
      "",
      "TypeError: Cannot read properties of undefined (reading 'currency')",
      "    at currencyOf (file:///tmp/logcap/home/ci/web/src/ledger/accounts.mjs:8:23)",
      "    at post (file:///tmp/logcap/home/ci/web/src/ledger/journal.mjs:5:30)",
      "    at file:///tmp/logcap/home/ci/web/src/main.mjs:3:1",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)",
      "    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)",
      "    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)",
      "…",
    ]);
  });

  it("accepts an absolute path and reports it relative to the root", () => {
    const root = makeProject({});
    mkdirSync(join(root, "logs"));
    writeFileSync(join(root, "logs", "error.log"), "ERROR ledger.core.journal: boom\n");
    const log = readLog(root, join(root, "logs", "error.log"));
    expect(log.path).toBe("logs/error.log");
    expect(log.excerpt).toBe("ERROR ledger.core.journal: boom");
  });

  it("throws LOG_UNREADABLE naming a missing file", () => {
    const root = makeProject({});
    let thrown: unknown;
    try {
      readLog(root, "logs/missing.log");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrchestrateError);
    expect(thrown).toMatchObject({ code: "LOG_UNREADABLE", place: { file: "logs/missing.log" } });
    expect((thrown as Error).message).toBe("Cannot read log `logs/missing.log`: no such file");
  });

  it("throws LOG_UNREADABLE for a folder", () => {
    const root = makeProject({});
    mkdirSync(join(root, "logs"));
    expect(() => readLog(root, "logs")).toThrow(/Cannot read log `logs`: .*EISDIR/);
  });
});

describe("excerptLog", () => {
  it("keeps every error of a short log, with … for what was left out", () => {
    const text = fixture("ci-mixed.log");
    const excerpt = excerptLog(text, parseLog(text)).split("\n");
    expect(excerpt.slice(0, 2)).toEqual(["…", "Traceback (most recent call last):"]);
    expect(excerpt).toContain("ledger.errors.UnbalancedEntryError: entry ACR-2026-11 does not balance: USD 50.00");
    expect(excerpt).toContain("RangeError: entry INV-2 does not balance: 1");
    expect(excerpt).toContain("panic: assignment to entry in nil map");
    expect(excerpt).not.toContain("+ echo done");
    expect(excerpt.length).toBeLessThanOrEqual(80);
  });

  it("caps a noisy log, keeping the crash over the hundredth ERROR line", () => {
    const noise = Array.from({ length: 300 }, (_, i) => `2026-11-25 10:00:00,000 ERROR ledger.core.fx: no rate ${i}`);
    const text = [...noise, fixture("python-traceback.log")].join("\n");
    const excerpt = excerptLog(text, parseLog(text));
    const lines = excerpt.split("\n");
    expect(lines.length).toBeLessThanOrEqual(80);
    expect(excerpt).toContain("ledger.errors.UnbalancedEntryError: entry ACR-2026-11 does not balance: USD 50.00");
    expect(lines.at(-1)).toMatch(/^… \d+ more errors not shown$/);
  });

  it("shortens one very long stack to its head and tail", () => {
    const frames = Array.from({ length: 500 }, (_, i) => `  File "/srv/ledger/core/journal.py", line ${i + 1}, in f\n    f()`);
    const text = ["Traceback (most recent call last):", ...frames, "RecursionError: maximum recursion depth exceeded"].join("\n");
    const lines = excerptLog(text, parseLog(text)).split("\n");
    expect(lines.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe("Traceback (most recent call last):");
    expect(lines).toContain("RecursionError: maximum recursion depth exceeded");
    expect(lines.some((line) => /^… \d+ lines …$/.test(line))).toBe(true);
  });

  it("falls back to the log's tail when it finds no error", () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n") + "\n\n";
    const lines = excerptLog(text, []).split("\n");
    expect(lines).toHaveLength(80);
    expect(lines.at(-1)).toBe("line 199");
  });
});
