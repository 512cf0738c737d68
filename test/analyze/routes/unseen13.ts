import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A fourteenth round of trees written apart from the router's tuning (quality-unseen13.test.ts), in
// domains none of the other sets has (the stock and dispensing system of a pharmacy chain in Java, a
// grassroots football league scheduler in Django, an IoT device fleet manager in Go, a UK self assessment
// tax calculator in TypeScript) and spec shapes again unlike theirs: module specs written only as YAML
// (`.claude/layers/stock/modules/inventory.yaml` with `name:`, `description:`, `files:`, `depends_on:`,
// `rules:`, `provides:`); an `AGENTS.md` in every Django app, service and library folder with no table of
// layers and no `.claude/` spec but a settings file; no spec files at all, one table of modules in the root
// CLAUDE.md with a Layer column whose names are display names ("Device Registry", "Rules & Alerts");
// a folder per module under numbered layers (`2-calculation/income_tax/AGENT.md`) whose files, dependencies
// and rules are in linked `files.md`, `deps.md`, `rules.md` beside it. The requests were written, with
// their labels, before the router was run on them: tickets, Java and Python tracebacks, Go panics, Node
// stacks, questions, review and audit asks, typos, "and" lists, faults told only in the domain's words
// ("the running balance went negative", "two clubs that share a ground are both at home", "telemetry shows
// up 10 hours in the future", "mortgage interest is deducted as an expense"), words of a display name used
// for another thing ("the stock module", "printing" the CD register, "tables" of a tax year), words two
// modules share (stock, fixtures, alerts, allowance), file paths and function names, multi-sentence requests
// whose second sentence holds the scope, and non-native phrasing. The labels are a careful human's: the
// module that holds the fault's logic, not the screen it shows on.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Pharmacy chain stock and dispensing in Java, YAML module specs under `.claude/layers/<layer>/modules/`:
// catalogue (drug_catalogue "Drug Catalogue", formulary, controlled_drugs "Controlled Drugs Register"),
// stock (inventory "Stock Levels", reorder "Auto Reorder", goods_in "Goods Receipt", expiry "Expiry &
// Recalls"), dispensing (prescriptions "Prescription Intake", clinical_check "Clinical Check", labelling
// "Label Printing", owings), integration (wholesaler_edi "Wholesaler Orders", nhs_claims "NHS Claims",
// patient_app "Patient App API", reports). On disk: src/main/java/com/dispensary/stock/StockLedger.java,
// .../label/DirectionsExpander.java, .../cd/RunningBalance.java, src/test/java/com/dispensary/stock/FefoPickerTest.java.
export const DISPENSARY = tree("dispensary");
export const DISPENSARY_ROUTES: Route[] = [
  ["the running balance for morphine sulfate 10mg/5ml went negative at the Leeds branch", "debug", mods("controlled_drugs"), []],
  ["java.lang.IllegalArgumentException: empty move\n\tat com.dispensary.stock.StockLedger.move(StockLedger.java:9)\n\tat com.dispensary.rx.DispenseService.complete(DispenseService.java:57)\n\tat com.dispensary.rx.DispenseController.complete(DispenseController.java:31)", "debug", mods("inventory"), []],
  ["labels print 'Take ONE tablet bd' instead of twice a day",                   "debug",     mods("labelling"),        []],
  ["add support for the new MHRA class 4 drug alerts (caution in use)",          "implement", mods("expiry"),           []],
  ["Suggested order for Halifax wants 40 packs of amoxicillin in July",          "debug",     mods("reorder"),          []],
  ["why do we send the AAH order twice when the EDI link times out?",            "debug",     mods("wholesaler_edi"),   []],
  ["DataMatrix on Teva packs doesn't decode, the expiry comes out as 00/00",     "debug",     mods("goods_in"),         []],
  ["interaction screen misses warfarin + clarithromycin",                        "debug",     mods("clinical_check"),   []],
  ["EPS messages are acknowledged before we save them, we lost 3 scripts on Friday when the DB failed over", "debug", mods("prescriptions"), []],
  ["speed up the stock valuation report, it takes 14 minutes for all branches",  "optimize",  mods("reports"),          []],
  ["review the dispensing layer for places that use double for quantities",      "analyze",   layer("dispensing"),      []],
  ["refactor the stock layer so goods in and stock takes post through one StockLedger.move", "refactor", layer("stock"), []],
  ["owing slips don't show the balance still owed",                              "debug",     mods("owings"),           []],
  ["the patient app says ready to collect while part of the item is still owed", "debug",     mods("patient_app"),      []],
  ["End of month submission for November was rejected: exemption category missing on 212 items", "debug", mods("nhs_claims"), []],
  ["levetiracetam got switched from Keppra to a generic although it's flagged brand-specific", "debug", mods("formulary"), []],
  ["dm+d import fails on the week 47 release",                                   "debug",     mods("drug_catalogue"),   []],
  ["Add a fridge temperature log to the stock module",                           "implement", mods("inventory"),        []],
  ["src/main/java/com/dispensary/label/DirectionsExpander.java: handle 'prn' and 'mane'", "implement", mods("labelling"), []],
  ["FefoPickerTest fails after the daylight saving change",                      "debug",     mods("inventory"),        []],
  ["stock is booked in twice when a tote is scanned again",                      "debug",     mods("goods_in"),         []],
  ["short dated report lists items that expired last year",                      "debug",     mods("expiry"),           []],
  ["how does a repeat ordered in the app end up on the EPS pull?",               "analyze",   mods("patient_app", "prescriptions"), []],
  ["Write unit tests for the min/max calculator",                                "implement", mods("reorder"),          []],
  ["the weekly CD balance check should need a second signature",                 "implement", mods("controlled_drugs"), []],
  ["upgrade Spring Boot to 3.4 and Java to 23",                                  "general",   sys,                      []],
  ["audit the whole system for patient names in logs",                           "analyze",   sys,                      []],
  ["Printing to the Zebra in Bradford is slow, each label takes 6 seconds",      "optimize",  mods("labelling"),        []],
  ["price files from Phoenix for December load with every price at zero",        "debug",     mods("wholesaler_edi"),   []],
  ["the dose check flags 1g paracetamol qds as an overdose for adults over 50kg", "debug",    mods("clinical_check"),   []],
  ["Clinical check: let a pharmacist sign off a whole prescription at once, not item by item", "implement", mods("clinical_check"), []],
  ["We received the delivery but it doesnt match the delivery note, 3 lines short and no shorts recorded", "debug", mods("goods_in"), []],
  ["Please can you make that the recall notice goes also to the branches which have the batch in a transfer", "implement", mods("expiry"), []],
  ["Pharmacists are complaining about too many alerts. The allergy warnings fire for every penicillin even when the patient's allergy is to cephalosporins.", "debug", mods("clinical_check"), []],
  ["the head office dashboard shows yesterday's dispensing volume as 0",         "debug",     mods("reports"),          []],
  ["transfers between branches lose the batch number",                           "debug",     mods("inventory"),        []],
  ["add Alliance's new order acknowledgement format",                            "implement", mods("wholesaler_edi"),   []],
  ["laebl text overflows on long drug names like co-amoxiclav 500mg/125mg",      "debug",     mods("labelling"),        []],
  ["printing the CD register page for the inspector cuts off the witness column", "debug",    mods("controlled_drugs"), []],
];

