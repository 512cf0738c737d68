import type { Route } from "./ledger.js";
import { layer, mods } from "./ledger.js";

// Requests that ask (explain, describe, how does, why does, walk me through, review, audit)
// or ask for better code (readability, memory, startup time, harden), as people type them to
// a coding agent, on the three trees of quality.test.ts. The type is what its workflow does:
// analyze answers and changes nothing; refactor keeps behaviour (its baseline gates must pass);
// optimize measures a benchmark; "improve" alone names no kind of work and is general.

export const ASKING_LEDGER: Route[] = [
  // Explaining: what follows the verb is what to explain, a crash or a "built" included.
  ["explain how the journal posts a reversal",                       "analyze",   mods("journal"),            ["explain"]],
  ["explain why balances are recomputed on every import",            "analyze",   mods("balances"),           ["explain"]],
  ["explain why the journal crashes on an empty entry",              "analyze",   mods("journal"),            ["explain"]],
  ["can you explain the rounding rules in money?",                   "analyze",   mods("money"),              ["explain"]],
  ["describe the accounts hierarchy",                                "analyze",   mods("accounts"),           ["describe"]],
  ["please describe how fx rates are cached",                        "analyze",   mods("fx"),                 ["describe"]],
  ["walk me through the posting flow in the journal",                "analyze",   mods("journal"),            ["walk me through"]],
  ["summarize what the events module provides",                      "analyze",   mods("events"),             ["summarize"]],
  ["help me understand how balances roll up accounts",               "analyze",   mods("accounts", "balances"), ["understand"]],
  ["I'd like to understand how the cli wires up the reports",        "analyze",   mods("cli", "reports"),     ["understand"]],
  ["give me an overview of the services layer",                      "analyze",   layer("services"),          ["give me an overview"]],
  // Questions: the actions in them are asked about; a symptom still decides.
  ["how does the importer detect the CSV delimiter?",                "analyze",   mods("importer"),           ["how does"]],
  ["how do reports get their totals from balances?",                 "analyze",   mods("balances", "reports"), ["how do"]],
  ["how is the trial balance report built?",                         "analyze",   mods("reports"),            ["how is"]],
  ["why does the journal create a new entry for every reversal?",    "analyze",   mods("journal"),            ["why does"]],
  ["what does Money.allocate do?",                                   "analyze",   mods("money"),              ["what does"]],
  ["what happens when the importer sees a duplicate transaction?",   "analyze",   mods("importer"),           ["what happens"]],
  ["where are exchange rates loaded?",                               "analyze",   mods("fx"),                 ["where are"]],
  ["why does the importer crash on files with a BOM?",               "debug",     mods("importer"),           ["crash"]],
  ["what is wrong with the fx conversion?",                          "debug",     mods("fx"),                 ["wrong"]],
  ["why is the trial balance report so slow?",                       "optimize",  mods("reports"),            ["slow"]],
  // Reviewing: read-only, unless another verb asks for a change.
  ["review how the importer creates accounts",                       "analyze",   mods("accounts", "importer"), ["review"]],
  ["audit the code that builds the trial balance report",            "analyze",   mods("reports"),            ["audit"]],
  ["assess the test coverage of the fx module",                      "analyze",   mods("fx"),                 ["assess"]],
  ["review the error handling in the importer",                      "analyze",   mods("importer"),           ["review"]],
  ["review the refactored journal",                                  "analyze",   mods("journal"),            ["review"]],
  ["explain the crash in the journal and fix it",                    "debug",     mods("journal"),            ["fix"]],
  ["review the importer and add tests for the edge cases",           "implement", mods("importer"),           ["add"]],
  ["review and clean up the importer",                               "refactor",  mods("importer"),           ["clean up"]],
  ["describe what the importer does per row and make it faster",     "optimize",  mods("importer"),           ["faster"]],
  // Better code that does the same: refactor.
  ["improve the readability of the importer",                        "refactor",  mods("importer"),           ["readability"]],
  ["make the journal code more readable",                            "refactor",  mods("journal"),            ["readable"]],
  ["improve maintainability of the reports",                         "refactor",  mods("reports"),            ["maintainability"]],
  ["reduce technical debt in the cli",                               "refactor",  mods("cli"),                ["technical debt"]],
  ["modernize the importer to use dataclasses",                      "refactor",  mods("importer"),           ["modernize"]],
  ["remove the duplication between reports and balances",            "refactor",  mods("balances", "reports"), ["duplication"]],
  ["the importer was written in a hurry, clean it up",               "refactor",  mods("importer"),           ["clean up"]],
  // Faster, smaller: optimize.
  ["reduce memory of the importer on large files",                   "optimize",  mods("importer"),           ["reduce memory"]],
  ["the importer uses too much memory on 1M-row files",              "optimize",  mods("importer"),           ["too much memory"]],
  ["cut the startup time of the cli",                                "optimize",  mods("cli"),                ["startup time"]],
  ["make fx lookups quicker",                                        "optimize",  mods("fx"),                 ["quicker"]],
  ["the reports are sluggish with many accounts",                    "optimize",  mods("accounts", "reports"), ["sluggish"]],
  ["make the cli more efficient",                                    "optimize",  mods("cli"),                ["efficient"]],
  // More behaviour: implement.
  ["improve test coverage of the journal",                           "implement", mods("journal"),            ["test coverage"]],
  ["extend the importer to read XLSX files",                         "implement", mods("importer"),           ["extend"]],
  // What they change is not said, or is behaviour (messages, wording): one general attempt.
  ["improve error handling in the importer",                         "general",   mods("importer"),           []],
  ["polish the reports output",                                      "general",   mods("reports"),            []],
  ["rewrite the cli with click",                                     "general",   mods("cli"),                []],
  ["tidy the wording of the cli help",                               "general",   mods("cli"),                []],
  ["rework the fx rate lookup",                                      "general",   mods("fx"),                 []],
];

