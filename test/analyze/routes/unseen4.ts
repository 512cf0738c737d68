import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A fifth round of trees written apart from the router's tuning (quality-unseen4.test.ts), in
// domains none of the other sets has (a greenhouse controller, a public library, payroll, a CI
// build farm) and spec shapes again unlike theirs: numbered layer folders (`1-drivers`), file
// tables beside a `**Files**` line, purposes under "Role" and "Overview", display names in front
// matter (`name: Climate Controller`), specs of one line in a flat `.claude/agents/` with `layer:`,
// test files on disk that import what they test. The requests were written, with their labels,
// before the router was run on them: tickets, gtest and pytest output, JVM and Go stacks,
// questions, layers by synonym, display names, file:line, typos, "everything except X",
// second person. The labels are a careful human's.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Greenhouse controller in C++: layers 1-drivers (sht31, co2_ndir, relays), 2-control (climate,
// irrigation, lighting, co2_dosing), 3-services (recipes, history, alarms), 4-ui (panel, remote_api).
export const VERDANT = tree("verdant");
export const VERDANT_ROUTES: Route[] = [
  ["vents stay open in the rain",                                        "debug",     mods("climate"),       []],
  ["The Climate Controller overshoots by 3 degrees every morning when the heating comes on", "debug", mods("climate"), []],
  ["add a frost protection mode that keeps the compartment at 5°C when it's empty", "implement", mods("climate"), []],
  ["humidity readings jump to 100% after watering",                      "debug",     mods("sht31"),         []],
  ["CO2 sensor reports 0 ppm for the first two minutes after boot",      "debug",     mods("co2_ndir"),      []],
  ["co2 enrichment keeps dosing while someone is inside the greenhouse", "debug",     mods("co2_dosing"),    []],
  ["src/control/irrigation.cpp:212 opens two valves at once and the pressure drops", "debug", mods("irrigation"), []],
  ["pH dosing overshoots, the tank goes to 4.8",                         "debug",     mods("irrigation"),    []],
  ["let growers water a single bench zone by hand from the touch panel", "implement", mods("panel"),         []],
  ["Grow lights don't dim at sunset, they just switch off",              "debug",     mods("lighting"),      []],
  ["why do the lights stay on past the photoperiod on cloudy days?",     "analyze",   mods("lighting"),      []],
  ["the relay board toggles the fan every few seconds, contactors are wearing out", "debug", mods("relays"), []],
  ["add a tomato recipe with a 3-day transition from vegetative to flowering", "implement", mods("recipes"), []],
  ["History export to CSV takes 10 minutes for a year of data",          "optimize",  mods("history"),       []],
  ["alarm escalation calls the grower even after it was acknowledged",   "debug",     mods("alarms"),        []],
  ["[ RUN      ] VentPlanner.ClosesOnRain\ntests/vent_planner_test.cpp:5: Failure\nExpected equality of these values:\n  planner.opening(2.0, true)\n    Which is: 35\n  0\n[  FAILED  ] VentPlanner.ClosesOnRain (0 ms)", "debug", mods("climate"), []],
  ["tests/dli_test.cpp:5 fails since the PAR sensor change",             "debug",     mods("lighting"),      []],
  ["review the drivers layer for blocking I2C calls",                    "analyze",   layer("1-drivers"),    []],
  ["rewrite all control loops to use a common PID class",                "refactor",  layer("2-control"),    []],
  ["Remote API: publish alarms over MQTT too",                           "implement", mods("remote_api", "alarms"), []],
  ["rename RelayBoard::set to RelayBoard::switchChannel",                "refactor",  mods("relays"),        []],
  ["the rollup job deletes raw rows after 30 days instead of a year",    "debug",     mods("history"),       []],
  ["can you make the touchscreen PIN lock time out after 2 min",         "implement", mods("panel"),         []],
  ["add clang-tidy to everything except the UI",                         "general",   mods("sht31", "co2_ndir", "relays", "climate", "irrigation", "lighting", "co2_dosing", "recipes", "history", "alarms"), []],
  ["what would it take to support a second SHT31 mux?",                  "analyze",   mods("sht31"),         []],
];

