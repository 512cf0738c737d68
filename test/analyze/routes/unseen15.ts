import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A sixteenth round of trees written apart from the router's tuning (quality-unseen15.test.ts), in
// domains none of the other sets has (an airline's flight booking engine in Kotlin, multi-storey car
// parks in Go, an e-learning platform in Django whose specs are written in German, a home energy monitor
// of Rust firmware, TypeScript services and a React Native app) and spec shapes again unlike theirs:
// numbered layer folders (`.claude/layers/01-domain/modules/OFFER_AGENT.md`) whose modules are everyday
// words (`offer`, `order`, `schedule`, `search`, `payment`); an `AGENTS.md` in each Go service folder placed
// in layers by the root AGENTS.md's Package/Layer table, with modules called `queue`, `session` and `report`;
// flat `.claude/modules/<app>.md` rules files with `description:`, `globs:`, `layer:` and `depends_on:`
// front matter and German prose under a CLAUDE.md that lists the layers (`basis`, `lernen`, `betrieb`) in
// German; Claude Code subagents placed by a layer table of `.claude/CLAUDE.md` where the product's name is
// also a module's (`lumen`, the hub's firmware) and a layer and a module are both called `app`. The
// requests were written, with their labels, before the router was run on them: tickets, Kotlin exceptions,
// Go panics, Python tracebacks, a Rust panic, questions, review and audit asks, typos, "and" lists, German
// tickets and questions, faults told only in the domain's words ("we overbook the Q class beyond the RM
// limit", "day maximum is not applied if the stay crosses midnight", "kettle detected as the oven"), file
// paths and function names, multi-sentence requests whose second sentence holds the scope, non-native
// phrasing, and one-word asks ("tests", "perf?"). The labels are a careful human's: the module that holds
// the fault's logic, not the screen it shows on.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Flight booking in Kotlin, numbered layers: 01-domain (schedule, fares, availability, seatmap),
// 02-distribution (offer, order, ticketing, payment, ancillaries), 03-channels (search, agency_gateway,
// checkin, notifications). On disk: src/main/kotlin/skyfare/<module>/ (OfferBuilder.kt, OfferStore.kt,
// OrderService.kt, OrderChange.kt, TaxCalculator.kt, FareRuleEngine.kt, SsimLoader.kt, TicketIssuer.kt,
// RefundService.kt, BoardingPass.kt); the agency gateway's folder is `agency/`.
export const SKYFARE = tree("skyfare");
export const SKYFARE_ROUTES: Route[] = [
  ["offer expired after 5 minutes instead of 20, customer lost the price",        "debug",     mods("offer"),          []],
  ["java.lang.IllegalStateException: offer OF-7731 already ordered\n\tat skyfare.order.OrderService.create(OrderService.kt:3)\n\tat skyfare.agency.NdcEndpoint.orderCreate(NdcEndpoint.kt:88)\n\tat io.ktor.server.routing.RoutingRoot.executeResult(RoutingRoot.kt:190)", "debug", mods("order"), []],
  ["YQ surcharge is added twice on the return leg for LHR-DUB",                  "debug",     mods("fares"),          []],
  ["Add a Flex Plus bundle with free date change and lounge access",             "implement", mods("offer"),          []],
  ["seat 12A shows free on the seat map but check-in says it's taken",           "debug",     mods("seatmap"),        []],
  ["booking reference sometimes has an O and a 0 which agents confuse, drop those letters", "implement", mods("order"), []],
  ["refund of a cancelled order goes to the card in EUR although the sale was in GBP", "debug", mods("payment"),      []],
  ["why does the low fare calendar show €39 for a day where search returns nothing?", "debug", mods("search"),        []],
  ["Order change charges the change penalty even for Flex fares",                "debug",     mods("fares"),          []],
  ["perf?",                                                                      "optimize",  sys,                    []],
  ["AirShopping responses take 4 seconds for a 3-leg itinerary because building the offers is slow", "optimize", mods("offer"), []],
  ["SSIM import skips flights that operate only on day 7",                       "debug",     mods("schedule"),       []],
  ["minimum connecting time at DUB is ignored, we sold a 25 min connection",     "debug",     mods("schedule"),       []],
  ["Agencies get commission on the taxes too, should be on the base fare only",  "debug",     mods("agency_gateway"), []],
  ["boarding pass PDF has the wrong date for flights leaving after midnight",    "debug",     mods("checkin"),        []],
  ["we overbook the Q class beyond the RM limit on the Friday 18:00 LCY flight", "debug",     mods("availability"),   []],
  ["Please add pets in cabin for the ATR routes",                                "implement", mods("ancillaries"),    []],
  ["review the distribution layer for places where a Double holds money",        "analyze",   layer("02-distribution"), []],
  ["refactor 01-domain so fares and availability read the schedule through one FlightLeg repository", "refactor", layer("01-domain"), []],
  ["how does an offer become a ticket?",                                         "analyze",   mods("offer", "order", "ticketing"), []],
  ["schedule change email is sent in English to German travellers",             "debug",     mods("notifications"),  []],
  ["Void of a ticket after 23 hours fails with a BSP error, it should be allowed within 24h", "debug", mods("ticketing"), []],
  ["Upgrade Ktor to 3.0 and Kotlin to 2.1",                                      "general",   sys,                    []],
  ["bag price is higher in the app than on the website for the same route",     "debug",     mods("ancillaries"),    []],
  ["Customers cannot check in online for codeshare flights. The passenger list sent to the DCS is missing them.", "debug", mods("checkin"), []],
  ["3DS challenge never completes on Safari so the payment is stuck pending",    "debug",     mods("payment"),        []],
  ["search for 2 adults 1 infant returns offers priced for 3 adults",            "debug",     mods("offer"),          []],
  ["explain how nesting of booking classes works",                               "analyze",   mods("availability"),   []],
  ["src/main/kotlin/skyfare/fares/TaxCalculator.kt uses the flight date instead of the sale date for the APD change", "debug", mods("fares"), []],
  ["the order stays in status created forever when ticketing fails",            "debug",     mods("order"),          []],
  ["can u make the offer expiry configurable per market pls",                    "implement", mods("offer"),          []],
  ["audit everything for passport numbers in logs",                              "analyze",   sys,                    []],
  ["The search is slow. Mostly the availability lookup, it hits Postgres for each leg instead of the Redis cache.", "optimize", mods("availability"), []],
  ["write unit tests for OrderChange.reprice",                                   "implement", mods("order"),          []],
  ["ticket reissue after a name change keeps the old name on the EMD",           "debug",     mods("ticketing"),      []],
];

