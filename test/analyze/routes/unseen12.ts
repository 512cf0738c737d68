import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A thirteenth round of trees written apart from the router's tuning (quality-unseen12.test.ts), in
// domains none of the other sets has (a map tile server in Go, an iOS banking app in Swift, hospital
// outpatient and theatre scheduling in C#, a 3D-printing slicer in C++) and spec shapes again unlike
// theirs: no module spec files at all, the modules declared as lists under numbered layer subheadings of
// `.claude/CLAUDE.md` (`- \`mvt\` (\`internal/mvt/\`): ... Depends on projection.`); `<NAME>_AGENT.md`
// specs grouped in folders below numbered layers' modules/ (`02-services/modules/money/PAYMENTS_AGENT.md`)
// under a system table of layers; Claude Code subagents `.claude/agents/<id>-agent.md` placed by a
// `**Layer:**` line in their body, beside a `code-reviewer.md`, under the root CLAUDE.md; short
// `<name>.agent.md` specs with only `name:` front matter and a `- file:` line, their dependencies drawn as
// a Mermaid flowchart in the system spec. The requests were written, with their labels, before the router
// was run on them: tickets, Go panics, Swift crash reports, .NET exceptions, gdb backtraces, questions,
// review and audit asks, typos, "please", "and" lists, faults told only in the domain's words ("roads in
// Fiji are drawn across the whole world", "Confirmation of Payee says no match", "a night then a day shift
// with 8 hours between", "the elephant's foot is worse"), words of a display name used for another thing
// ("theatre utilisation" is a report, "the slicer" the app, "layer preview" the desktop app's), words two
// modules share (tiles, cache, category, DNA, clinic, infill), file paths and function names, multi-sentence
// requests whose second sentence holds the scope. The labels are a careful human's: the module that holds
// the fault's logic, not the screen it shows on.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Map tile server in Go, modules listed in `.claude/CLAUDE.md` under `### 1. Sources layer` ...: sources
// (projection, postgis, mbtiles, osm_import, elevation), render (mvt, raster, styles), serving (http_api,
// tile_cache "Tile Cache", seeder, cdn), operations (admin, metrics). On disk: internal/mvt/clip.go,
// internal/proj/tile.go, internal/cache/redis.go, internal/source/postgis/query.go, internal/seed/seed_test.go.
export const TESSERA = tree("tessera");
export const TESSERA_ROUTES: Route[] = [
  ["tiles at zoom 14 have hairline gaps along the tile edges in MapLibre",       "debug",     mods("mvt"),            []],
  ["panic: runtime error: slice bounds out of range [:-1]\n\ngoroutine 88 [running]:\ngithub.com/tessera-maps/tessera/internal/mvt.ClipRing({0xc000410000, 0x0, 0x0}, 0x1000, 0x40)\n\t/build/internal/mvt/clip.go:9 +0x2e4\ngithub.com/tessera-maps/tessera/internal/mvt.(*Encoder).Polygon(0xc0001c6000, {0xc000410000, 0x3, 0x3})\n\t/build/internal/mvt/encode.go:77 +0x11a", "debug", mods("mvt"), []],
  ["please add PMTiles v3 support, we only read v2 archives",                    "implement", mods("mbtiles"),        []],
  ["Roads in Fiji are drawn across the whole world at low zooms",                "debug",     mods("projection"),     []],
  ["the minutely diffs stopped applying after the osm2pgsql upgrade, the replication state is stuck at sequence 5912004", "debug", mods("osm_import"), []],
  ["hillshade has black squares along the coast",                                "debug",     mods("elevation"),      []],
  ["add a /styles/{id}/sprite@2x.png endpoint for retina sprite sheets",         "implement", mods("styles"),         []],
  ["cache hit ratio dropped to 20% since Tuesday",                               "debug",     mods("tile_cache"),     []],
  ["speed up seeding of zooms 0-12 for Europe, it takes three days",             "optimize",  mods("seeder"),         []],
  ["why do we purge the whole CDN when one layer's style changes?",              "analyze",   mods("cdn"),            []],
  ["the usage page in the admin console shows last month's numbers for this month", "debug",  mods("admin"),          []],
  ["render latency histogram needs a zoom label",                                "implement", mods("metrics"),        []],
  ["refactor the render layer so mvt and raster share one feature query interface", "refactor", layer("render"),      []],
  ["review the serving layer for cache poisoning through the Host header",       "analyze",   layer("serving"),       []],
  ["ETag changes on every request for the same tile so browsers never get a 304", "debug",    mods("http_api"),       []],
  ["raster labels are cut in half at tile boundaries",                           "debug",     mods("raster"),         []],
  ["TileJSON reports maxzoom 14 for the buildings layer but we serve it up to 16", "debug",   mods("http_api"),       []],
  ["internal/proj/tile.go: is Bounds wrong for y at zoom 0?",                    "debug",     mods("projection"),     []],
  ["polygons with holes render filled in Mapbox GL, the inner rings have the wrong winding order", "debug", mods("mvt"), []],
  ["ST_AsMVT query for the landuse layer takes 4s at zoom 8",                    "optimize",  mods("postgis"),        []],
  ["make the Redis TTL configurable per layer, not only per zoom",               "implement", mods("tile_cache"),     []],
  ["glyphs for Arabic labels are missing, the font range 1536-1791 returns 404", "debug",     mods("styles"),         []],
  ["audit the whole thing for SQL injection through layer parameters",           "analyze",   sys,                    []],
  ["Write tests for the TMS y flip",                                             "implement", mods("projection"),     []],
  ["a seeding job resumed after a crash re-renders tiles it already did",        "debug",     mods("seeder"),         []],
  ["how does a PMTiles archive in S3 end up served by the http handlers?",       "analyze",   mods("http_api", "mbtiles"), []],
  ["osm import: map the building:levels tag into a height column",               "implement", mods("osm_import"),     []],
  ["Clean up internal/cache, redis.go and disk.go duplicate the key logic",      "refactor",  mods("tile_cache"),     []],
  ["pprof endpoints are exposed without auth on the public port",                "debug",     mods("metrics"),        []],
  ["Fastly still serves yesterday's roads after a data refresh",                 "debug",     mods("cdn"),            []],
  ["ClipRing drops the points outside the buffer instead of cutting the edge",   "debug",     mods("mvt"),            []],
  ["bump Go to 1.23 and golangci-lint to v1.60 everywhere",                      "general",   sys,                    []],
  ["Rendering gets slow after a few hours. I think it's the Mapnik pool in the raster renderer.", "optimize", mods("raster"), []],
  ["hilshade tiles are compltely black over the alps",                           "debug",     mods("elevation"),      []],
];

