import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A fifteenth round of trees written apart from the router's tuning (quality-unseen14.test.ts), in
// domains none of the other sets has (a ride-hailing dispatcher in Go, a self-hosted team chat server in
// Rust, veterinary practice management on Rails, airline crew rostering in Python) and spec shapes again
// unlike theirs: a skill folder per module under numbered layer folders
// (`.claude/layers/2-marketplace/modules/surge/SKILL.md`, `name:`, `description:`, `files:`, `depends_on:`
// in its front matter) under a system spec whose layers are a table; modules declared in `## Module:`
// sections of each layer spec, with `Files:` and `Depends on:` lines; Claude Code subagents
// `.claude/agents/<id>-agent.md` (kebab ids) with `files:` lists, beside a `code-reviewer.md`, placed in
// layers by a `| Layer | Modules | Notes |` table of `.claude/CLAUDE.md`; no spec files and no `.claude/`
// spec at all (only Claude Code's settings), the modules a nested list under the root CLAUDE.md's
// "Modules" heading with "depends on" in each line. The requests were written, with their labels, before
// the router was run on them: tickets, Go panics, Rust panics, Ruby backtraces, Python tracebacks,
// questions, review and audit asks, typos, "and" lists, faults told only in the domain's words ("a
// captain got 10 hours rest at base", "surge jumped from 1.2x to 2.9x in one go", "estimate for a bitch
// spay is lower than the invoice"), file paths and function names, multi-sentence requests whose second
// sentence holds the scope, and non-native phrasing. The labels are a careful human's: the module that
// holds the fault's logic, not the screen it shows on.
//
// Why-questions: a why-question that reports a fault (something observed to go wrong: a figure, a case, a
// "twice", a "never", a limit broken) asks to have it fixed and is debug, as rounds 11 and 14 label them
// ("why is the gas safety record showing as expired when ...", "why do we send the AAH order twice
// when ..."); one about why the code is built as it is ("why is matching done in batches instead of ...")
// asks for an explanation and is analyze, as every round labels those.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Ride-hailing dispatch in Go, a SKILL.md per module under numbered layers: 1-geo (geoindex, eta),
// 2-marketplace (matching, surge, fares, trip "Trip Lifecycle"), 3-money (payments, payouts "Driver
// Payouts", promotions), 4-edge (rider_api, driver_gateway, notifications, safety). On disk:
// internal/matching/batch.go, internal/matching/hungarian.go, internal/surge/multiplier.go,
// internal/fares/quote.go, internal/trip/state.go, internal/payments/capture.go, internal/drivergw/stream.go,
// internal/payouts/weekly.go.
export const HAILSTONE = tree("hailstone");
export const HAILSTONE_ROUTES: Route[] = [
  ["riders in the airport zone get quoted without the airport fee",              "debug",     mods("fares"),            []],
  ["surge jumped from 1.2x to 2.9x in one go at the stadium last night",         "debug",     mods("surge"),            []],
  ["panic: runtime error: index out of range [3] with length 3\n\ngoroutine 88 [running]:\ngithub.com/hailstone/dispatch/internal/matching.assign(...)\n\t/src/internal/matching/hungarian.go:6 +0x1d4\ngithub.com/hailstone/dispatch/internal/matching.RunBatch(...)\n\t/src/internal/matching/batch.go:9 +0x8c", "debug", mods("matching"), []],
  ["drivers who closed the app still get ride offers for a minute",             "debug",     mods("driver_gateway"),   []],
  ["add a wheelchair accessible vehicle class with its own per-km rate",        "implement", mods("fares"),            []],
  ["why do riders get charged a cancellation fee when the driver cancelled?",   "debug",     mods("trip"),             []],
  ["why is matching done in batches instead of offering the nearest driver right away?", "analyze", mods("matching"),  []],
  ["weekly payout for some drivers is missing the tips from Sunday night trips", "debug",    mods("payouts"),          []],
  ["the hold on the rider's card is released before the trip ends on long airport trips", "debug", mods("payments"),   []],
  ["speed up the nearest driver lookup, it takes 300 ms in the city centre at rush hour", "optimize", mods("geoindex"), []],
  ["review the money layer for float64 amounts",                                 "analyze",   layer("3-money"),         []],
  ["refactor the marketplace layer so surge and fares share one city config loader", "refactor", layer("2-marketplace"), []],
  ["ETA to pickup says 3 min but the driver is 12 minutes away across the river", "debug",    mods("eta"),              []],
  ["upgrade to Go 1.23 and the Stripe SDK to v79",                               "general",   sys,                      []],
  ["Promo code FIRSTRIDE works again on a second account with the same card",    "debug",     mods("promotions"),       []],
  ["trip sharing link still shows the car moving after the trip ended",          "debug",     mods("safety"),           []],
  ["quest progress counts trips that the rider cancelled",                       "debug",     mods("promotions"),       []],
  ["internal/fares/quote.go: the minimum fare is applied before the surge, should be after", "debug", mods("fares"),    []],
  ["How does a ride request become an offer on a driver's phone?",               "analyze",   mods("rider_api", "matching", "driver_gateway"), []],
  ["driver app shows offline even though the driver is sending pings, heartbeat bug?", "debug", mods("driver_gateway"), []],
  ["Add Apple Pay to rider payments",                                            "implement", mods("payments"),         []],
  ["route deviation alert fires when the driver takes the bypass the rider asked for", "debug", mods("safety"),         []],
  ["tolls on the M6 toll are counted twice when the route goes in and out",      "debug",     mods("fares"),            []],
  ["drivr selfie check is skipped if the driver logs in again whitin 5 minutes", "debug",     mods("safety"),           []],
  ["cash-out fee charged twice when a driver taps the button quickly",           "debug",     mods("payouts"),          []],
  ["please write tests for the trip state machine, especially arriving -> cancelled", "implement", mods("trip"),        []],
  ["Riders near the river get drivers from the other bank. The nearest-driver search uses straight-line distance, not the road.", "debug", mods("geoindex"), []],
  ["audit the whole platform for rider phone numbers in logs",                   "analyze",   sys,                      []],
  ["the final fare is recalculated even when the route was only 5% longer",      "debug",     mods("fares"),            []],
  ["Kafka consumer in payouts processes trip.completed twice after a rebalance, drivers paid double", "debug", mods("payouts"), []],
  ["explain the no-show rule",                                                   "analyze",   mods("trip"),             []],
  ["can we make the offer timeout configurable per city?",                       "implement", mods("matching"),         []],
  ["Drivers complain they get offers for riders 15 minutes away while a closer request waits", "debug", mods("matching"), []],
];