// Car parks in Go, an AGENTS.md in each `services/<package>/` placed by the root AGENTS.md's table: edge
// (lanes, plates, kiosk, queue), core (session, tariff, permits, reservations, occupancy), back-office
// (payment, report, ev_charging). On disk: services/session/session.go (Open, Close), services/session/grace.go,
// services/tariff/price.go, services/tariff/bands.go (bandFor), services/plates/match.go (Normalise,
// MatchAtExit), services/queue/outbox.go, services/lanes/barrier.go, services/occupancy/count.go,
// services/report/daily.go, services/payment/capture.go, services/kiosk/lost.go, services/permits/count.go,
// services/reservations/noshow.go, services/ev_charging/idle.go.
export const GARAGIO = tree("garagio");
export const GARAGIO_ROUTES: Route[] = [
  ["car park shows FULL on the sign but level 3 is half empty",                  "debug",     mods("occupancy"),      []],
  ["panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6a1f2c]\n\ngoroutine 41 [running]:\ngithub.com/garagio/garagio/services/session.Close(0x1d2f, {0xc0001a2, 0x6})\n\t/app/services/session/session.go:7 +0x2c\ngithub.com/garagio/garagio/services/lanes.onLoop(...)\n\t/app/services/lanes/barrier.go:3 +0x91", "debug", mods("session"), []],
  ["barrier doesn't open at the exit when the plate read is low confidence",     "debug",     mods("plates"),         []],
  ["queue: commands older than 30s are still sent after MQTT reconnects",        "debug",     mods("queue"),          []],
  ["the daily report is missing the app payments",                               "debug",     mods("report"),         []],
  ["report shows yesterday's revenue twice on the first day of the month",       "debug",     mods("report"),         []],
  ["session not closed when the car leaves during the grace period",             "debug",     mods("session"),        []],
  ["add a night rate from 18:00 to 08:00 for the Harbour car park",              "implement", mods("tariff"),         []],
  ["day maximum is not applied if the stay crosses midnight",                    "debug",     mods("tariff"),         []],
  ["customers were charged for 61 minutes when they stayed 59",                  "debug",     mods("tariff"),         []],
  ["a resident with 3 plates on his permit gets refused when he comes with the 3rd car", "debug", mods("permits"),    []],
  ["lost ticket at the pay station charges 2 days maximum instead of 1",         "debug",     mods("kiosk"),          []],
  ["refunds for a double payment at the pay station never reach the card",       "debug",     mods("payment"),        []],
  ["pre-booked space is given away at 10:15 for a booking starting 10:00",       "debug",     mods("reservations"),   []],
  ["speed up the plate match at exit, it takes 2 s with 4000 open sessions",     "optimize",  mods("plates"),         []],
  ["tests",                                                                      "implement", sys,                    []],
  ["Idle fee is charged while the car is still charging at 7kW",                 "debug",     mods("ev_charging"),    []],
  ["review the core layer for float money",                                      "analyze",   layer("core"),          []],
  ["how does a plate read at the entry become a session?",                       "analyze",   mods("lanes", "plates", "session"), []],
  ["When the MQTT broker restart the barrier stay closed. Queue dont resend the open command.", "debug", mods("queue"), []],
  ["plates with spaces like 'AB12 CDE' don't match the permit",                  "debug",     mods("plates"),         []],
  ["Add Apple Pay to the pay station card terminal",                             "implement", mods("payment"),        []],
  ["export the daily report as Excel too",                                       "implement", mods("report"),         []],
  ["duplicate entry when a car drives out through the entry lane by mistake and comes back", "debug", mods("session"), []],
  ["services/tariff/bands.go bandFor returns band 0 for minute 60",              "debug",     mods("tariff"),         []],
  ["permit holders inside are above the contract number for ACME staff",         "debug",     mods("permits"),        []],
  ["upgrade Go to 1.23 and paho mqtt to v1.5",                                   "general",   sys,                    []],
  ["motorbikes pay the car rate",                                                "debug",     mods("tariff"),         []],
  ["night recount at 3am sets level 2 to 0 cars",                                "debug",     mods("occupancy"),      []],
  ["explain why commands go through an outbox table instead of straight to MQTT", "analyze",  mods("queue"),          []],
  ["migrate the payment package from the Stripe charges API to PaymentIntents",  "refactor",  mods("payment"),        []],
  ["audit all services for plates written to logs, GDPR",                        "analyze",   sys,                    []],
  ["fix the lost ticket price and the missing VAT number on pay station receipts", "debug",   mods("kiosk"),          []],
  ["receipt printed by the pay station has no VAT number",                       "debug",     mods("kiosk"),          []],
  ["After paying in the app the driver still waits at the exit. The payment is not matched to the session.", "debug", mods("payment"), []],
];