// iOS banking app in Swift, `<NAME>_AGENT.md` grouped in folders under numbered layers, a system table of
// layers: 01-foundation (api_client "API Client", secure_store "Keychain Vault", feature_flags, design_system),
// 02-services (identity/: auth "Sign-in & Biometrics", kyc "Identity Check"; money/: accounts "Accounts &
// Balances", transactions "Transaction Feed", payments "Payments & Transfers", cards "Card Controls",
// notifications "Push Alerts"), 03-features (home/: home, insights "Spending Insights"; growth/: savings
// "Savings Pots", onboarding), 04-app (app_shell, widgets). On disk: Sources/Payments/TransferService.swift,
// Sources/Auth/SessionManager.swift, Sources/Networking/APIClient.swift, Tests/PaymentsTests/StandingOrderTests.swift.
export const POCKETBANK = tree("pocketbank");
const POCKETBANK_ALL_BUT_SHELL = mods("api_client", "secure_store", "feature_flags", "design_system", "auth", "kyc", "accounts",
  "transactions", "payments", "cards", "notifications", "home", "insights", "savings", "onboarding", "widgets");
export const POCKETBANK_ROUTES: Route[] = [
  ["Face ID is never offered again after the user cancels it once",             "debug",     mods("auth"),           []],
  ["Thread 0 Crashed:\n0   Payments     0x0000000104a3c2f8 TransferService.send(_:to:) + 412 (TransferService.swift:5)\n1   PocketBank   0x0000000104b1a0c4 SendMoneyViewModel.confirm() + 96 (SendMoneyViewModel.swift:88)\n2   libswift_Concurrency.dylib 0x00000001a1b2c3d4 completeTaskWithClosure(swift::AsyncContext*, swift::SwiftError*) + 1", "debug", mods("payments"), []],
  ["Confirmation of Payee says 'no match' for every business account",           "debug",     mods("payments"),       []],
  ["please add round-ups to a pot from Apple Pay payments too",                  "implement", mods("savings"),        []],
  ["balance on the widget is a day old until I open the app",                    "debug",     mods("widgets"),        []],
  ["Amounts show as 1.234,50 € when the phone is set to English",                "debug",     mods("design_system"),  []],
  ["freeze card toggle flips back after a second",                               "debug",     mods("cards"),          []],
  ["passport chip read fails on the iPhone 12 mini with 'tag connection lost'",  "debug",     mods("kyc"),            []],
  ["refactor the services layer to use async sequences instead of Combine publishers", "refactor", layer("02-services"), []],
  ["The transaction list stutters when scrolling past 500 items",               "optimize",  mods("transactions"),   []],
  ["merchant logos are missing for pending card payments",                       "debug",     mods("transactions"),   []],
  ["add a budget for eating out with an alert at 80%",                           "implement", mods("insights"),       []],
  ["session doesn't time out when the app sits in the background for 10 minutes", "debug",   mods("auth"),           []],
  ["deep link pocketbank://transfer?iban=DE89370400440532013000 opens the home tab instead of send money", "debug", mods("app_shell"), []],
  ["review everything except the app target for places that use Double for money", "analyze", POCKETBANK_ALL_BUT_SHELL, []],
  ["standing orders on the 31st skip February",                                  "debug",     mods("payments"),       []],
  ["Tests/PaymentsTests/StandingOrderTests.swift fails on CI since the time zone change", "debug", mods("payments"),  []],
  ["the push for money received opens a blank screen",                           "debug",     mods("notifications"),  []],
  ["show the interest earned on a pot per day, not only per month",              "implement", mods("savings"),        []],
  ["statement PDF for March is empty",                                           "debug",     mods("accounts"),       []],
  ["flags are fetched again every time the app comes to the foreground, cache them", "optimize", mods("feature_flags"), []],
  ["dark mode: the primary button text is black on dark grey",                   "debug",     mods("design_system"),  []],
  ["the API returns 409 on retried POSTs, looks like the idempotency key changes per retry", "debug", mods("api_client"), []],
  ["investigate why so many people drop off at the selfie step of onboarding",   "analyze",   mods("kyc", "onboarding"), []],
  ["Add Apple Wallet provisioning for the virtual card",                         "implement", mods("cards"),          []],
  ["keychain items aren't readable by the widget extension after a reinstall",   "debug",     mods("secure_store"),   []],
  ["Optimise app launch, cold start is 2.8s on an iPhone XR",                    "optimize",  mods("app_shell"),      []],
  ["the spending chart puts Uber under Transport one month and Eating out the next", "debug", mods("transactions"),   []],
  ["VoiceOver reads the balance as 'one two three four' instead of an amount",   "debug",     mods("design_system"),  []],
  ["explain how a card payment notification and the transaction feed get the same payment", "analyze", mods("notifications", "transactions"), []],
  ["bump the minimum iOS version to 17",                                         "general",   sys,                    []],
  ["Customers complain about alerts. The low balance alert fires after every coffee even above the threshold.", "debug", mods("notifications"), []],
];