// Public library in Python/Django: layers domain (bib, items, patrons), circulation (loans, holds,
// fines, opening_hours "Opening Hours"), services (search, notices, ill), web (opac, staff_desk).
// Tests on disk: tests/circulation/test_due_dates.py imports loans, tests/test_overdue_cap.py fines.
export const STACKS = tree("stacks");
export const STACKS_ROUTES: Route[] = [
  ["renewals are allowed even when another patron has a hold on the title", "debug",  mods("loans"),         []],
  ["due dates land on Christmas day",                                    "debug",     mods("loans"),         []],
  ["the hold shelf expiry should be 10 days for housebound patrons",     "implement", mods("holds"),         []],
  ["children are being charged overdue fines",                           "debug",     mods("fines"),         []],
  ["search for 'harry poter' returns nothing, no did-you-mean",          "debug",     mods("search"),        []],
  ["add a large-print facet",                                            "implement", mods("search"),        []],
  ["MARC import drops the 245$c statement of responsibility",            "debug",     mods("bib"),           []],
  ["hold ready emails go out twice",                                     "debug",     mods("notices"),       []],
  ["Traceback (most recent call last):\n  File \"/srv/stacks/tests/circulation/test_due_dates.py\", line 8, in test_due_date_skips_closed_days\n    assert loan.due == date(2027, 1, 13)\nAssertionError: assert datetime.date(2027, 1, 6) == datetime.date(2027, 1, 13)", "debug", mods("loans"), []],
  ["FAILED tests/test_overdue_cap.py::test_cap_per_item - assert 12 == 8", "debug",   mods("fines"),         []],
  ["the staff desk freezes when scanning a withdrawn copy",              "debug",     mods("staff_desk"),    []],
  ["let patrons pay fees online from my account",                        "implement", mods("opac", "fines"), []],
  ["Opening Hours: add one-off closures for elections",                  "implement", mods("opening_hours"), []],
  ["how does a returned book get trapped for the next hold?",            "analyze",   mods("holds"),         []],
  ["anonymise patrons inactive for 3 years is too slow, 2 hours for 400k rows", "optimize", mods("patrons"), []],
  ["transfers between branches leave the copy 'in transit' forever",     "debug",     mods("items"),         []],
  ["stacks/services/ill.py:57 KeyError 'shipped'",                       "debug",     mods("ill"),           []],
  ["refactor the circulation layer so rules live in one place",          "refactor",  layer("circulation"),  []],
  ["security audit of the public-facing web",                            "analyze",   layer("web"),          []],
  ["move the fee limit check out of patrons into fines",                 "refactor",  mods("patrons", "fines"), []],
  ["the opac shows 'available' for copies that are on the hold shelf",   "debug",     mods("opac"),          []],
  ["cover images are missing for books without an ISBN-13",             "debug",     mods("bib"),           []],
  ["reindexing after a bulk MARC import takes all night",                "optimize",  mods("search"),        []],
  ["add type hints to everything except the web layer",                  "general",   mods("bib", "items", "patrons", "loans", "holds", "fines", "opening_hours", "search", "notices", "ill"), []],
  ["overdue notcies are not sent at 28 days",                            "debug",     mods("notices"),       []],
  ["explain the lending limits per patron category",                     "analyze",   mods("loans"),         []],
];

// Payroll in Kotlin: layers records (employees, timesheets, absence), calc (gross, wage_tax,
// deductions, payrun), outputs (payslips, sepa, gl_export, tax_filing), apps (self_service
// "Self Service Portal", admin_api). Test on disk: HolidayAllowanceTest.kt imports gross.
export const PAYSHEET = tree("paysheet");
export const PAYSHEET_ROUTES: Route[] = [
  ["overtime at 150% is paid at 125% on Sundays",                        "debug",     mods("gross"),         []],
  ["holiday allowance is not paid in May for part-timers",               "debug",     mods("gross"),         []],
  ["bonus is taxed with the white table instead of the special rate",    "debug",     mods("wage_tax"),      []],
  ["garnishment leaves the employee below the protected minimum",        "debug",     mods("deductions"),    []],
  ["Exception in thread \"payrun-7\" java.lang.IllegalStateException: period 2026-11 is already locked\n\tat com.paysheet.payrun.PeriodLock.acquire(PeriodLock.kt:41)\n\tat com.paysheet.payrun.PayRun.start(PayRun.kt:88)\n\tat com.paysheet.api.PayRunController.start(PayRunController.kt:30)", "debug", mods("payrun"), []],
  ["HolidayAllowanceTest.paidInMay fails: expected 3120.00 but was 0.00\n\tat com.paysheet.calc.HolidayAllowanceTest.paidInMay(HolidayAllowanceTest.kt:7)", "debug", mods("gross"), []],
  ["the SEPA file has the execution date on a Saturday",                 "debug",     mods("sepa"),          []],
  ["payslips should show year-to-date pension",                          "implement", mods("payslips"),      []],
  ["add the DATEV export format",                                        "implement", mods("gl_export"),     []],
  ["vacation days don't expire on 1 July",                               "debug",     mods("absence"),       []],
  ["sick pay percentage is applied to the whole month instead of the sick days", "debug", mods("gross", "absence"), []],
  ["night shift allowance missing for hours after midnight",             "debug",     mods("timesheets"),    []],
  ["Self Service Portal: employees can change their IBAN without the second approval", "debug", mods("self_service"), []],
  ["admin api returns 500 when a pay run is approved twice",             "debug",     mods("admin_api"),     []],
  ["retro calculation after a back-dated salary change takes 40 min for 2,000 employees", "optimize", mods("payrun"), []],
  ["how is the social security ceiling applied across the year?",        "analyze",   mods("wage_tax"),      []],
  ["file the German Lohnsteueranmeldung as well",                        "implement", mods("tax_filing"),    []],
  ["rename the calc layer packages from calc.gross to calculation.gross", "refactor", layer("calc"),         []],
  ["write tests for the outputs",                                        "implement", layer("outputs"),      []],
  ["joiners mid-month get a full month's salary",                        "debug",     mods("gross"),         []],
  ["lease car addition is deducted twice in December",                   "debug",     mods("deductions"),    []],
  ["is employee data encrypted at rest?",                                "analyze",   mods("employees"),     []],
  ["upgrade Kotlin to 2.1 in everything except the portal",              "general",   mods("employees", "timesheets", "absence", "gross", "wage_tax", "deductions", "payrun", "payslips", "sepa", "gl_export", "tax_filing", "admin_api"), []],
  ["could you look at why journal entries don't balance per cost centre", "debug",   mods("gl_export"),     []],
  ["paylsips in German show English month names",                        "debug",     mods("payslips"),      []],
];

