import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A seventeenth round of trees written apart from the router's tuning (quality-unseen16.test.ts), in
// domains none of the other sets has (a hospital's shift roster in C#, a city bike-sharing scheme as a
// TypeScript monorepo, an audio plugin host in Rust, a wholesaler's data pipeline in Python) and spec
// shapes again unlike theirs: one `.claude/CLAUDE.md` written in German whose `## Module` section gives each
// module a `### shift` section with its purpose as prose and `- Files:`, `- Layer:`, `- Depends on:` items,
// modules named by everyday words (`shift`, `ward`, `leave`, `rules`, `calendar`, `pay`); Claude Code
// subagents with kebab-case ids (`ride-pricing-agent.md`) placed in layers by a table with a column per
// layer (`| Domain | Platform | Apps |`); layer specs whose Modules lists link specs kept in `docs/crates/`,
// under a system spec that orders the layers with arrows (`dsp → engine → plugins → app`), with common-word
// crates (`session`, `presets`, `graph`, `meters`, `editor`); module specs written in HTML (`<h2>Files</h2>`)
// in English, for a team that writes its tickets in German and Spanish. The requests were written, with
// their labels, before the router was run on them: tickets, .NET and JS stack traces, a Rust panic, a
// Python traceback, questions, review and audit asks, typos, English tickets on German specs and German
// and Spanish tickets on English specs, German compounds (`Rechnungsexport`, `Kundenstamm`), a module's
// word as a modifier ("the shift change email"), class and function names, CLI commands, "the X thing is
// broken", and one-word asks. The labels are a careful human's: the module that holds the fault's logic.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Hospital roster, German specs: core (staff, ward, rules, calendar), planning (shift, leave, swap, oncall,
// solver), portal (pay, notify, api, reports). On disk: src/Rota.Core/Wards/MinimumStaffing.cs,
// src/Rota.Core/Rules/RestPeriodRule.cs, src/Rota.Planning/Shifts/ShiftPlanner.cs,
// src/Rota.Planning/Leave/LeaveRequest.cs (DaysLeft), src/Rota.Planning/Solver/RosterSolver.cs,
// src/Rota.Portal/Pay/PayrollExport.cs (Run), src/Rota.Portal/Notify/ShiftChangedEmail.cs,
// src/Rota.Portal/Api/IcalFeed.cs.
export const ROTA = tree("rota");
export const ROTA_ROUTES: Route[] = [
  ["night shift allowance is missing on public holidays that fall on a Sunday",  "debug",     mods("pay"),            []],
  ["Resturlaub wird nicht ins nächste Jahr übertragen",                          "debug",     mods("leave"),          []],
  ["the shift change email is sent twice when a manager edits two shifts at once", "debug",   mods("notify"),         []],
  ["swap request can be accepted even though the nurse would get only 8 hours rest", "debug", mods("swap"),           []],
  ["System.InvalidOperationException: Sequence contains no elements\n   at Rota.Core.Wards.MinimumStaffing.For(Ward w, String shift) in /src/Rota.Core/Wards/MinimumStaffing.cs:line 1\n   at Rota.Planning.Solver.RosterSolver.Solve() in /src/Rota.Planning/Solver/RosterSolver.cs:line 1", "debug", mods("ward"), []],
  ["Dienstplan für Station 4B lässt sich nicht veröffentlichen",                  "debug",     mods("shift"),          []],
  ["add a 'Zwischendienst' (10:00-18:30) shift type",                            "implement", mods("shift"),          []],
  ["the solver puts the same nurse on 3 weekends in a row",                      "debug",     mods("solver"),         []],
  ["rules: 7 night shifts in a row are flagged although the 4th was a sick day", "debug",     mods("rules"),          []],
  ["iCal feed shows shifts one hour off since the clock change",                 "debug",     mods("api"),            []],
  ["Überstundenkonto in der Auswertung stimmt nicht für Teilzeitkräfte",          "debug",     mods("reports"),        []],
  ["Wie berechnet der Solver die Fairness bei Nachtdiensten?",                   "analyze",   mods("solver"),         []],
  ["upgrade to .NET 9 and EF Core 9",                                            "general",   sys,                    []],
  ["review the planning layer for places where DateTime.Now is used instead of the clock", "analyze", layer("planning"), []],
  ["Krankmeldung überschreibt genehmigten Urlaub nicht",                          "debug",     mods("leave"),          []],
  ["oncall: Einsätze während der Rufbereitschaft werden nicht als Arbeitszeit gezählt", "debug", mods("oncall"),      []],
  ["PayrollExport.Run crashes for December with 'month must be between 1 and 12'", "debug",   mods("pay"),            []],
  ["the app shows my remaining leave as 0 after login",                          "debug",     mods("leave"),          []],
  ["LeaveRequest.DaysLeft counts Saturdays as leave days",                       "debug",     mods("leave"),          []],
  ["add a push notification when a swap offer is accepted",                      "implement", mods("notify"),         []],
  ["speed up publishing the roster, it takes 40 seconds for a ward with 60 staff", "optimize", mods("shift"),         []],
  ["Mindestbesetzung für die Intensivstation nachts auf 3 setzen",                "implement", mods("ward"),           []],
  ["explain how a shift swap gets approved",                                     "analyze",   mods("swap"),           []],
  ["tests for RestPeriodRule pls",                                               "implement", mods("rules"),          []],
  ["Fronleichnam fehlt als Feiertag in Hessen",                                   "debug",     mods("calendar"),       []],
  ["the qualification 'Praxisanleitung' is lost when a contract is extended",   "debug",     mods("staff"),          []],
  ["the ward thing is broken, beds show 0 for every station",                   "debug",     mods("ward"),           []],
  ["refactor the core layer so rules and ward read contracts through one IStaffDirectory", "refactor", layer("core"), []],
  ["audit the whole rota for employee names in logs (DSGVO)",                    "analyze",   sys,                    []],
  ["Bereitschaftsdienst von Dr. Weber erscheint doppelt im Kalender-Feed",       "debug",     mods("api"),            []],
  ["add a leave calendar view for ward managers",                                "implement", mods("leave"),          []],
  ["why does the overtime report count on-call hours twice?",                    "debug",     mods("reports"),        []],
  ["Ruhezeit-Prüfung beim Tauschen fehlt",                                        "debug",     mods("swap"),           []],
  ["ShiftChangedEmail has the wrong ward name in the subject",                   "debug",     mods("notify"),         []],
  ["the portal's `ShiftPlanner.Publish` publishes the drafts of other wards too", "debug", mods("shift"),  []],
  ["add a ward filter to the overtime report",                                   "implement", mods("reports"),        []],
];