// Hospital outpatient and theatre scheduling in C#, Claude Code subagents `.claude/agents/<id>-agent.md`
// placed by a `**Layer:**` line, root CLAUDE.md: records (patients "Patient Index", referrals "Referral
// Inbox", resources "Rooms & Equipment"), booking (clinics "Outpatient Clinics", theatres "Theatre Lists",
// waitlist "Waiting List", rostering "Staff Rota"), comms (letters "Appointment Letters", reminders "SMS
// Reminders", interop "HL7 / FHIR Interface"), apps (booking_office "Booking Office", patient_portal "Patient
// Portal", reporting "Activity Reports"). On disk: src/Wardline.Theatres/Scheduling/ListPlanner.cs,
// src/Wardline.Waitlist/RttClock.cs, src/Wardline.Reminders/ReminderJob.cs, tests/Wardline.Clinics.Tests/SlotGeneratorTests.cs.
export const WARDLINE = tree("wardline");
export const WARDLINE_ROUTES: Route[] = [
  ["Patients are getting reminder texts at 6am",                                 "debug",     mods("reminders"),      []],
  ["System.NullReferenceException: Object reference not set to an instance of an object.\n   at Wardline.Theatres.Scheduling.ListPlanner.Remaining(TimeSpan session, IReadOnlyList`1 cases, TimeSpan turnaround) in /src/src/Wardline.Theatres/Scheduling/ListPlanner.cs:line 6\n   at Wardline.Web.Pages.TheatreList.OnCaseDropped(CaseDto dto) in /src/src/Wardline.Web/Pages/TheatreList.razor.cs:line 112", "debug", mods("theatres"), []],
  ["two-week wait referrals land in the routine pile",                           "debug",     mods("referrals"),      []],
  ["the rota lets a registrar work a night then a day shift with 8 hours between", "debug",   mods("rostering"),      []],
  ["add a 'hybrid theatre' capability so vascular cases only go to theatre 4",   "implement", mods("resources"),      []],
  ["weeks waited is off by one for clocks that started on a Sunday",             "debug",     mods("waitlist"),       []],
  ["letters to GPs still go out with the old trust logo",                        "debug",     mods("letters"),        []],
  ["an A40 merge leaves the old patient's appointments orphaned",                "debug",     mods("patients"),       []],
  ["please make the clinic diary load faster, it takes 9 seconds for Dr Shah's clinics", "optimize", mods("booking_office"), []],
  ["SIU messages for moved appointments arrive at the PAS before the S12 for the new slot", "debug", mods("interop"), []],
  ["Refactor the comms layer so letters and reminders share one template engine", "refactor", layer("comms"),         []],
  ["review the apps layer for patient data in logs",                             "analyze",   layer("apps"),          []],
  ["the weekly RTT return is 30 patients lower than the waiting list shows",     "debug",     mods("reporting"),      []],
  ["Theatre utilisation counts the turnaround as touch time",                    "debug",     mods("reporting"),      []],
  ["list order should put children first but a 4-year-old was scheduled last",   "debug",     mods("theatres"),       []],
  ["the portal shows appointments in UTC, an hour early in summer",              "debug",     mods("patient_portal"), []],
  ["add study leave as a leave type with a yearly allowance",                    "implement", mods("rostering"),      []],
  ["Clinic cancellation moved everyone to the same new slot",                    "debug",     mods("clinics"),        []],
  ["estimated case durations ignore the surgeon's history for new consultants",  "debug",     mods("theatres"),       []],
  ["how do referrals end up on the waiting list?",                               "analyze",   mods("referrals", "waitlist"), []],
  ["DNA rate per clinic counts patients who cancelled by text as DNAs",          "debug",     mods("reporting"),      []],
  ["NHS number check rejects valid numbers whose check digit is 0",              "debug",     mods("patients"),       []],
  ["Write unit tests for the overbooking rules",                                 "implement", mods("clinics"),        []],
  ["fortnightly clinic templates generate slots every week, SlotGeneratorTests.FortnightlyTemplateSkipsOddWeeks fails", "debug", mods("clinics"), []],
  ["suspended patients still show up in the theatre pick-list",                  "debug",     mods("waitlist"),       []],
  ["swap Hangfire for Quartz in the reminders",                                  "refactor",  mods("reminders"),      []],
  ["e-RS rejects our FHIR Slot resources with a 422, 'Slot.schedule is required'", "debug",   mods("interop"),        []],
  ["Large print letters overflow onto a second page",                            "debug",     mods("letters"),        []],
  ["P2 patients breach before P4 ones get booked. Is the pick-list ordered by weeks waited only?", "debug", mods("waitlist"), []],
  ["the whole booking side is slow on Monday mornings",                          "optimize",  layer("booking"),       []],
  ["Add the on-call anaesthetist's bleep number to the printed theatre list",    "implement", mods("theatres"),       []],
  ["update the README with how to run the HL7 simulator",                        "general",   sys,                    []],
  ["reminedrs go out for canceled apointments",                                  "debug",     mods("reminders"),      []],
  ["Remaining() in ListPlanner goes negative when a case overruns",              "debug",     mods("theatres"),       []],
];

