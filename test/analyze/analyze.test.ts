import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { TaskAnalysis } from "../../src/analyze/types.js";
import { UsageError } from "../../src/errors.js";
import { loadSpec } from "../../src/spec/load.js";
import { ledgerSpec } from "./fixture.js";
import { SNAPR } from "./routes/unseen.js";

const spec = ledgerSpec();
const sys = { kind: "system" } as const;
const mods = (...ids: string[]) => ({ kind: "modules", ids }) as const;
const layer = (id: string) => ({ kind: "layer", id }) as const;
/** Type, scope, the deciding words and the log: confidence and evidence have tests of their own. */
const decided = ({ confidence: _c, evidence: _e, nearest: _n, ...rest }: TaskAnalysis) => rest;

// Requests as people type them, with the whole analysis expected.
const REQUESTS: Array<[string, TaskAnalysis]> = [
  ["implement system", { type: "implement", scope: sys, because: ["implement", "system"] }],
  ["Implement the whole system from the specs", { type: "implement", scope: sys, because: ["implement", "whole system"] }],
  ["fix bug in the order book, see logs/error.log",
    { type: "debug", scope: mods("order_book"), because: ["fix", "bug", "order book -> order_book"], log: "logs/error.log" }],
  ["optimize layer/core", { type: "optimize", scope: layer("core"), because: ["optimize", "layer/core"] }],
  ["The event loop hangs when two events arrive at once",
    { type: "debug", scope: mods("events", "event_loop"), because: ["hangs", "event loop -> event_loop", "events"] }],
  ["add multi-currency support to money", { type: "implement", scope: mods("money"), because: ["add", "money"] }],
  ["FX rates are fetched on every call, speed up the fx service",
    { type: "optimize", scope: mods("fx"), because: ["speed up", "FX -> fx"] }],
  ["refactor the importer: extract the CSV parser",
    { type: "refactor", scope: mods("importer"), because: ["refactor", "extract", "importer"] }],
  ["review the accounts module for race conditions",
    { type: "analyze", scope: mods("accounts"), because: ["review", "accounts"] }],
  ["Audit the core layer", { type: "analyze", scope: layer("core"), because: ["audit", "core -> layer core"] }],
  ["TypeError in ledger/core/journal.py:214 when posting a reversal",
    { type: "debug", scope: mods("journal"), because: ["TypeError", "ledger/core/journal.py -> journal"] }],
  ["journal.post crashes, traceback in crash.log",
    { type: "debug", scope: mods("journal"), because: ["crashes", "traceback", "journal"], log: "crash.log" }],
  // Drifting is a fault stated, with a log handed over.
  ["balances drift after reversals; see out/run-42.txt",
    { type: "debug", scope: mods("balances"), because: ["drift", "balances"], log: "out/run-42.txt" }],
  ["clean up the CLI argument parsing", { type: "refactor", scope: mods("cli"), because: ["clean up", "CLI -> cli"] }],
  ["the report generation is too slow for 1M entries",
    { type: "optimize", scope: mods("reports"), because: ["slow", "report -> reports"] }],
  ["decouple reports from the importer",
    { type: "refactor", scope: mods("reports", "importer"), because: ["decouple", "reports", "importer"] }],
  ["explain how the OrderBook matches partial fills",
    { type: "analyze", scope: mods("order_book"), because: ["explain", "OrderBook -> order_book"] }],
  ["write a new errors module with typed ledger errors",
    { type: "implement", scope: mods("errors"), because: ["write", "errors"] }],
  ["fix the failing tests in the foundation and services layers",
    { type: "debug", scope: mods("money", "events", "event_loop", "errors", "fx", "reports", "importer"),
      because: ["fix", "failing", "foundation -> layer foundation", "services -> layer services"] }],
  ["address the review comments on balances.py",
    { type: "general", scope: mods("balances"), because: ["balances.py -> balances"] }],
  ["update the fixture data for the importer", { type: "general", scope: mods("importer"), because: ["importer"] }],
  ["prefix account ids with the tenant", { type: "general", scope: mods("accounts"), because: ["account -> accounts"] }],
  ["memory usage of the journal grows without bound",
    { type: "optimize", scope: mods("journal"), because: ["memory usage", "journal"] }],
  ["there is a memory leak in the event loop",
    { type: "debug", scope: mods("event_loop"), because: ["leak", "event loop -> event_loop"] }],
  ["simplify modules/balances and module/accounts",
    { type: "refactor", scope: mods("accounts", "balances"), because: ["simplify", "modules/balances", "module/accounts"] }],
  ["investigate why the interface shows stale totals",
    { type: "analyze", scope: layer("interface"), because: ["investigate", "interface -> layer interface"] }],
  ["add error handling to the importer for malformed rows",
    { type: "implement", scope: mods("importer"), because: ["add", "importer"] }],
  ["optimise everything", { type: "optimize", scope: sys, because: ["optimise", "everything"] }],
  ["make the money type immutable", { type: "general", scope: mods("money"), because: ["money"] }],
  ["rename order_book.py to book.py", { type: "refactor", scope: mods("order_book"), because: ["rename", "order_book.py -> order_book"] }],
  ["Debug: accounts and balances disagree after import",
    { type: "debug", scope: mods("accounts", "balances"), because: ["debug", "accounts", "balances"] }],
  ["create a CLI command `ledger export` that uses the reports service",
    { type: "implement", scope: mods("reports", "cli"), because: ["create", "CLI -> cli", "reports"] }],
];

describe("analyzeTask on realistic requests", () => {
  it.each(REQUESTS)("%s", (request, expected) => {
    expect(decided(analyzeTask(request, spec))).toEqual(expected);
  });
});