export const ASKING_BACKTEST: Route[] = [
  ["how does the engine decide the order of events in a bar?",       "analyze",   mods("events", "engine"),   ["how does"]],
  ["why does the optimizer build a new portfolio for every parameter set?", "analyze", mods("optimizer", "portfolio"), ["why does"]],
  ["explain how the sharpe ratio is calculated",                     "analyze",   mods("performance"),        ["explain"]],
  ["what does the risk module do with gap downs?",                   "analyze",   mods("risk"),               ["what does"]],
  ["walk me through how a fill is priced in execution",              "analyze",   mods("execution"),          ["walk me through"]],
  ["the bar loop in the engine is inefficient",                      "optimize",  mods("engine"),             ["inefficient"]],
  ["why does the optimizer take forever on 10 years of data?",       "optimize",  mods("optimizer"),          ["take forever"]],
  ["improve readability of the indicators",                          "refactor",  mods("indicators"),         ["readability"]],
  ["harden the schwab fetcher against expired tokens",               "implement", mods("schwab_fetcher"),     ["harden"]],
];

export const ASKING_CLINIC: Route[] = [
  ["explain how invoices are built",                                 "analyze",   mods("billing"),            ["explain"]],
  ["describe how reminders are scheduled",                           "analyze",   mods("notifications"),      ["describe"]],
  ["how do refunds get created when a visit is cancelled?",          "analyze",   mods("billing"),            ["how do"]],
  ["walk me through the sign in flow",                               "analyze",   mods("auth"),               ["walk me through"]],
  ["improve response time of the api",                               "optimize",  mods("api"),                ["response time"]],
  ["the front desk dashboard takes forever to load",                 "optimize",  layer("03_web"),            ["takes forever"]],
  ["harden the auth module against brute force",                     "implement", mods("auth"),               ["harden"]],
  ["improve the checkout flow in billing",                           "general",   mods("billing"),            []],
  ["improve the appointments flow",                                  "general",   mods("appointments"),       []],
];
