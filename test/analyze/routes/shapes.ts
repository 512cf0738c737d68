import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// Requests in the shapes people paste into a coding agent, on the three trees of
// quality.test.ts: several sentences of context, an error line or a stack trace, a file
// path with a line number, a test's name, an issue number, loose layer names, lower case
// without punctuation, code in backticks, two kinds of work in one request.
// Yes/no questions ask about the code (analyze), unless a symptom decides, as in a
// wh-question: "does the importer crash on empty files?" is debug, like "why does it crash?".
// "can you ...", "could someone ...", "is it possible to ..." are polite requests: their verb decides.

const PY_TRACE = `the import of the March statement dies:
Traceback (most recent call last):
  File "ledger/cli.py", line 61, in main
    result = import_csv(path, journal)
  File "ledger/services/importer.py", line 88, in import_csv
    amount = Money.parse(row["amount"], currency)
  File "ledger/money.py", line 41, in parse
    raise InvalidAmountError(text)
ledger.errors.InvalidAmountError: '1,234.50'`;

// Tracebacks pasted without their `Traceback (most recent call last):` line, as copied from a terminal.
const PY_FRAMES_JOURNAL = `posting a reversal blows up
  File "ledger/cli.py", line 74, in post
    journal.reverse(entry_id)
  File "ledger/core/journal.py", line 112, in reverse
    original = self._entries[entry_id]
KeyError: 'E-2041'`;

const PY_FRAMES_FX = `  File "/home/dana/src/ledger/ledger/services/reports.py", line 30, in trial_balance
    total += fx.convert(line.amount, "EUR")
  File "/home/dana/src/ledger/ledger/core/fx.py", line 55, in convert
    rate = self.rates[(src, dst)]
KeyError: ('GBP', 'EUR')`;

const PY_FRAMES_BARE = `fix this pls
File "ledger/services/importer.py", line 19, in read_rows
for row in csv.DictReader(handle):
UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0`;