// A self-hosted team chat server in Rust, `## Module:` sections in each layer spec: storage
// (message_store, attachments, search), chat (channels, threads, reactions, moderation), realtime
// (gateway, presence, push), integrations (webhooks, bots, sso). On disk: crates/gateway/src/session.rs,
// crates/gateway/src/fanout.rs, crates/message_store/src/cursor.rs, crates/threads/src/unread.rs,
// crates/presence/src/typing.rs, crates/search/src/indexer.rs, crates/webhooks/src/slash.rs,
// crates/attachments/src/scan.rs.
export const HUDDLE = tree("huddle");
export const HUDDLE_ROUTES: Route[] = [
  ["messages posted while I was offline don't appear after reconnect, only new ones", "debug", mods("gateway"),         []],
  ["thread unread count stays at 1 after reading the thread on mobile",          "debug",     mods("threads"),          []],
  ["thread 'tokio-runtime-worker' panicked at crates/gateway/src/session.rs:9:58:\ncalled `Option::unwrap()` on a `None` value\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "debug", mods("gateway"), []],
  ["search returns messages from private channels I left",                       "debug",     mods("search"),           []],
  ["typing indicator stuck on 'Anna is typing…' until reload",                   "debug",     mods("presence"),         []],
  ["scrolling up in a busy channel skips about 50 messages between pages",       "debug",     mods("message_store"),    []],
  ["add support for Azure AD as an OIDC provider",                               "implement", mods("sso"),              []],
  ["why are PDFs over 100 MB never shown in the channel?",                       "debug",     mods("attachments"),      []],
  ["why do we keep a separate search index per workspace?",                      "analyze",   mods("search"),           []],
  ["review the realtime layer for places that hold a lock across an await",      "analyze",   layer("realtime"),        []],
  ["refactor the chat layer so channels, threads and moderation check membership through one function", "refactor", layer("chat"), []],
  ["fan-out takes 2 seconds in a channel with 20k members",                      "optimize",  mods("gateway"),          []],
  ["users deactivated through SCIM can still log in for an hour",               "debug",     mods("sso"),              []],
  ["slash command /poll times out though the bot answers in 2 s",                "debug",     mods("webhooks"),         []],
  ["Custom emoji uploaded by admins show as a broken image",                     "debug",     mods("reactions"),        []],
  ["the email digest includes mentions I already read on desktop",               "debug",     mods("push"),             []],
  ["bump tokio to 1.40 and axum to 0.8",                                         "general",   sys,                      []],
  ["explain how resume after a reconnect works",                                 "analyze",   mods("gateway"),          []],
  ["outgoing webhook fires again when someone edits a message that has the keyword", "debug", mods("webhooks"),         []],
  ["Private channel archived but members still see it in the sidebar with a badge", "debug", mods("channels"),          []],
  ["crates/threads/src/unread.rs: unread_replies counts my own replies as unread", "debug",   mods("threads"),          []],
  ["add a limit of 50 different emoji per message",                              "implement", mods("reactions"),        []],
  ["the bots events API retries forever when the app returns 410 Gone",          "debug",     mods("bots"),             []],
  ["presense is always 'away' for users on the desktop app even when they type", "debug",     mods("presence"),         []],
  ["thumbnails for HEIC photos from iPhones are black",                          "debug",     mods("attachments"),      []],
  ["slow mode lets people post twice in a row if they send fast",                "debug",     mods("moderation"),       []],
  ["a group DM with 9 people can be created from the API",                       "debug",     mods("channels"),         []],
  ["the audit log doesn't record who deleted a message",                         "debug",     mods("moderation"),       []],
  ["make search faster, queries with a from: filter take 4 seconds on our biggest workspace", "optimize", mods("search"), []],
  ["please look at the storage and chat layers for queries without a workspace_id filter", "analyze",
    mods("message_store", "attachments", "search", "channels", "threads", "reactions", "moderation"), []],
  ["When somebody reacts with an emoji the message jumps to the bottom of the channel for everybody. I think the edit timestamp is used for ordering in the message log.", "debug", mods("message_store"), []],
  ["SAML login fails with 'InResponseTo mismatch' behind our load balancer",     "debug",     mods("sso"),              []],
  ["how are custom emoji stored?",                                               "analyze",   mods("reactions"),        []],
];

// Veterinary practice management on Rails, Claude Code subagents `.claude/agents/<id>-agent.md` (kebab
// ids) placed by the `.claude/CLAUDE.md` layer table: records (patients, clinical-notes, vaccinations,
// lab-results), practice (appointments, prescriptions, drug-stock, billing), outreach (owner-portal,
// reminders, reports). On disk: app/models/patient.rb, app/services/prescriptions/dose_calculator.rb,
// spec/services/prescriptions/dose_calculator_spec.rb, app/services/vaccinations/recall_scheduler.rb,
// app/services/billing/estimate_builder.rb, app/jobs/reminders/vaccination_reminder_job.rb,
// app/services/lab_results/hl7_import.rb, app/services/drug_stock/reorder.rb, app/services/patients/merge.rb.
export const PAWPRINT = tree("pawprint");
export const PAWPRINT_ROUTES: Route[] = [
  ["dose for a 12.5 kg dog comes out 1000 times too high",                      "debug",     mods("prescriptions"),    []],
  ["NoMethodError: undefined method `*' for nil:NilClass\n  app/services/prescriptions/dose_calculator.rb:11:in `call'\n  app/controllers/prescriptions_controller.rb:14:in `create'", "debug", mods("prescriptions"), []],
  ["rabies booster due date is one year after the last dose, should be three for Nobivac", "debug", mods("vaccinations"), []],
  ["merging two duplicate pets loses the weight history",                        "debug",     mods("patients"),         []],
  ["IDEXX results for Bella go to another patient also called Bella",            "debug",     mods("lab-results"),      []],
  ["Reminder SMS sent to owners who opted out of texts",                         "debug",     mods("reminders"),        []],
  ["add online booking for vaccination appointments in the owner portal",       "implement", mods("owner-portal"),     []],
  ["why is the controlled drug running balance for methadone negative at the Ilkley clinic?", "debug", mods("prescriptions"), []],
  ["why does the estimate builder price each fee line per patient instead of using the fee schedule?", "analyze", mods("billing"), []],
  ["estimate for a bitch spay is lower than the invoice for the same procedure", "debug",     mods("billing"),          []],
  ["Insurance claims to Petplan are rejected: the VeNom code is missing on the claim", "debug", mods("billing"),         []],
  ["the vaccination certificate prints the owner's old address",                 "debug",     mods("vaccinations"),     []],
  ["the end of day cash-up is £40 out whenever someone pays part by card and part on account", "debug", mods("reports"), []],
  ["make the diary load faster, opening a week for 6 vets takes 9 seconds",     "optimize",  mods("appointments"),     []],
  ["review the records layer for places where a signed note can be changed without an audit entry", "analyze", layer("records"), []],
  ["refactor the practice layer so billing and prescriptions read prices from one fee schedule", "refactor", layer("practice"), []],
  ["upgrade Rails to 7.2 and Ruby to 3.4",                                       "general",   sys,                      []],
  ["high potassium isn't flagged for rabbits",                                   "debug",     mods("lab-results"),      []],
  ["stock of Metacam goes negative after a stock take",                          "debug",     mods("drug-stock"),       []],
  ["the weekly reorder orders vaccines we already have 40 of",                   "debug",     mods("drug-stock"),       []],
  ["owners can book a slot that the vet blocked for surgery",                    "debug",     mods("appointments"),     []],
  ["spec/services/prescriptions/dose_calculator_spec.rb fails since the weight migration", "debug", mods("prescriptions"), []],
  ["Add a 'bites' warning that shows on the patient banner",                     "implement", mods("patients"),         []],
  ["post-op check reminders go out on the day of the surgery, not 3 days later", "debug",     mods("reminders"),        []],
  ["how does a repeat prescription requested in the portal become a prescription?", "analyze", mods("owner-portal", "prescriptions"), []],
  ["amending a signed note overwrites the original text, the audit trail only has the new version", "debug", mods("clinical-notes"), []],
  ["checked-in pets disappear from the waiting list when the receptionist reloads", "debug",  mods("appointments"),     []],
  ["invoices add VAT on the insurance excess",                                   "debug",     mods("billing"),          []],
  ["vaccination compliance report counts dead pets as overdue",                  "debug",     mods("reports"),          []],
  ["please audit everything for owner emails in logs",                           "analyze",   sys,                      []],
  ["The portal shows a dog as overdue for its booster. The booster was given yesterday and recorded with its batch.", "debug", mods("vaccinations"), []],
  ["lab result import: add support for the Antech lab format",                   "implement", mods("lab-results"),      []],
  ["write rspec tests for the recall scheduler",                                 "implement", mods("vaccinations"),     []],
];

// Airline crew rostering in Python, no spec files: a nested list of modules under the root CLAUDE.md's
// "Modules" heading (only Claude Code's settings in `.claude/`): data (schedule_import, crew_records,
// legality), planning (pairing, rostering, reserve), operations (tracking, swaps, hotels), interfaces
// (crew_app, payroll_export). On disk: src/crewline/legality/ftl.py, src/crewline/legality/cumulative.py,
// src/crewline/pairing/builder.py, src/crewline/rostering/solver.py, src/crewline/swaps/board.py,
// src/crewline/tracking/disruption.py, src/crewline/schedule_import/ssim.py,
// src/crewline/payroll_export/export.py, src/crewline/crew_records/qualifications.py, tests/test_rest_rules.py.
export const CREWLINE = tree("crewline");
export const CREWLINE_ROUTES: Route[] = [
  ["a captain got 10 hours rest at base between two duties",                    "debug",     mods("legality"),         []],
  ["Traceback (most recent call last):\n  File \"/srv/crewline/src/crewline/pairing/builder.py\", line 5, in build_pairings\n    candidates = [p for p in enumerate_trips(flights, bases) if legal(p)]\n  File \"/srv/crewline/src/crewline/pairing/builder.py\", line 10, in legal\n    return all(duty.length <= max_fdp(duty.report_hour, len(duty.sectors)) for duty in pairing.duties)\n  File \"/srv/crewline/src/crewline/legality/ftl.py\", line 8, in max_fdp\n    base = FDP_TABLE[report_local_hour]\nKeyError: 24", "debug", mods("legality"), []],
  ["SSIM import drops flights with an overnight arrival",                        "debug",     mods("schedule_import"),  []],
  ["the March roster gives the junior first officers all the weekends off",      "debug",     mods("rostering"),        []],
  ["pairings for the Belfast base start in Glasgow",                             "debug",     mods("pairing"),          []],
  ["why do we build pairings before rosters instead of rostering flights directly?", "analyze", mods("pairing", "rostering"), []],
  ["why does the trade board approve a swap that puts a pilot over 100 hours in 28 days?", "debug", mods("swaps", "legality"), []],
  ["crew with an expired medical still get rostered",                            "debug",     mods("rostering"),        []],
  ["speed up the monthly roster solve, it takes 6 hours for the cabin crew",     "optimize",  mods("rostering"),        []],
  ["review the planning layer for times compared in local time",                 "analyze",   layer("planning"),        []],
  ["refactor the operations layer so tracking, swaps and hotels use the same legality client", "refactor", layer("operations"), []],
  ["upgrade OR-Tools to 9.11 and Python to 3.13",                                "general",   sys,                      []],
  ["hotel bookings aren't cancelled when the pairing changes on the day",        "debug",     mods("hotels"),           []],
  ["the iCal feed shows report times in UTC",                                    "debug",     mods("crew_app"),         []],
  ["per diems for night stops in Faro are paid at the UK rate",                  "debug",     mods("payroll_export"),   []],
  ["home standby for Sunday at Exeter is 1 person when 6 called in sick last Sunday", "debug", mods("reserve"),         []],
  ["When a flight is delayed 3 hours the tracker doesn't warn that the crew runs out of duty time", "debug", mods("tracking"), []],
  ["add the split duty extension (ORO.FTL.220) to the FDP calculation",          "implement", mods("legality"),         []],
  ["tests/test_rest_rules.py fails with AssertionError on the at_base case",     "debug",     mods("legality"),         []],
  ["crew can pick up a trip on the trade board they're not type rated for",      "debug",     mods("swaps"),            []],
  ["how does a flight delay reach the crew's phone?",                            "analyze",   mods("tracking", "crew_app"), []],
  ["explain how seniority is used when two bids conflict",                       "analyze",   mods("rostering"),        []],
  ["Block hours in the payroll export are 1 hour short for flights on the night the clocks change", "debug", mods("payroll_export"), []],
  ["the type rating check says the A320 rating is current although the OPC expired last week", "debug", mods("crew_records"), []],
  ["pls add deadhead by taxi between Newquay and Exeter as a positioning option", "implement", mods("pairing"),          []],
  ["audit all modules for places that use datetime.now() without a timezone",    "analyze",   sys,                      []],
  ["Rostering: support part-time crew who fly 50% of the month",                 "implement", mods("rostering"),        []],
  ["the fatigue override for a known late arrival is ignored",                   "debug",     mods("legality"),         []],
  ["the reserve plan is too small on bank holidays. The sickness rate it uses is the monthly average, bank holidays are much higher.", "debug", mods("reserve"), []],
  ["pairing optimiser crashes on a schedule where a flight number is reused on two legs", "debug", mods("pairing"),     []],
  ["crew_records: add the new cabin crew attestation expiry",                    "implement", mods("crew_records"),     []],
  ["Why pilot get duty of 13 hours with 4 sectors starting at 6 am? the limit is 12", "debug", mods("legality"),        []],
  ["crew get called out from home standby for a flight that leaves in 40 minutes", "debug",   mods("tracking"),         []],
];