// CI build farm in Go, flat `.claude/agents/` with `layer:`: core (pipeline, scheduler, secrets),
// exec (runner, sandbox, depcache "Dependency Cache"), store (artifacts, logstream),
// edge (webhooks, dashboard, kilnctl, notify).
export const KILN = tree("kiln");
export const KILN_ROUTES: Route[] = [
  ["matrix builds ignore the exclude list",                              "debug",     mods("pipeline"),      []],
  ["new pushes to a branch don't cancel the running build",              "debug",     mods("scheduler"),     []],
  ["jobs needing a gpu sit in the queue though a gpu runner is idle",    "debug",     mods("scheduler"),     []],
  ["secrets show up unmasked when printed base64-encoded",               "debug",     mods("secrets"),       []],
  ["panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6c1f2a]\n\ngoroutine 41 [running]:\ngithub.com/acme/kiln/internal/sandbox.(*Container).Cleanup(0x0)\n\t/src/kiln/internal/sandbox/container.go:118 +0x2a\ngithub.com/acme/kiln/internal/scheduler.(*Queue).finish(0xc0001a2000)\n\t/src/kiln/internal/scheduler/queue.go:77 +0x1c4", "debug", mods("sandbox"), []],
  ["the runner loses its heartbeat when a step prints 100 MB of output", "debug",     mods("runner"),        []],
  ["Dependency Cache: restore takes longer than a clean npm install",    "optimize",  mods("depcache"),      []],
  ["artifacts over 5 GB fail to upload",                                 "debug",     mods("artifacts"),     []],
  ["live logs stop following after a minute in the browser",             "debug",     mods("logstream"),     []],
  ["GitLab merge request events don't start pipelines",                  "debug",     mods("webhooks"),      []],
  ["add a re-run failed jobs only button",                               "implement", mods("dashboard"),     []],
  ["kilnctl lint doesn't catch a cycle in needs:",                       "debug",     mods("kilnctl"),       []],
  ["Slack message says 'recovered' on the first green build of a new branch", "debug", mods("notify"),      []],
  ["allow jobs to opt into network access",                              "implement", mods("sandbox"),       []],
  ["how are runners chosen when several match the labels?",              "analyze",   mods("scheduler"),     []],
  ["internal/artifacts/retention.go:52 deletes tag artifacts after 30 days", "debug", mods("artifacts"),     []],
  ["review the exec layer for container escapes",                        "analyze",   layer("exec"),         []],
  ["everything except the edge should log with slog",                    "general",   mods("pipeline", "scheduler", "secrets", "runner", "sandbox", "depcache", "artifacts", "logstream"), []],
  ["the cache is never evicted, disk is full",                           "debug",     mods("depcache"),      []],
  ["commit status stays 'pending' after the build finished",             "debug",     mods("webhooks"),      []],
  ["speed up the job graph rendering for 500-job pipelines",             "optimize",  mods("dashboard"),     []],
  ["conditions on changed paths don't work for tags",                    "debug",     mods("pipeline"),      []],
  ["ANSI colours are lost in the downloaded log",                        "debug",     mods("logstream"),     []],
  ["you should split the queue out of the scheduler into its own package", "refactor", mods("scheduler"),    []],
  ["upgrade Go to 1.23 across the whole farm",                           "general",   sys,                   []],
];