// Bike sharing, a pnpm monorepo with kebab-case packages placed by a column-per-layer table: domain
// (ride-pricing, dock-station, bike-fleet, rider-account), platform (unlock-flow, trip-tracker, battery-swap,
// payments, promo-codes, notifications, rebalancing), apps (rider-app, ops-console, partner-api). On disk:
// packages/ride-pricing/src/dayCap.ts (applyDayCap), packages/payments/src/capture.ts,
// packages/trip-tracker/src/closeRide.ts, packages/rider-app/src/screens/MapScreen.tsx,
// packages/partner-api/src/gbfs.ts, packages/battery-swap/src/swapList.ts.
export const SPOKES = tree("spokes");
export const SPOKES_ROUTES: Route[] = [
  ["day cap not applied when a ride crosses midnight",                           "debug",     mods("ride-pricing"),   []],
  ["Unlock times out after 20s even though the dock opened the lock",            "debug",     mods("unlock-flow"),    []],
  ["rider app: the running price on the ride screen freezes at 0,00 €",          "debug",     mods("rider-app"),      []],
  ["station shows 3 free slots on the map but all docks are full",               "debug",     mods("dock-station"),   []],
  ["GBFS station_status has num_bikes_available negative",                       "debug",     mods("partner-api"),    []],
  ["bikes under 20% battery still show up in the app",                           "debug",     mods("battery-swap"),   []],
  ["add an annual family membership for up to 4 riders",                         "implement", mods("rider-account"),  []],
  ["promo code FIRSTRIDE can be used twice by the same rider",                   "debug",     mods("promo-codes"),    []],
  ["Error: capture failed: PSP reference not found\n    at capture (packages/payments/src/capture.ts:1:20)\n    at closeRide (packages/trip-tracker/src/closeRide.ts:1:45)", "debug", mods("payments"), []],
  ["ride stays open when the bike is locked in a parking zone",                  "debug",     mods("trip-tracker"),   []],
  ["the rebalancing forecast is always zero on Mondays",                         "debug",     mods("rebalancing"),    []],
  ["ops console swap list page takes 12s to load",                               "optimize",  mods("ops-console"),    []],
  ["review the domain layer for floats used for money",                          "analyze",   layer("domain"),        []],
  ["explain the unlock flow",                                                    "analyze",   mods("unlock-flow"),    []],
  ["the receipt email has no route map for classic bikes",                       "debug",     mods("notifications"),  []],
  ["bump pnpm to 9 and React Native to 0.76",                                    "general",   sys,                    []],
  ["add Google Pay to the rider app",                                            "implement", mods("payments"),       []],
  ["refund from the ops console goes to the wallet instead of the card",         "debug",     mods("payments"),       []],
  ["dock-station: lock state fault is never cleared after the controller reboots", "debug",   mods("dock-station"),   []],
  ["battery health shows 100% for every battery",                                "debug",     mods("battery-swap"),   []],
  ["e-bike surcharge charged on classic bikes",                                  "debug",     mods("ride-pricing"),   []],
  ["the bike fleet thing is broken, bikes reported broken twice are still rentable", "debug", mods("bike-fleet"),     []],
  ["write tests for applyDayCap",                                                "implement", mods("ride-pricing"),   []],
  ["parking fee charged although the bike was returned to a dock",               "debug",     mods("ride-pricing"),   []],
  ["rebalancing van routes send two vans to the same station",                   "debug",     mods("rebalancing"),    []],
  ["audit all packages for phone numbers in logs",                               "analyze",   sys,                    []],
  ["refactor the platform layer so payments and promo-codes share one Money type", "refactor", layer("platform"),     []],
  ["partner api: add free_bike_status for e-bikes parked outside docks",         "implement", mods("partner-api"),    []],
  ["blocked riders can still unlock a bike",                                     "debug",     mods("unlock-flow"),    []],
  ["why is the pre-auth 10 EUR and not the price of the ride?",                  "analyze",   mods("payments"),       []],
  ["the ride still open reminder fires for rides that ended hours ago",          "debug",     mods("notifications"),  []],
  ["TypeError: Cannot read properties of undefined (reading 'lat')\n    at MapScreen (packages/rider-app/src/screens/MapScreen.tsx:1:30)", "debug", mods("rider-app"), []],
  ["add a tariff sheet parser for the new Lyon prices",                          "implement", mods("ride-pricing"),   []],
  ["first ride free promo doesnt apply when the rider signed up with a referral", "debug",    mods("promo-codes"),    []],
];