export const SHAPES_LEDGER: Route[] = [
  // A traceback without its header: its innermost project frame is the scope.
  [PY_FRAMES_JOURNAL,                                                 "debug",     mods("journal"),            []],
  [PY_FRAMES_FX,                                                      "debug",     mods("fx"),                 []],
  [PY_FRAMES_BARE,                                                    "debug",     mods("importer"),           []],
  // Yes/no questions.
  ["does the importer handle BOMs?",                                  "analyze",   mods("importer"),           ["does"]],
  ["is the journal thread-safe?",                                     "analyze",   mods("journal"),            ["is"]],
  ["is the ledger thread-safe?",                                      "analyze",   sys,                        ["is"]],
  ["can the importer write CSV?",                                     "analyze",   mods("importer"),           ["can"]],
  ["are reversals validated?",                                        "analyze",   mods("journal"),            ["are"]],
  ["does money round half-even?",                                     "analyze",   mods("money"),              ["does"]],
  ["do reports include reversed entries?",                            "analyze",   mods("reports"),            ["do"]],
  ["should the fx module cache rates?",                               "analyze",   mods("fx"),                 ["should"]],
  ["has the cli been tested on windows?",                             "analyze",   mods("cli"),                ["has"]],
  ["are there tests for the events bus?",                             "analyze",   mods("events"),             ["are"]],
  ["does accounts handle renamed codes",                              "analyze",   mods("accounts"),           ["does"]],
  ["is there a way to close a period in the journal?",                "analyze",   mods("journal"),            ["is"]],
  ["doesn't the journal reject entries that don't balance?",          "analyze",   mods("journal"),            ["does"]],
  ["should we split the importer into a parser and a validator?",    "analyze",   mods("importer"),           ["should"]],
  ["Does anyone know why the balances are off?",                      "analyze",   mods("balances"),           ["does"]],
  ["Is it possible that the journal double-posts reversals?",         "analyze",   mods("journal"),            ["is"]],
  ["hey, does the importer support tabs?",                            "analyze",   mods("importer"),           ["does"]],
  // A symptom decides, as in a wh-question.
  ["does the importer crash on empty files?",                         "debug",     mods("importer"),           ["crash"]],
  ["is the fx conversion wrong for JPY?",                             "debug",     mods("fx"),                 ["wrong"]],
  ["is the trial balance report slow on big books?",                  "optimize",  mods("reports"),            ["slow"]],
  // Asked, then asked for: the request decides.
  ["does the journal reject entries that don't balance? if not, add a check", "implement", mods("journal"),   ["add"]],
  ["the importer crashes on BOMs. is it reading the file as utf-8?",  "debug",     mods("importer"),           ["crashes"]],
  // Polite requests: the verb decides.
  ["can you add a --dry-run flag to the cli?",                        "implement", mods("cli"),                ["add"]],
  ["could you make the importer faster?",                             "optimize",  mods("importer"),           ["faster"]],
  ["can someone fix the failing balances test",                       "debug",     mods("balances"),           ["fix"]],
  ["is it possible to add a JSON export to the reports?",             "implement", mods("reports"),            ["add"]],
  ["would you please refactor the fx module",                         "refactor",  mods("fx"),                 ["refactor"]],
  ["are you able to fix the failing fx test?",                        "debug",     mods("fx"),                 ["fix", "failing"]],
  // Lower case, no punctuation.
  ["importer chokes on semicolon files pls fix",                      "debug",     mods("importer"),           ["chokes", "fix"]],
  ["make reports faster they take like 30s on our book",              "optimize",  mods("reports"),            ["faster"]],
  ["need a new cli command to close a period",                        "implement", mods("cli"),                []],
  ["journal reversal broken again",                                   "debug",     mods("journal"),            ["broken"]],
  ["rename balances natural to normal everywhere in balances",        "refactor",  mods("balances"),           ["rename"]],
  // An error line, a stack trace.
  ["getting `KeyError: 'EUR'` from fx.convert when the rate table is empty", "debug", mods("fx"),              ["KeyError"]],
  ["reports.py raises ZeroDivisionError when the period has no entries", "debug",  mods("reports"),            ["ZeroDivisionError"]],
  ["TypeError: unsupported operand type(s) for +: 'decimal.Decimal' and 'float' in balances", "debug", mods("balances"), ["TypeError"]],
  [PY_TRACE,                                                          "debug",     mods("money"),              []],
  // Paths with a line number, test names.
  ["ledger/core/journal.py:210 posts the reversal with the wrong date", "debug",   mods("journal"),            ["wrong"]],
  ["look at ledger/services/importer.py:42 and tell me why the delimiter sniffing picks commas", "analyze", mods("importer"), ["look at"]],
  ["test_reversal_balances in tests/test_journal.py fails since yesterday", "debug", mods("journal"),          ["fails"]],
  ["tests/test_reports.py::test_trial_balance_sums_to_zero is failing", "debug",   mods("reports"),            ["failing"]],
  ["fix ledger/journal.py:88, it posts the reversal twice",           "debug",     mods("journal"),            ["fix"]],
  ["fix test_fx_cross_rate",                                          "debug",     mods("fx"),                 ["fix"]],
  ["the test test_import_rejects_unbalanced_file is flaky",           "debug",     mods("importer"),           ["flaky"]],
  // Issue numbers.
  ["fix #123: importer drops the last row when the file has no trailing newline", "debug", mods("importer"),   ["fix"]],
  ["issue 45 - add a balance sheet report",                           "implement", mods("reports"),            ["add"]],
  ["GH-77 refactor the cli argument parsing",                         "refactor",  mods("cli"),                ["refactor"]],
  ["closes #12, journal entries can be posted twice",                 "debug",     mods("journal"),            []],
  // Layer names, loosely.
  ["the core stuff needs a cleanup",                                  "refactor",  layer("core"),              ["cleanup"]],
  ["review everything in the services tier",                          "analyze",   layer("services"),          ["review"]],
  ["add logging to the foundation modules",                           "implement", layer("foundation"),        ["add"]],
  ["interface layer: add a --json flag to every command",             "implement", layer("interface"),         ["add"]],
  // Code in backticks.
  ["`Money.allocate` loses a cent when splitting 100 three ways",     "debug",     mods("money"),              []],
  ["replace `float(row['amount'])` with `Decimal` in the importer",   "general",   mods("importer"),           []],
  ["add a `reverse_all(date)` helper to `journal`",                   "implement", mods("journal"),            ["add"]],
  // Two kinds of work.
  ["fix the rounding bug in money and then refactor the allocation code", "debug", mods("money"),              ["fix", "bug"]],
  ["add a cache to fx lookups because they are slow",                 "optimize",  mods("fx"),                 ["slow"]],
  ["review the journal and fix whatever is wrong",                    "debug",     mods("journal"),            ["fix", "wrong"]],
  ["investigate why balances are wrong after a reversal and fix it",  "debug",     mods("balances"),           ["wrong", "fix"]],
  // Several sentences of context.
  ["We post about 3,000 entries a day. Since the last release, posting got noticeably slower, and the profiler points at the journal's balance check. Can you speed it up without changing behaviour?", "optimize", mods("journal"), ["slower"]],
  ["Our accountant says the trial balance doesn't match the bank statement for March. I checked the CSV by hand and it looks fine. Please investigate the reports and tell me what you find.", "analyze", mods("reports"), ["investigate"]],
];

const PY_TRACE_BACKTEST = `backtest dies after two years of data
Traceback (most recent call last):
  File "quantlab/engine.py", line 133, in run
    self.portfolio.on_fill(fill)
  File "quantlab/portfolio.py", line 78, in on_fill
    pos.avg_cost = (pos.cost + fill.cost) / pos.quantity
ZeroDivisionError: division by zero`;

