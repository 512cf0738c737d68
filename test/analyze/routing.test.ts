import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope, TaskType } from "../../src/analyze/types.js";
import { UsageError } from "../../src/errors.js";
import { planRequest } from "../../src/plan/request.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Routing quality on the bundled example, not on a fixture tree: requests as developers
// type them, against examples/ledger/.claude (layers foundation, core, services,
// interface; modules errors, money, events, accounts, fx, journal, balances, importer,
// reports, cli). Module ids in a scope come in spec order (core, foundation, interface,
// services), not in the order the request names them.

const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));
const LOGS = fileURLToPath(new URL("../fixtures/routing", import.meta.url));
const spec = loadSpec(EXAMPLE);

const sys: Scope = { kind: "system" };
const layer = (id: string): Scope => ({ kind: "layer", id });
const mods = (...ids: string[]): Scope => ({ kind: "modules", ids });

/** request, type, scope, words that must be among `because` (the rest may vary). */
type Route = [request: string, type: TaskType, scope: Scope, because: string[]];

const IMPLEMENT: Route[] = [
  ["implement system",                                              "implement", sys,                     ["implement", "system"]],
  ["implement the ledger",                                          "implement", sys,                     ["implement"]], // the package, not a module
  ["Implement the journal per JOURNAL_AGENT.md",                    "implement", mods("journal"),         ["implement", "journal"]],
  ["add multi-currency support to balances",                        "implement", mods("balances"),        ["add", "balances"]],
  ["build out the services layer",                                  "implement", layer("services"),       ["build", "services -> layer services"]],
  ["set up the CLI entry point",                                    "implement", mods("cli"),             ["set up", "CLI -> cli"]],
  ["add error handling to the importer",                            "implement", mods("importer"),        ["add"]], // "error handling" is a thing, not a bug
  ["scaffold the money module with a Decimal-backed Money type",    "implement", mods("money"),           ["scaffold", "money"]],
  ["introduce a new event type for reversals in events.py",         "implement", mods("events"),          ["introduce"]],
  ["wire up the reports to the cli",                                "implement", mods("cli", "reports"),  ["wire up", "reports", "cli"]],
  ["errors module: add an InsufficientFunds error",                 "implement", mods("errors"),          ["add", "errors"]],
  ["Implement layers foundation and core",                          "implement",
    mods("accounts", "balances", "fx", "journal", "errors", "events", "money"),                        ["foundation -> layer foundation", "core -> layer core"]],
  ["add a currency column to tests/fixtures/transactions.csv",      "implement", mods("importer"),        ["tests/fixtures/transactions.csv -> importer"]],
  // "trial balance report" names a report: `balance` only describes it.
  ["create a CSV export for the trial balance report",              "implement", mods("reports"),         ["create", "report -> reports"]],
];

const DEBUG: Route[] = [
  ["the journal crashes when posting an entry with no lines",       "debug", mods("journal"),             ["crashes", "journal"]],
  ["fix the failing test in tests/test_fx.py:42",                   "debug", mods("fx"),                  ["fix", "failing", "tests/test_fx.py -> fx"]],
  ["tests/test_fx.py:42 fails",                                     "debug", mods("fx"),                  ["fails"]],
  ["balances are wrong after a reversal",                           "debug", mods("balances"),            ["wrong", "balances"]],
  ["account balances are wrong after import",                       "debug", mods("balances"),            ["wrong", "balances"]],
  ["FX conversion returns an incorrect rate for EUR->GBP",          "debug", mods("fx"),                  ["incorrect", "FX -> fx"]],
  ["the CLI exits with a traceback on an empty file",               "debug", mods("cli"),                 ["traceback"]],
  ["importer is broken on CSVs with a BOM",                         "debug", mods("importer"),            ["broken"]],
  ["the importer doesn't work with semicolon-separated files",      "debug", mods("importer"),            ["not work"]],
  ["debug the accounts hierarchy, rollup gives wrong totals",       "debug", mods("accounts"),            ["debug", "wrong"]],
  ["the journal hangs when two entries post at once",               "debug", mods("journal"),             ["hangs"]],
  ["hotfix: reports fail on an empty period",                       "debug", mods("reports"),             ["hotfix", "fail"]],
  ["ledger\\services\\reports.py returns the wrong totals",         "debug", mods("reports"),             ["ledger/services/reports.py -> reports"]],
  ["fix ledger/utils.py",                                           "debug", sys,                         ["fix"]], // no module owns it: nothing guessed
];