// An audio plugin host in Rust, layer specs linking specs in docs/crates/: dsp (resampler, meters, mixer),
// engine (graph, transport, midi, automation), plugins (vst3, clap, scanner, bridge), app (editor, session,
// presets, cli). On disk: crates/<id>/src/lib.rs, crates/meters/src/lufs.rs, crates/graph/src/pdc.rs,
// crates/vst3/src/state.rs, crates/session/src/autosave.rs, crates/presets/src/fxp.rs, crates/cli/src/main.rs.
export const TONEHOST = tree("tonehost");
export const TONEHOST_ROUTES: Route[] = [
  ["plugin delay compensation is off by one buffer when a send is used",         "debug",     mods("graph"),          []],
  ["CLAP plugins crash on load when the host runs at 192 kHz",                   "debug",     mods("clap"),           []],
  ["session autosave freezes the audio for 200ms",                               "debug",     mods("session"),        []],
  ["add MIDI learn to the mixer faders",                                         "implement", mods("midi"),           []],
  ["LUFS meter reads 3 dB too high on mono tracks",                              "debug",     mods("meters"),         []],
  ["thread '<unnamed>' panicked at crates/resampler/src/lib.rs:1:22:\nindex out of bounds: the len is 64 but the index is 64", "debug", mods("resampler"), []],
  ["scanner blocklists plugins that merely took longer than 10 s",               "debug",     mods("scanner"),        []],
  ["the editor window of Serum is tiny on a 4K screen",                          "debug",     mods("editor"),         []],
  ["loop range drifts by a few samples each pass",                               "debug",     mods("transport"),      []],
  ["automation of the cutoff jumps instead of ramping between points",           "debug",     mods("automation"),     []],
  ["add a preset file parser for .nksf",                                         "implement", mods("presets"),        []],
  ["add a session file importer for Reaper .rpp projects",                       "implement", mods("session"),        []],
  ["review the engine layer for allocations on the audio thread",                "analyze",   layer("engine"),        []],
  ["refactor the plugins layer so vst3 and clap share one parameter queue",      "refactor",  layer("plugins"),       []],
  ["tonehost render --session live.tonehost --out mix.wav writes silence",       "debug",     mods("cli"),            []],
  ["how does a note from a MIDI keyboard reach a VST3 instrument?",              "analyze",   mods("midi", "graph", "vst3"), []],
  ["bridge: after a plugin crash the restarted plugin loses its state",          "debug",     mods("bridge"),         []],
  ["Vst3Plugin state chunk restore fails for Kontakt",                           "debug",     mods("vst3"),           []],
  ["upgrade cpal to 0.16 and egui to 0.29",                                      "general",   sys,                    []],
  ["pan law -3dB sums mono to +3 dB on the master",                              "debug",     mods("mixer"),          []],
  ["tempo changes mid-bar put the musical position off for plugins",             "debug",     mods("transport"),      []],
  ["listing audio devices with `tonehost devices` takes 8 seconds",              "optimize",  mods("cli"),            []],
  ["audit everything for unsafe blocks without a SAFETY comment",               "analyze",   sys,                    []],
  ["the graph order is wrong when a bus feeds back into a send",                 "debug",     mods("graph"),          []],
  ["write tests for PeakMeter hold",                                             "implement", mods("meters"),         []],
  ["the meters thing is broken: clip light never resets",                        "debug",     mods("meters"),         []],
  ["MIDI clock out jitters by 2 ms at 128 bpm",                                  "debug",     mods("midi"),           []],
  ["favourite presets are lost after a restart",                                 "debug",     mods("presets"),        []],
  ["why does the resampler add 64 samples of latency?",                          "analyze",   mods("resampler"),      []],
  ["plugin scan takes 4 minutes with 900 plugins, parallelise it",               "optimize",  mods("scanner"),        []],
  ["recovery after a crash opens an empty project",                              "debug",     mods("session"),        []],
  ["perf",                                                                       "optimize",  sys,                    []],
  ["EditorWindow stays on top even when the host is minimised on macOS",         "debug",     mods("editor"),         []],
  ["`Blocklist` matches plugin ids case-sensitively, so Pro-Q is blocked and pro-q isn't", "debug", mods("scanner"),   []],
  ["in the app layer `PresetStore` drops favourites on save",                   "debug",     mods("presets"),        []],
  ["the cli should print the session file path after a render",                 "implement", mods("cli"),            []],
];