// E-learning in Django with German specs, `.claude/modules/<app>.md` (`layer:` in front matter): basis
// (accounts, catalog), lernen (enrolment, lessons, quizzes, grading, progress, certificates), betrieb
// (forum, billing, notifications, reports). On disk: lernwerk/grading/scoring.py (passed),
// lernwerk/progress/compute.py, lernwerk/certificates/pdf.py, lernwerk/enrolment/services.py (enrol),
// lernwerk/lessons/player.py, lernwerk/quizzes/pool.py, lernwerk/billing/invoices.py,
// lernwerk/notifications/tasks.py, tests/test_grading.py.
export const LERNWERK = tree("lernwerk");
export const LERNWERK_ROUTES: Route[] = [
  ["Zertifikat wird nicht erstellt, obwohl der Kurs zu 100 % abgeschlossen ist",  "debug",     mods("certificates"),   []],
  ["Fortschritt bleibt bei 90 % stehen, obwohl alle Lektionen angesehen wurden",  "debug",     mods("progress"),       []],
  ["Teilpunkte bei Mehrfachauswahl werden falsch berechnet",                      "debug",     mods("grading"),        []],
  ["Bitte einen Export der Abschlussquote als PDF hinzufügen",                    "implement", mods("reports"),        []],
  ["video resumes at the start instead of where I stopped",                      "debug",     mods("lessons"),        []],
  ["Traceback (most recent call last):\n  File \"/app/lernwerk/grading/scoring.py\", line 2, in passed\n    return attempt.score >= course.pass_mark\nAttributeError: 'Course' object has no attribute 'pass_mark'", "debug", mods("grading"), []],
  ["Gutscheincode vom Arbeitgeber wird bei der Einschreibung abgelehnt",          "debug",     mods("enrolment"),      []],
  ["waiting list doesn't move up when someone unenrols",                         "debug",     mods("enrolment"),      []],
  ["invoice for companies shows 16% VAT",                                        "debug",     mods("billing"),        []],
  ["Quiz zieht immer dieselben Fragen aus dem Pool",                              "debug",     mods("quizzes"),        []],
  ["the reminder after 7 days is sent to people who finished the course",       "debug",     mods("notifications"),  []],
  ["SAML login from Siemens fails with 'invalid audience'",                      "debug",     mods("accounts"),       []],
  ["add a dark mode to the video player",                                        "implement", mods("lessons"),        []],
  ["Kann man die Bestehensgrenze pro Test statt pro Kurs einstellen?",           "implement", mods("grading"),        []],
  ["review the lernen layer for N+1 queries",                                    "analyze",   layer("lernen"),        []],
  ["Die Kurssuche ist langsam bei 5000 Kursen",                                   "optimize",  mods("catalog"),        []],
  ["why does the certificate QR code point to localhost?",                       "debug",     mods("certificates"),   []],
  ["forum: mentions with @ don't notify the person",                             "debug",     mods("forum"),          []],
  ["refund within 14 days does not work for courses paid by PayPal",             "debug",     mods("billing"),        []],
  ["Untertitel werden in Firefox nicht angezeigt",                                "debug",     mods("lessons"),        []],
  ["upgrade Django to 5.1 and Celery to 5.4",                                    "general",   sys,                    []],
  ["Wie wird der Lernfortschritt berechnet?",                                     "analyze",   mods("progress"),       []],
  ["the weekly learning time counts the time the video was paused",             "debug",     mods("progress"),       []],
  ["lernwerk/enrolment/services.py enrol() should check the voucher belongs to the course", "debug", mods("enrolment"), []],
  ["Refactor the betrieb layer so billing and reports share one money formatter", "refactor", layer("betrieb"),       []],
  ["Umsatz je Monat in der Auswertung zeigt den falschen Monat",                  "debug",     mods("reports"),        []],
  ["teachers cant grade submissions when the course has more than 200 participants, the page times out", "optimize", mods("grading"), []],
  ["How does a quiz attempt end up on the certificate?",                         "analyze",   mods("quizzes", "grading", "progress", "certificates"), []],
  ["Kurs veröffentlichen geht nicht, der Button ist grau",                        "debug",     mods("catalog"),        []],
  ["password reset link is expired immediately",                                 "debug",     mods("accounts"),       []],
  ["audit the whole platform for personal data in Celery task arguments",       "analyze",   sys,                    []],
  ["Warum werden Erinnerungen nachts um 3 Uhr verschickt?",                       "debug",     mods("notifications"),  []],
];