// Grassroots football league scheduler in Django, an AGENTS.md in each folder: apps (leagues, fixtures,
// venues, referees, results, standings, registrations "Player Registrations", discipline), services
// (notifier, calendar_feed "Calendar Feed", public_api "Public API"), libs (scheduling_core "Scheduling
// Core", geo). On disk: apps/fixtures/generator.py, apps/fixtures/berger.py, apps/standings/tiebreak.py,
// apps/standings/tests/test_tiebreak.py, apps/discipline/accumulation.py, libs/scheduling_core/solver.py.
export const MATCHDAY = tree("matchday");
export const MATCHDAY_ROUTES: Route[] = [
  ["two clubs that share a ground are both at home on 14 September",            "debug",     mods("fixtures"),         []],
  ["head to head isn't applied when three teams are level on points",            "debug",     mods("standings"),        []],
  ["Traceback (most recent call last):\n  File \"/app/apps/fixtures/generator.py\", line 5, in generate_season\n    rounds = berger_table(len(division.teams))\n  File \"/app/apps/fixtures/berger.py\", line 4, in berger_table\n    return [[(i, n - 1 - i) for i in range(n // 2)] for _ in range(n - 1)]\nTypeError: unsupported operand type(s) for //: 'NoneType' and 'int'", "debug", mods("fixtures"), []],
  ["a referee got appointed to a match of the club he plays for on Sundays",     "debug",     mods("referees"),         []],
  ["a player with 5 yellows by January wasn't suspended",                        "debug",     mods("discipline"),       []],
  ["add penalty shootouts to cup ties instead of replays",                       "implement", mods("leagues"),          []],
  ["The league table still counts a result the away side never confirmed",      "debug",     mods("results"),          []],
  ["an under-12 is registered as under-11, the age group cut-off uses 1 September", "debug",  mods("registrations"),    []],
  ["iCal feed times are an hour off since the clocks went back",                 "debug",     mods("calendar_feed"),    []],
  ["SMS to referees go out twice when Twilio times out",                         "debug",     mods("notifier"),         []],
  ["make the fixture generation faster, a 16 team division takes 4 minutes",    "optimize",  mods("fixtures"),         []],
  ["explain how the solver decides which constraints to break",                  "analyze",   mods("scheduling_core"),  []],
  ["refactor the apps layer so results and discipline share one match card model", "refactor", layer("apps"),          []],
  ["review the services layer for API keys in logs",                             "analyze",   layer("services"),        []],
  ["public API returns the old table for a minute after a result",               "debug",     mods("public_api"),       []],
  ["floodlit pitches should be bookable for midweek evening games",              "implement", mods("venues"),           []],
  ["distance between grounds is 0 miles for postcodes in Northern Ireland",      "debug",     mods("geo"),              []],
  ["Promotion and relegation put the 3rd placed team down instead of up",        "debug",     mods("leagues"),          []],
  ["Add a 'conceded' result type for when a team tells the league it won't turn up", "implement", mods("results"),     []],
  ["postponed matches get rearranged onto Christmas Eve",                        "debug",     mods("fixtures"),         []],
  ["apps/standings/tests/test_tiebreak.py fails on CI",                          "debug",     mods("standings"),        []],
  ["bump Django to 5.1 and Celery to 5.4",                                       "general",   sys,                      []],
  ["Level 7 referees get appointed to Premier Division matches that need level 5", "debug",   mods("referees"),         []],
  ["the same team plays at home 4 weeks in a row",                               "debug",     mods("fixtures"),         []],
  ["points per game for the curtailed season rounds 1.666 to 1.66 instead of 1.67", "debug",  mods("standings"),        []],
  ["what happens when both secretaries enter different scores?",                 "analyze",   mods("results"),          []],
  ["add a fine for a red card for violent conduct on top of the ban",           "implement", mods("discipline"),       []],
  ["Parents subscribed on their phones see the matches without the ground's address", "debug", mods("calendar_feed"),  []],
  ["Is possible to have the tables also for the group stage of cups? Now only leagues have it", "implement", mods("standings"), []],
  ["result entry page reloads the whole page after save instead of the HTMX swap", "debug",   mods("results"),          []],
  ["libs/scheduling_core/solver.py: time_limit is ignored, solves run for 10 minutes", "debug", mods("scheduling_core"), []],
  ["fixture changes don't reach the away team's secretary",                      "debug",     mods("notifier"),         []],
  ["the mini soccer pitches get 11v11 matches booked on them",                   "debug",     mods("venues"),           []],
  ["implement dual registration for women's football",                           "implement", mods("registrations"),    []],
  ["The solver is fine, the problem is travel. Refs from Hull get matches in Grimsby 40 miles away.", "debug", mods("referees"), []],
];