describe("a name or path the request starts with is still its subject", () => {
  it.each([
    // Read without the name, "has a bug" or "are added twice" would open a yes/no question.
    ["importer has a bug with BOM files", "debug"],
    ["journal has a memory leak", "debug"],
    ["events are added twice", "debug"],
    ["accounts can't be loaded from a CSV", "debug"],
    ["ledger/core/journal.py has a bug", "debug"],
    ["does money handle yen?", "analyze"],
  ])("%s -> %s", (request, type) => {
    expect(analyzeTask(request, spec).type).toBe(type);
  });
});

describe("a stack trace pasted into the request", () => {
  const trace = [
    "Traceback (most recent call last):",
    '  File "/home/me/ledger/ledger/cli.py", line 10, in main',
    "    journal.post(entry)",
    '  File "/home/me/ledger/ledger/core/journal.py", line 88, in post',
    "    check(entry)",
    "ValueError: unbalanced",
  ].join("\n");

  it("scopes to the module where the error happened, not its callers or the code lines", () => {
    const a = analyzeTask(`posting a reversal blows up:\n${trace}`, spec);
    expect(a.type).toBe("debug");
    expect(a.scope).toEqual(mods("journal"));
    expect(a.because).toContain("ledger/core/journal.py:88 -> journal (stack trace)");
    expect(a.confidence).toBe(0.95);
  });

  it("adds the modules the rest of the request names, and makes a request that asks nothing a bug report", () => {
    expect(analyzeTask(`the importer calls this:\n${trace}`, spec)).toMatchObject({ type: "debug", scope: mods("journal", "importer") });
    expect(analyzeTask(`see below\n${trace}`, spec, { type: "general" }).type).toBe("general");
  });

  it("leaves a trace of no project file to the words, and is still a bug report", () => {
    const foreign = 'the cli fails:\nTraceback (most recent call last):\n  File "/usr/lib/python3.11/json/decoder.py", line 3, in decode\n    x\nValueError: bad';
    expect(analyzeTask(foreign, spec).scope).toEqual(mods("cli"));
    const go = "the cli after an upgrade:\ngoroutine 1 [running]:\ngithub.com/spf13/cobra.(*Command).Execute(...)\n\t/root/go/pkg/mod/github.com/spf13/cobra@v1.8.0/command.go:1039 +0x1d";
    expect(analyzeTask(go, spec)).toMatchObject({ type: "debug", scope: mods("cli") });
  });

  it("reads a Go trace pasted from its running goroutine on, the panic's line left out", () => {
    const go = "goroutine 1 [running]:\ngithub.com/acme/snapr/internal/prune.(*Policy).Apply(...)\n\t/home/ci/snapr/internal/prune/policy.go:88 +0x1d4";
    const a = analyzeTask(go, loadSpec(SNAPR));
    expect(a).toMatchObject({ type: "debug", scope: mods("prune") });
    expect(a.because).toContain("internal/prune/policy.go:88 -> prune (stack trace)");
  });
});

describe("--type override", () => {
  it("replaces keyword scoring and says so", () => {
    expect(decided(analyzeTask("fix the journal", spec, { type: "analyze" }))).toEqual({
      type: "analyze",
      scope: mods("journal"),
      because: ["--type analyze", "journal"],
    });
  });

  it("rejects an unknown type", () => {
    expect(() => analyzeTask("x", spec, { type: "deploy" as never })).toThrow(UsageError);
  });
});

describe("log path", () => {
  it.each([
    ["fix bug in the portfolio, see logs/error.log", "logs/error.log"],
    ["crash: `logs/app.log:120`", "logs/app.log"],
    ["the stack trace is in /work/ledger/tmp/trace.log", "tmp/trace.log"],
    ["see output.txt", "output.txt"],
    ["check build/test.out for the failure", "build/test.out"],
    // A .txt or .out whose name or folder says it is a log, however it is introduced.
    ["logs/err.txt", "logs/err.txt"],
    ["fix the login bug (stack trace: logs/err.txt)", "logs/err.txt"],
    ["crash report attached: tmp/crash-0412.txt", "tmp/crash-0412.txt"],
    ["the importer fails, output from nohup.out", "nohup.out"],
    ["traceback at stderr.txt", "stderr.txt"],
    // JSON logs: an error tracker's event named like a log, JSON lines introduced as one.
    ["the export fails, see logs/sentry-event.json", "logs/sentry-event.json"],
    ["payments crash, error in crash.json", "crash.json"],
    ["see out/api.jsonl", "out/api.jsonl"],
    ["records in tmp/errors.ndjson", "tmp/errors.ndjson"],
  ])("%s -> %s", (request, log) => {
    expect(analyzeTask(request, spec).log).toBe(log);
  });

  it("keeps the first log, does not treat a plain .txt as a log, and leaves log words out of the type", () => {
    expect(analyzeTask("compare a.log and b.log", spec).log).toBe("a.log");
    expect(analyzeTask("update notes.txt", spec).log).toBeUndefined();
    expect(analyzeTask("add the changelog to docs/errata.txt", spec).log).toBeUndefined();
    // A `.json` only when named like a log: settings and package files are no log, however introduced.
    expect(analyzeTask("update the schema, see config/app.json", spec).log).toBeUndefined();
    expect(analyzeTask("bump the version in package.json", spec).log).toBeUndefined();
    expect(decided(analyzeTask("see logs/error.log", spec))).toEqual({ type: "general", scope: sys, because: [], log: "logs/error.log" });
  });

  it("is absent when no log is named", () => {
    expect(analyzeTask("fix the journal", spec)).not.toHaveProperty("log");
  });
});