const REFACTOR: Route[] = [
  ["refactor the importer: extract the CSV parsing",                "refactor", mods("importer"),         ["refactor", "extract"]],
  ["clean up core/balances.py",                                     "refactor", mods("balances"),         ["clean up", "core/balances.py -> balances"]],
  ["rename Money.amount to Money.value in the money module",        "refactor", mods("money"),            ["rename"]],
  ["simplify the accounts and the journal",                         "refactor", mods("accounts", "journal"), ["simplify"]],
  ["decouple reports from balances",                                "refactor", mods("balances", "reports"), ["decouple"]],
  ["restructure layer/services",                                    "refactor", layer("services"),        ["restructure", "layer/services"]],
  ["refactor layer/services and layer/interface",                   "refactor", mods("cli", "importer", "reports"), ["layer/services", "layer/interface"]],
  ["refactor the importer and the reports",                         "refactor", mods("importer", "reports"), ["importer", "reports"]],
  ["refactor the error classes in ledger/errors.py",                "refactor", mods("errors"),           ["refactor", "ledger/errors.py -> errors"]],
  ["modularize the reports",                                        "refactor", mods("reports"),          ["modularize"]],
  ["tidy up the fixtures of the importer tests",                    "refactor", mods("importer"),         ["tidy up"]], // "fixtures" is not "fix"
];

const ANALYZE: Route[] = [
  ["review the journal",                                            "analyze", mods("journal"),           ["review"]],
  ["audit the foundation layer",                                    "analyze", layer("foundation"),       ["audit", "foundation -> layer foundation"]],
  ["explain how balances follow the journal",                       "analyze", mods("balances", "journal"), ["explain"]],
  ["analyse FX rate lookup for edge cases",                         "analyze", mods("fx"),                ["analyse", "FX -> fx"]],
  ["investigate why the trial balance report does not sum to zero", "analyze", mods("reports"),           ["investigate", "report -> reports"]],
  ["look into the events bus",                                      "analyze", mods("events"),            ["look into"]],
  ["look at the core layer",                                        "analyze", layer("core"),             ["look at", "core -> layer core"]],
  ["have a look at the money module",                               "analyze", mods("money"),             ["look at"]],
  ["review .claude/layers/core/modules/FX_AGENT.md",                "analyze", mods("fx"),                [".claude/layers/core/modules/FX_AGENT.md -> fx"]],
  ["evaluate whether events should be async",                       "analyze", mods("events"),            ["evaluate"]],
  ["investigate the events and the journal",                        "analyze", mods("journal", "events"), ["investigate"]],
];

const OPTIMIZE: Route[] = [
  ["optimize layer/core",                                           "optimize", layer("core"),            ["optimize", "layer/core"]],
  ["the accounts are slow to load",                                 "optimize", mods("accounts"),         ["slow", "accounts"]],
  ["speed up the importer on 1M-row CSVs",                          "optimize", mods("importer"),         ["speed up"]],
  ["reports take too long, profile them",                           "optimize", mods("reports"),          ["profile"]],
  ["reduce memory usage of the journal",                            "optimize", mods("journal"),          ["memory usage"]],
  ["FX rates lookup is a bottleneck",                               "optimize", mods("fx"),               ["bottleneck", "FX -> fx"]],
  ["improve the performance of layer/services",                     "optimize", layer("services"),        ["performance"]],
  ["Optimise money.py arithmetic",                                  "optimize", mods("money"),            ["optimise", "money.py -> money"]],
  ["the trial balance report is slow",                              "optimize", mods("reports"),          ["slow"]],
  ["the balance report is slow for large charts",                   "optimize", mods("reports"),          ["slow"]],
  [`profile ${EXAMPLE}/ledger/core/journal.py`,                     "optimize", mods("journal"),          ["ledger/core/journal.py -> journal"]],
];

const GENERAL: Route[] = [
  ["make the CLI output prettier",                                  "general", mods("cli"),               ["CLI -> cli"]],
  ["update the README",                                             "general", sys,                       []],
  ["bump the version to 0.3",                                       "general", sys,                       []],
  ["upgrade dependencies across the whole project",                 "general", sys,                       ["whole project"]],
  ["update the fixture data for the importer",                      "general", mods("importer"),          ["importer"]], // "fixture" is not "fix"
  ["prefix account codes with the entity id",                       "general", mods("accounts"),          ["account -> accounts"]], // "prefix" is not "fix"
  ["the importer and the reports",                                  "general", mods("importer", "reports"), ["importer", "reports"]],
  ["money rounding: use banker's rounding",                         "general", mods("money"),             ["money"]],
  ["move the FX rates to a YAML file",                              "general", mods("fx"),                ["FX -> fx"]],
];

const ROUTES = { implement: IMPLEMENT, debug: DEBUG, refactor: REFACTOR, analyze: ANALYZE, optimize: OPTIMIZE, general: GENERAL };