// IoT device fleet manager in Go, no spec files: one table of modules in the root CLAUDE.md with a Layer
// column, names written as display names: core (device_registry "Device Registry"), edge (provisioning,
// mqtt_gateway "MQTT Gateway"), pipeline (telemetry_ingest "Telemetry Ingest", device_shadow "Device
// Shadow", ota_updates "OTA Updates", rules_alerts "Rules & Alerts", remote_commands "Remote Commands",
// geofence), api (fleet_api "Fleet API", fleet_console "Fleet Console", metering, webhooks). On disk:
// internal/ota/rollout.go, internal/ota/rollout_test.go, internal/mqttgw/acl.go, internal/shadow/delta.go,
// internal/rules/offline.go, internal/geofence/pip.go, web/console/src/RolloutPage.tsx.
export const FLEETBEACON = tree("fleetbeacon");
export const FLEETBEACON_ROUTES: Route[] = [
  ["reefer temperature alerts fire 10 minutes after the threshold rule should have", "debug", mods("rules_alerts"),     []],
  ["panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x7a3f21]\n\ngoroutine 412 [running]:\ngithub.com/fleetbeacon/fleetbeacon/internal/shadow.Delta(0x0, 0xc0004a2180)\n\t/src/internal/shadow/delta.go:6 +0x41\ngithub.com/fleetbeacon/fleetbeacon/internal/mqttgw.(*Session).onConnect(0xc000212000)\n\t/src/internal/mqttgw/session.go:88 +0x1b2", "debug", mods("device_shadow"), []],
  ["rollout went to 100% although 30% of the 10% cohort failed their health check", "debug", mods("ota_updates"),      []],
  ["devices that lost their certificate after a factory reset can't be claimed again", "debug", mods("provisioning"),  []],
  ["add a per-tenant message rate limit at the broker",                          "implement", mods("mqtt_gateway"),     []],
  ["telemetry from trailers in Australia shows up 10 hours in the future",       "debug",     mods("telemetry_ingest"), []],
  ["duplicate kWh readings after a charger reconnects",                          "debug",     mods("telemetry_ingest"), []],
  ["webhook deliveries stop retrying after 1 hour instead of 24",                "debug",     mods("webhooks"),         []],
  ["customers want the HMAC signature to cover the timestamp too",               "implement", mods("webhooks"),         []],
  ["reboot command times out for sleepy water meters",                           "debug",     mods("remote_commands"),  []],
  ["dwell time at depots counts the whole night when GPS drops out",             "debug",     mods("geofence"),         []],
  ["March invoice counted decommissioned devices as active",                     "debug",     mods("metering"),         []],
  ["the map in the console freezes with 20k devices",                            "optimize",  mods("fleet_console"),    []],
  ["add an endpoint to list devices by hardware revision",                       "implement", mods("fleet_api"),        []],
  ["review the edge layer for TLS misconfiguration",                             "analyze",   layer("edge"),            []],
  ["refactor the pipeline layer so every service reads NATS through one consumer wrapper", "refactor", layer("pipeline"), []],
  ["how does a config push reach a device that's asleep?",                       "analyze",   mods("remote_commands"),  []],
  ["go test -race ./internal/ota/... fails with DATA RACE in rollout.go",        "debug",     mods("ota_updates"),      []],
  ["internal/mqttgw/acl.go: a device can publish to another device's topic when its ID is a prefix of the other, e.g. ab12 and ab123", "debug", mods("mqtt_gateway"), []],
  ["the device-offline alert fires for every water meter at 3am when they sleep", "debug",    mods("rules_alerts"),     []],
  ["GPS positions arrive but no enter event when a trailer crosses into the polygon", "debug", mods("geofence"),        []],
  ["why is the desired state version reset to 1 after a device re-registers?",   "debug",     mods("device_shadow"),    []],
  ["upgrade to Go 1.23 and NATS server 2.11",                                    "general",   sys,                      []],
  ["audit all services for tenant isolation",                                    "analyze",   sys,                      []],
  ["Telemetry ingest is falling behind, JetStream consumer lag is 2M messages at 8am", "optimize", mods("telemetry_ingest"), []],
  ["Rollouts page: add a pause button",                                          "implement", mods("fleet_console"),    []],
  ["Alerts: escalation to the second contact never happens",                     "debug",     mods("rules_alerts"),     []],
  ["When customer is calling the API with an expired OAuth token, he get 500 and not 401", "debug", mods("fleet_api"),  []],
  ["a device with hardware rev C gets the rev B firmware",                       "debug",     mods("ota_updates"),      []],
  ["FB-2231 last will messages not published when the TCP connection drops without DISCONNECT", "debug", mods("mqtt_gateway"), []],
  ["claim codes are accepted twice so two tenants own the same charger",         "debug",     mods("provisioning"),     []],
  ["Write tests for the shadow delta",                                           "implement", mods("device_shadow"),    []],
  ["door state comes through as 'unknown' for the new Thermo King units",        "debug",     mods("telemetry_ingest"), []],
  ["Our Grafana shows messages per tenant doubled since Monday but the devices didn't change. The metering job counts retained messages again on every reconnect.", "debug", mods("metering"), []],
  ["add telemetry on how long each rollout cohort takes to finish",             "implement", mods("ota_updates"),      []],
];