// A home energy monitor, Claude Code subagents `.claude/agents/<id>-agent.md` placed by `.claude/CLAUDE.md`'s
// table: device (lumen, clamps, zigbee, ota), cloud (ingest, usage, tariffs, solar, battery, insights,
// alerts), app (app, households). The product is Lumen; the `lumen` module is the hub's firmware main loop
// and uplink. On disk: firmware/src/main.rs, firmware/src/uplink/mqtt.rs, firmware/src/clamps/rms.rs,
// firmware/src/zigbee/cad.rs, firmware/src/ota/partition.rs, cloud/src/ota/rollout.ts,
// cloud/src/ingest/sequence.ts, cloud/src/usage/rollup.ts, cloud/src/tariffs/agile.ts, cloud/src/tariffs/cost.ts,
// cloud/src/solar/solaredge.ts (pollSolarEdge), cloud/src/battery/schedule.ts, cloud/src/insights/appliances.ts,
// cloud/src/alerts/budget.ts, cloud/src/households/invites.ts, app/src/screens/LiveDial.tsx.
export const LUMEN = tree("lumen");
export const LUMEN_ROUTES: Route[] = [
  ["Lumen app shows 0 W on the live dial while the kettle is on",                "debug",     mods("app"),            []],
  ["the hub stops uploading after Wi-Fi drops and never catches up",             "debug",     mods("lumen"),          []],
  ["thread 'main' panicked at firmware/src/clamps/rms.rs:1:55:\nattempt to divide by zero\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "debug", mods("clamps"), []],
  ["Agile prices for tomorrow are missing when Octopus publishes late",         "debug",     mods("tariffs"),        []],
  ["on the clock change day 2 half-hours are missing from the day's usage",     "debug",     mods("usage"),          []],
  ["battery charges at 17:30 which is the most expensive slot",                  "debug",     mods("battery"),        []],
  ["the Lumen app takes 10 seconds to open the usage chart for a whole year",   "optimize",  mods("usage"),          []],
  ["Add GivEnergy AC-coupled battery support",                                   "implement", mods("battery"),        []],
  ["we get 3 'high price period' alerts in one hour",                            "debug",     mods("alerts"),         []],
  ["OTA rolled out to 100% of hubs though the rollout was set to 10%",           "debug",     mods("ota"),            []],
  ["readings are duplicated after a hub comes back online",                      "debug",     mods("ingest"),         []],
  ["kettle detected as the oven",                                                "debug",     mods("insights"),       []],
  ["add Enphase Envoy local API support",                                        "implement", mods("solar"),          []],
  ["Review the device layer for blocking calls in the main loop",                "analyze",   layer("device"),        []],
  ["refactor the cloud layer so tariffs, battery and alerts read prices through one cache", "refactor", layer("cloud"), []],
  ["how does a reading get from the hub to the usage chart?",                    "analyze",   mods("lumen", "ingest", "usage"), []],
  ["pairing with the smart meter fails with a valid install code from British Gas", "debug",  mods("zigbee"),         []],
  ["gas readings come every hour instead of every 30 minutes",                   "debug",     mods("zigbee"),         []],
  ["clamps and zigbee: log the raw values at debug level",                      "implement", mods("clamps", "zigbee"), []],
  ["calibration for 100A clamps is off by 8%",                                   "debug",     mods("clamps"),         []],
  ["invite to share a home goes to the wrong email when the address has a plus sign", "debug", mods("households"),   []],
  ["moving a hub to a new home takes the old home's history with it",           "debug",     mods("households"),     []],
  ["upgrade esp-idf to 5.3 and React Native to 0.76",                            "general",   sys,                    []],
  ["Lumen: write tests for the rollup of half-hours on DST days",                "implement", mods("usage"),          []],
  ["why does the baseload include the fridge?",                                  "analyze",   mods("insights"),       []],
  ["The Lumen hub reboots every few hours when the buffer is full",              "debug",     mods("lumen"),          []],
  ["audit Lumen for tokens in logs",                                             "analyze",   sys,                    []],
  ["Lumen shows export as import for customers with a battery",                 "debug",     mods("usage"),          []],
  ["home battery reserve drops to 0% during a power cut",                        "debug",     mods("battery"),        []],
  ["cloud/src/solar/solaredge.ts pollSolarEdge gets 429 from SolarEdge every morning", "debug", mods("solar"),        []],
  ["usage rollup nightly job takes 3 hours now, make it faster",                 "optimize",  mods("usage"),          []],
  ["Onboarding a new hub by Bluetooth hangs on Android 14",                      "debug",     mods("app"),            []],
  ["what happens when the hub can't reach the cloud for a week?",               "analyze",   mods("lumen"),          []],
  ["the standing charge is counted twice in the monthly cost",                   "debug",     mods("tariffs"),        []],
];
