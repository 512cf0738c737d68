import { fileURLToPath } from "node:url";
import type { Scope, TaskType } from "../../../src/analyze/types.js";

// Requests on the bundled example (examples/ledger/.claude: layers foundation, core,
// services, interface; modules errors, money, events, accounts, fx, journal, balances,
// importer, reports, cli), shared by routing.test.ts (each exactly) and quality.test.ts
// (accuracy over all trees). Module ids in a scope come in spec order.

export const EXAMPLE = fileURLToPath(new URL("../../../examples/ledger", import.meta.url));
export const sys: Scope = { kind: "system" };
export const layer = (id: string): Scope => ({ kind: "layer", id });
export const mods = (...ids: string[]): Scope => ({ kind: "modules", ids });

/** request, type, scope, words that must be among `because` (the rest may vary). */
export type Route = [request: string, type: TaskType, scope: Scope, because: string[]];

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
  // The Money type is what the journal is to use: context, not scope.
  ["refactor the journal to use the new Money type",                "refactor", mods("journal"),          ["refactor", "journal"]],
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

export const ROUTES = { implement: IMPLEMENT, debug: DEBUG, refactor: REFACTOR, analyze: ANALYZE, optimize: OPTIMIZE, general: GENERAL };