// A wholesaler's data pipeline in Python, module specs in HTML and English, tickets in German and Spanish:
// ingest (sftp_drop, shop_sync, erp_extract), transform (dedupe, fx_rates, invoice_lines, customer_master,
// product_catalog), publish (invoice_export, warehouse_load, dashboards, alerts, scheduler). On disk:
// caudal/<layer>/<id>/*.py (invoice_export/datev.py export_datev, invoice_export/sii.py,
// invoice_lines/normalise.py normalise_lines, fx_rates/ecb.py, scheduler/dags.py), tests/test_datev.py.
export const CAUDAL = tree("caudal");
export const CAUDAL_ROUTES: Route[] = [
  ["Rechnungsexport nach DATEV bricht ab wenn ein Kunde keine USt-IdNr hat",     "debug",     mods("invoice_export"), []],
  ["El envío al SII falla con el error 1117 para facturas rectificativas",       "debug",     mods("invoice_export"), []],
  ["Wechselkurs am Wochenende ist 0",                                             "debug",     mods("fx_rates"),       []],
  ["los tipos de cambio del fin de semana usan el lunes en vez del viernes",     "debug",     mods("fx_rates"),       []],
  ["Doppelte Bestellungen aus Shopify und SAP im Umsatz",                        "debug",     mods("dedupe"),         []],
  ["Lieferantendatei von Bosch wird mit falschen Umlauten eingelesen",           "debug",     mods("sftp_drop"),      []],
  ["añadir un nuevo proveedor con su mapeo de columnas",                         "implement", mods("sftp_drop"),      []],
  ["Kundenstamm: zwei Kunden mit derselben USt-IdNr werden nicht zusammengeführt", "debug",   mods("customer_master"), []],
  ["Traceback (most recent call last):\n  File \"/opt/airflow/caudal/transform/invoice_lines/normalise.py\", line 2, in normalise_lines\n    return lines\nKeyError: 'vat_rate'", "debug", mods("invoice_lines"), []],
  ["la carga a BigQuery duplica la partición cuando se relanza el DAG",          "debug",     mods("warehouse_load"), []],
  ["Der nächtliche Lauf startet seit der Zeitumstellung um 3 Uhr statt um 2 Uhr", "debug",    mods("scheduler"),      []],
  ["Slack-Alarm kommt nicht, wenn die Summen nicht mit SAP übereinstimmen",      "debug",     mods("alerts"),         []],
  ["Marge pro Warengruppe im Dashboard ist negativ bei Gutschriften",            "debug",     mods("dashboards"),     []],
  ["EAN mapping for supplier Fagor maps boxes of 6 to single pieces",            "debug",     mods("product_catalog"), []],
  ["shop_sync pierde pedidos cuando hay más de 250 en una página",               "debug",     mods("shop_sync"),      []],
  ["SAP Service Layer Session läuft nach 30 Minuten ab und der Extrakt bricht ab", "debug",   mods("erp_extract"),    []],
  ["review the transform layer for float money",                                 "analyze",   layer("transform"),     []],
  ["¿cómo se calcula el IVA por línea?",                                          "analyze",   mods("invoice_lines"),  []],
  ["Airflow auf 2.10 und pandas auf 2.2 aktualisieren",                          "general",   sys,                    []],
  ["make the SAP extract faster, it takes 3 hours for the invoices table",       "optimize",  mods("erp_extract"),    []],
  ["VIES-Prüfung der USt-IdNr dauert ewig, 20 Minuten für 8000 Kunden",          "optimize",  mods("customer_master"), []],
  ["Refactor publish layer: dashboards and alerts should read the same totals query", "refactor", layer("publish"),   []],
  ["tests für export_datev mit Gutschriften schreiben",                          "implement", mods("invoice_export"), []],
  ["prüfe die gesamte Pipeline auf personenbezogene Daten in Logs",               "analyze",   sys,                    []],
  ["add the Austrian shop (at) to the order sync",                               "implement", mods("shop_sync"),      []],
  ["die Rechnungszeilen haben den falschen Steuerschlüssel für innergemeinschaftliche Lieferungen", "debug", mods("invoice_lines"), []],
  ["warum schlägt der Datenqualitäts-Check für Nullwerte jeden Montag fehl?",    "debug",     mods("alerts"),         []],
  ["el informe de cuentas por cobrar no incluye las facturas de Núremberg",      "debug",     mods("dashboards"),     []],
  ["DuckDB se queda sin memoria al deduplicar facturas de proveedores",          "debug",     mods("dedupe"),         []],
  ["the invoice export failure email goes out even when the export succeeded",   "debug",     mods("alerts"),         []],
  ["Umsatz nach Region zeigt Valencia doppelt",                                  "debug",     mods("dashboards"),     []],
  ["explain how a supplier invoice gets from the SFTP folder to DATEV",          "analyze",   mods("sftp_drop", "invoice_lines", "invoice_export"), []],
  ["Gutschriften fehlen im Rechnungsexport",                                     "debug",     mods("invoice_export"), []],
];