describe("routing on examples/ledger", () => {
  it("loads the example tree without warnings", () => {
    expect(spec.warnings).toEqual([]);
    expect(spec.modules.map((m) => m.id)).toEqual(
      ["accounts", "balances", "fx", "journal", "errors", "events", "money", "cli", "importer", "reports"],
    );
  });

  it("covers every type several times", () => {
    for (const [type, routes] of Object.entries(ROUTES)) {
      expect(routes.length, type).toBeGreaterThanOrEqual(6);
      for (const [request, routed] of routes) expect(routed, request).toBe(type);
    }
  });

  for (const [type, routes] of Object.entries(ROUTES)) {
    describe(type, () => {
      it.each(routes)("%s", (request, expectedType, scope, because) => {
        const analysis = analyzeTask(request, spec);
        expect(analysis.type).toBe(expectedType);
        expect(analysis.scope).toEqual(scope);
        expect(analysis.because).toEqual(expect.arrayContaining(because));
        expect(analysis).not.toHaveProperty("log");
      });
    });
  }

  it("\"address the review comments\" is neither implement (`address` is not `add`) nor a read-only analysis", () => {
    const analysis = analyzeTask("address the review comments on the importer", spec);
    expect(analysis.type).toBe("general");
    expect(analysis.scope).toEqual(mods("importer"));
  });

  it("an exception's class name is a bug report", () => {
    const analysis = analyzeTask("TypeError in ledger/core/journal.py line 88 when reversing", spec);
    expect(analysis.type).toBe("debug");
    expect(analysis.because).toContain("TypeError");
    expect(analysis.scope).toEqual(mods("journal"));
  });

  it("an unknown layer token is a usage error listing the layers", () => {
    expect(() => analyzeTask("optimize layer/database", spec)).toThrow(UsageError);
    expect(() => analyzeTask("optimize layer/database", spec)).toThrow(/^Unknown layer `database`; layers: /);
  });
});

// Requests with a log: real logs (test/fixtures/routing/README.md) in a copy of the example.
describe("requests with a log (planRequest)", () => {
  let root: string;
  let copy: SpecTree;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "orchestrate-routing-"));
    cpSync(join(EXAMPLE, ".claude"), join(root, ".claude"), { recursive: true });
    mkdirSync(join(root, "logs"));
    for (const log of ["month-end.log", "import.log", "publish-report.log"]) copyFileSync(join(LOGS, log), join(root, "logs", log));
    copy = loadSpec(root);
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const logWarnings = (warnings: { code: string }[]) => warnings.filter((w) => w.code.startsWith("LOG_"));

  it("a traceback: the innermost project frame decides, ahead of the module the request blames", () => {
    // /home/ci/work/scripts/month_end.py -> balances.py rollup -> balances.py _sum (raise)
    const plan = planRequest(copy, "fix the crash in the journal, see logs/month-end.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances", "journal"));
    expect(plan.analysis.log).toBe("logs/month-end.log");
    expect(plan.analysis.because).toEqual(
      expect.arrayContaining(["fix", "crash", "journal", "log logs/month-end.log", "ledger/core/balances.py:90 -> balances"]),
    );
    expect(logWarnings(plan.warnings)).toEqual([]);
    expect(plan.modules.map((m) => m.id)).toEqual(expect.arrayContaining(["balances", "journal"]));
  });

  it("a log alone is a bug report scoped by the log", () => {
    const plan = planRequest(copy, "see logs/month-end.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances"));
    expect(logWarnings(plan.warnings)).toEqual([]);
  });

  it("--log wins, and the request's own modules follow the log's", () => {
    const plan = planRequest(copy, "the month-end job crashed in the CLI", { log: "logs/month-end.log" });
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances", "cli"));
    expect(plan.analysis.log).toBe("logs/month-end.log");
  });

  it("an `ERROR ledger.services.importer: ...` line maps by its logger", () => {
    const plan = planRequest(copy, "imports fail for the March statement, details in logs/import.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("importer"));
    expect(plan.analysis.log).toBe("logs/import.log");
    expect(plan.analysis.because).toEqual(expect.arrayContaining(["fail", "log logs/import.log", "ledger/services/importer.py -> importer"]));
    expect(logWarnings(plan.warnings)).toEqual([]);
  });

  it("a log keeps the request's own type when it has one", () => {
    const plan = planRequest(copy, "investigate logs/import.log");
    expect(plan.analysis.type).toBe("analyze");
    expect(plan.analysis.scope).toEqual(mods("importer"));
  });

  it("a log naming no project file: the request's own scope and a warning", () => {
    // A chained traceback entirely in the standard library and an unowned CI script.
    const plan = planRequest(copy, "the nightly reports job fails in CI, see logs/publish-report.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("reports"));
    expect(plan.analysis.log).toBe("logs/publish-report.log");
    expect(plan.analysis.because).toEqual(expect.arrayContaining(["log logs/publish-report.log: no project file"]));
    expect(logWarnings(plan.warnings)).toEqual([
      expect.objectContaining({ code: "LOG_NAMES_NO_PROJECT_FILE", file: "logs/publish-report.log" }),
    ]);
  });

  it("a log naming no project file and a request naming nothing: the system, with the warning", () => {
    const plan = planRequest(copy, "see logs/publish-report.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(sys);
    expect(logWarnings(plan.warnings).map((w) => w.code)).toEqual(["LOG_NAMES_NO_PROJECT_FILE"]);
  });
});