// UK self assessment tax calculator in TypeScript, a folder per module under numbered layers with linked
// files.md / deps.md / rules.md: 1-reference (tax_years "Tax Year Tables"), 2-calculation (income_tax
// "Income Tax", savings "Savings Income", dividends "Dividend Tax", capital_gains "Capital Gains",
// national_insurance "Class 2 and Class 4 NIC", student_loans "Student Loan Repayments", child_benefit "High
// Income Child Benefit Charge", pension_relief "Pension Relief"), 3-income (self_employment, property_income
// "UK Property", employment "Employment Income"), 4-filing (return_builder "Return Builder", mtd "MTD
// Submission", web_app "Web App"). On disk: src/calc/income-tax/bands.ts, src/calc/cgt/share-pool.ts,
// src/filing/return/payments-on-account.ts, src/filing/mtd/fraud-headers.ts, test/calc/personal-allowance.test.ts.
export const TAXLINE = tree("taxline");
export const TAXLINE_ROUTES: Route[] = [
  ["personal allowance isn't tapered for someone on £110k",                      "debug",     mods("income_tax"),       []],
  ["Scottish taxpayers get the English higher rate",                             "debug",     mods("income_tax"),       []],
  ["add the 2025-26 rates and thresholds",                                       "implement", mods("tax_years"),        []],
  ["bed and breakfasting isn't applied, shares bought back within 30 days are matched against the pool", "debug", mods("capital_gains"), []],
  ["mortgage interest is deducted as an expense for my buy to let",              "debug",     mods("property_income"),  []],
  ["HMRC rejects every submission with INVALID_HEADER for Gov-Client-Timezone",  "debug",     mods("mtd"),              []],
  ["TypeError: Cannot read properties of undefined (reading 'upTo')\n    at taxByBand (/app/src/calc/income-tax/bands.ts:5:41)\n    at calculateIncomeTax (/app/src/calc/income-tax/index.ts:22:10)\n    at buildReturn (/app/src/filing/return/build.ts:40:18)", "debug", mods("income_tax"), []],
  ["payments on account are asked for when the bill is £800",                    "debug",     mods("return_builder"),   []],
  ["child benefit charge uses the old £50k threshold for 2024-25",               "debug",     mods("child_benefit"),    []],
  ["Class 2 is still charged for profits above the small profits threshold",    "debug",     mods("national_insurance"), []],
  ["plan 2 student loan repayments ignore what PAYE already took",               "debug",     mods("student_loans"),    []],
  ["relief at source contributions don't extend the basic rate band",           "debug",     mods("pension_relief"),   []],
  ["carry forward only looks at last year, it should look back three years",     "debug",     mods("pension_relief"),   []],
  ["trading allowance and expenses are both deducted",                           "debug",     mods("self_employment"),  []],
  ["the transition profit isn't spread over 5 years",                            "debug",     mods("self_employment"),  []],
  ["add the end of furnished holiday lettings from April 2025",                  "implement", mods("property_income"),  []],
  ["P11D company car benefit is added twice when there are two employments",     "debug",     mods("employment"),       []],
  ["the summary PDF cuts off the capital gains section",                         "debug",     mods("web_app"),          []],
  ["refactor the calculation layer so every module returns the same Breakdown type", "refactor", layer("2-calculation"), []],
  ["review the filing layer for personal data sent to analytics",                "analyze",   layer("4-filing"),        []],
  ["speed up the calculation, the summary takes 5 seconds for someone with 400 share disposals", "optimize", mods("capital_gains"), []],
  ["why is the savings allowance £500 for someone whose salary is £49k?",       "debug",     mods("savings"),          []],
  ["starting rate for savings is given even though the salary is above £17,570", "debug",     mods("savings"),          []],
  ["foreign dividends: the tax credit relief is more than the UK tax on them",  "debug",     mods("dividends"),        []],
  ["src/calc/cgt/share-pool.ts: matchDisposal throws RangeError: Division by zero when the pool is empty", "debug", mods("capital_gains"), []],
  ["OAuth token refresh fails after 18 months, users have to log in to Government Gateway again", "debug", mods("mtd"), []],
  ["bump typescript to 5.6 and Next to 15",                                      "general",   sys,                      []],
  ["Please check all modules use pence and not pounds",                          "analyze",   sys,                      []],
  ["When I am entering my rent, the property allowance is not offered me as option", "debug", mods("property_income"),  []],
  ["test/calc/personal-allowance.test.ts fails: expected 0, got 1",              "debug",     mods("income_tax"),       []],
  ["residential property gains taxed at 20% for a basic rate taxpayer",         "debug",     mods("capital_gains"),    []],
  ["The calculation is wrong for high earners with kids. The HICBC is 100% of the benefit at £70k when it should be 50%.", "debug", mods("child_benefit"), []],
  ["implement quarterly updates for MTD ITSA",                                   "implement", mods("mtd"),              []],
  ["add the tapered annual allowance for adjusted income over £260k",            "implement", mods("pension_relief"),   []],
  ["the tables for 2023-24 have the wrong additional rate threshold",            "debug",     mods("tax_years"),        []],
  ["dividend allowance is still £1,000 in the 2024-25 figures",                  "debug",     mods("tax_years"),        []],
];