// 3D-printing slicer in C++, `<name>.agent.md` specs with `name:` front matter and a `- file:` line in
// numbered layers, dependencies drawn as a Mermaid flowchart in the system spec: 10_model (mesh_io "Model
// Import", mesh_repair "Mesh Repair", placement "Plate Arrangement"), 20_slicing (slicer "Layer Slicer",
// perimeters "Wall Generator", infill "Infill Patterns", supports "Support Generator"), 30_output (toolpath
// "Path Planner", gcode "G-code Writer", estimator "Print Time Estimator"), 40_app (gui "Desktop App",
// profiles "Printer Profiles", cli "extrudo-cli", connect "Printer Connect"). On disk: src/slicing/contours.cpp,
// src/perimeters/arachne/wall_tool.cpp, src/gcode/retract.cpp, src/model/stl_reader.cpp, tests/infill/test_gyroid.cpp.
export const EXTRUDO = tree("extrudo");
export const EXTRUDO_ROUTES: Route[] = [
  ["first layer is squished and the elephant's foot is worse than in Cura",      "debug",     mods("slicer"),         []],
  ["gyroid infill pokes through the top surface at 15%",                         "debug",     mods("infill"),         []],
  ["tree supports fuse to the model and won't come off",                         "debug",     mods("supports"),       []],
  ["seams are all over the place even with 'aligned'",                           "debug",     mods("perimeters"),     []],
  ["the print time estimate says 3h but the print takes 4h40 on my Ender 3",     "debug",     mods("estimator"),      []],
  ["please add Bambu Lab printers to printer connect",                           "implement", mods("connect"),        []],
  ["binary STL files with 'solid' in the header are read as ASCII and come out empty", "debug", mods("mesh_io"),      []],
  ["src/gcode/retract.cpp writes G1 E-0,8 with a comma on German systems",       "debug",     mods("gcode"),          []],
  ["layer preview slider skips every other layer with the mouse wheel",          "debug",     mods("gui"),            []],
  ["slicing a 300 MB 3MF takes five minutes, most of it in chaining segments",   "optimize",  mods("slicer"),         []],
  ["refactor the output layer so the estimator reads moves instead of parsing G-code text", "refactor", layer("30_output"), []],
  ["review the slicing layer for integer overflow in coord_t math",             "analyze",   layer("20_slicing"),    []],
  ["thin walls under 0.6mm disappear",                                           "debug",     mods("perimeters"),     []],
  ["add a cross-hatch infill pattern",                                           "implement", mods("infill"),         []],
  ["Auto-arrange puts parts off the bed on the Prusa MINI",                      "debug",     mods("placement"),      []],
  ["mesh repair fills the opening of an open-top vase",                          "debug",     mods("mesh_repair"),    []],
  ["a filament profile inherited from a vendor profile loses its temperature override", "debug", mods("profiles"),    []],
  ["extrudo-cli exits 0 when the model doesn't fit the bed",                     "debug",     mods("cli"),            []],
  ["Klipper: pressure advance is written before the start gcode so it gets reset", "debug",   mods("gcode"),          []],
  ["travel moves cross the walls and leave zits on the outside",                 "debug",     mods("toolpath"),       []],
  ["overhangs at 50 degrees get no supports though the threshold is 45",         "debug",     mods("supports"),       []],
  ["Import profiles from PrusaSlicer INI files",                                 "implement", mods("profiles"),       []],
  ["Thread 1 \"extrudo\" received signal SIGSEGV, Segmentation fault.\n0x00005555557a1b2c in extrudo::perimeters::WallTool::min_width (this=0x0) at /src/extrudo/src/perimeters/arachne/wall_tool.cpp:5\n#1  0x00005555557a3e10 in extrudo::perimeters::generate_walls (layer=...) at /src/extrudo/src/perimeters/generate.cpp:141", "debug", mods("perimeters"), []],
  ["bridges over holes droop, bridge detection doesn't seem to kick in",         "debug",     mods("perimeters"),     []],
  ["speed up the 3D view on big plates, it drops to 10 fps with 40 objects",     "optimize",  mods("gui"),            []],
  ["how do settings from the profile reach the G-code writer?",                  "analyze",   mods("profiles", "gcode"), []],
  ["ironing leaves grooves at the edges of the top surface",                     "debug",     mods("infill"),         []],
  ["why does the slicer retract on every travel inside infill when combing is on?", "analyze", mods("toolpath"),      []],
  ["clean up src/slicing/contours.cpp, chain_segments is 300 lines",             "refactor",  mods("slicer"),         []],
  ["mDNS discovery finds the printer but the upload times out at 99%",           "debug",     mods("connect"),        []],
  ["Update Clipper2 to 1.4",                                                     "general",   sys,                    []],
  ["rename coord_t to coord_nm across the slicing code",                         "refactor",  layer("20_slicing"),    []],
];