const PY_FRAMES_BACKTEST = `Getting this when I run the walk forward, no idea why:

  File "quantlab/analytics/optimizer.py", line 201, in walk_forward
    stats = performance.summary(equity)
  File "quantlab/analytics/performance.py", line 64, in summary
    sharpe = mean / std * math.sqrt(252)
ZeroDivisionError: float division by zero

any ideas?`;

export const SHAPES_BACKTEST: Route[] = [
  [PY_FRAMES_BACKTEST,                                                "debug",     mods("performance"),        []],
  ["does the engine look ahead on the last bar of the day?",          "analyze",   mods("engine"),             ["does"]],
  ["is the sharpe ratio annualised?",                                 "analyze",   mods("performance"),        ["is"]],
  ["can the optimizer run in parallel?",                              "analyze",   mods("optimizer"),          ["can"]],
  ["does the yahoo fetcher retry on 429?",                            "analyze",   mods("yahoo_fetcher"),      ["does"]],
  ["are trailing stops checked against the bar's low?",               "analyze",   mods("risk"),               ["are"]],
  ["does the schwab fetcher fail when the token expires?",            "debug",     mods("schwab_fetcher"),     ["fail"]],
  ["quantlab/risk.py:57: ZeroDivisionError when ATR is 0",            "debug",     mods("risk"),               ["ZeroDivisionError"]],
  [PY_TRACE_BACKTEST,                                                 "debug",     mods("portfolio"),          []],
  ["python -m quantlab --strategy MACD_Trend_v4 crashes with KeyError: 'VIX'", "debug", mods("strategy"),      ["crashes"]],
  ["tests/indicators/test_rsi.py::test_wilder_smoothing fails after the pandas upgrade", "debug", mods("indicators"), ["fails"]],
  ["rsi is off by one bar compared to tradingview",                   "debug",     mods("indicators"),         ["off by one"]],
  ["parallelize the grid search across all cores",                    "optimize",  mods("optimizer"),          ["parallelize"]],
  ["data layer: add a polygon.io fetcher",                            "implement", layer("data"),              ["add"]],
  ["the analytics stuff is a mess, clean it up",                      "refactor",  layer("analytics"),         ["clean up"]],
  ["engine layer needs a review before the release",                  "analyze",   layer("engine"),            ["review"]],
  ["explain and then speed up the walk-forward loop",                 "optimize",  mods("optimizer"),          ["speed up"]],
  ["#88 position sizing ignores the volatility target when cash is low", "debug", mods("portfolio"),         []],
  ["`PositionSizer.size()` returns a negative quantity for short signals", "debug", mods("portfolio"),       []],
  ["make `SlippageModel` configurable per symbol and add tests",      "implement", mods("execution"),          ["add"]],
  ["improve the drawdown stats",                                      "general",   mods("performance"),        []],
];

export const SHAPES_CLINIC: Route[] = [
  ["improve the payments flow",                                       "general",   mods("billing"),            []],
  ["are refunds validated?",                                          "analyze",   mods("billing"),            ["are"]],
  ["does the api validate request bodies?",                           "analyze",   mods("api"),                ["does"]],
  ["is the sms gateway retried on failure?",                          "analyze",   mods("notifications"),      ["is"]],
  ["can two staff book the same slot?",                                "analyze",   mods("appointments"),       ["can"]],
  ["src/domain/billing.ts:142 throws when the price list has no entry for the visit type", "debug", mods("billing"), ["throws"]],
  ["TypeError: Cannot read properties of undefined (reading 'startsAt') at findFreeSlots (src/domain/appointments.ts:88:17)", "debug", mods("appointments"), ["TypeError"]],
  ["POST /bookings returns 500 since the deploy, see src/web/api/routes/bookings.ts", "debug", mods("api"),    ["returns 500"]],
  ["fix billing/invoice.py:42",                                       "debug",     mods("billing"),            ["fix"]],
  ["bump zod to v4 in the api",                                       "general",   mods("api"),                []],
  ["add e2e tests for the sign in flow",                              "implement", mods("auth"),               ["add"]],
  ["#231 reminders go out at 3am for clinics in Lisbon",              "general",   mods("notifications"),      []],
  ["web layer feels sluggish since the React 19 upgrade",             "optimize",  layer("03_web"),            ["sluggish"]],
  ["services: tidy up the duplicated date helpers",                   "refactor",  layer("02_services"),       ["tidy up"]],
  ["optimize the domain models",                                      "optimize",  layer("01_domain"),         ["optimize"]],
  ["test/domain/billing.test.ts fails on the VAT rounding case",      "debug",     mods("billing"),            ["fails"]],
  ["the payment step is slow",                                        "optimize",  mods("billing"),            ["slow"]],
  ["how are payments recorded?",                                      "analyze",   mods("billing"),            ["how are"]],
  ["write an integration test for the claims export and fix the visit codes", "debug", mods("billing"),        ["fix"]],
];
