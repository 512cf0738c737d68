import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A third round of trees written apart from the router's tuning (quality-unseen3.test.ts), in
// domains none of the other sets has (parcel delivery, a compiler, video streaming, a
// spreadsheet) and spec styles again unlike theirs: purposes under "Scope" and "What it
// does", owned folders in `**Owns**`, dependencies under "Uses", numbered emoji headings,
// display names in front matter (`name: Formula Engine`), specs of three lines. The requests
// were written, with their labels, before the router was run on them, as different people
// write: tickets, pasted tracebacks and panics, questions, a layer by a synonym ("the middle
// end", "the user-facing apps"), a module by its display name or a file:line, typos, several
// modules, "everything except X", "you"/"can you". The labels are a careful human's.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Same-day parcel delivery in Python: layers core (consignment, depot, geo), planning
// (route_opt, rostering, eta), channels (driver_app, ops_console, partner_api, tracking_page),
// integrations (carrier_bridge, sms_gw). Front matter `owns`/`depends_on`, purpose under "Scope".
export const COURIER = tree("courier");
const COURIER_ALL_BUT_INTEGRATIONS = mods("consignment", "depot", "geo", "route_opt", "rostering", "eta", "driver_app", "ops_console", "partner_api", "tracking_page");
export const COURIER_ROUTES: Route[] = [
  ["drivers can't mark a parcel delivered when they have no signal",  "debug",     mods("driver_app"),     []],
  ["the arrival window in the text says 14:00-15:00 but the van came at 17:40", "debug", mods("eta"),       []],
  ["Add a 'leave in the garage' option to the recipient's delivery preferences", "implement", mods("tracking_page"), []],
  ["route optimizer ignores the 30 kg van capacity",                   "debug",     mods("route_opt"),      []],
  ["Since Monday's deploy the nightly planning job dies.\nTraceback (most recent call last):\n  File \"courier/planning/route_opt.py\", line 214, in plan_tours\n    solution = routing.SolveWithParameters(params)\nSystemError: <built-in function RoutingModel_SolveWithParameters> returned NULL without setting an error\nThis blocks all depots.", "debug", mods("route_opt"), []],
  ["why does geocoding put '12 Station Rd' in the wrong town?",         "debug",     mods("geo"),            []],
  ["how are postcode zones stored?",                                   "analyze",   mods("geo"),            []],
  ["can you speed up the distance matrix build, it takes 40 seconds for 300 stops", "optimize", mods("geo"), []],
  ["let dispatchers drag several stops at once on the live map",       "implement", mods("ops_console"),    []],
  ["security review of all the user-facing apps",                      "analyze",   layer("channels"),      []],
  ["switch everything except the integrations to structlog",           "general",   COURIER_ALL_BUT_INTEGRATIONS, []],
  ["webhooks to merchants are sent twice when a parcel is delivered",  "debug",     mods("partner_api"),    []],
  ["Partner API: add rate limiting per merchant, not per API key",     "implement", mods("partner_api"),    []],
  ["DPD tracking events are mapped to 'delivered' even when the parcel was returned", "debug", mods("carrier_bridge"), []],
  ["STOP replies don't unsubscribe people",                            "debug",     mods("sms_gw"),         []],
  ["rename Shift to DriverShift",                                      "refactor",  mods("rostering"),      []],
  ["breaks are not scheduled for drivers on split shifts",             "debug",     mods("rostering"),      []],
  ["courier/planning/eta.py:88 divides by zero when the van hasn't moved yet", "debug", mods("eta"),         []],
  ["label PDFs come out blank for parcels over 30 kg",                 "debug",     mods("consignment"),    []],
  ["the depot cut-off is evaluated in UTC, so Glasgow parcels after 11 go out today", "debug", mods("depot"), []],
  ["explain how a stop added at noon gets into a van's tour",          "analyze",   mods("route_opt"),      []],
  ["move the SMS text templates out of the tracking page into the sms gateway", "refactor", mods("tracking_page", "sms_gw"), []],
  ["the ops console map freezes with 200 vans",                        "debug",     mods("ops_console"),    []],
  ["Could you write tests for barcode parsing?",                       "implement", mods("consignment"),    []],
  ["add Royal Mail as a third carrier",                                "implement", mods("carrier_bridge"), []],
  ["the ETA module and the tracking page disagree about the arrival time", "debug", mods("eta", "tracking_page"), []],
  ["trackng page shows the van in the sea",                            "debug",     mods("tracking_page"),  []],
  ["write unit tests for the data model layer",                        "implement", layer("core"),          []],
  ["what happens when a driver calls in sick after tours are planned?", "analyze",  mods("rostering", "route_opt"), []],
];

// A compiler for a small language, in Rust: layers front (lexer, parser, resolve, diag),
// middle (typeck, lower, opt), back (wasm_emit, rt), tooling (lsp, qfmt, repl; specs directly
// in the layer). Owned crate folders in `**Owns**`, "What it does", "Uses", "Public API".
export const QUILL = tree("quill");
export const QUILL_ROUTES: Route[] = [
  ["the lexer chokes on emoji in string literals",                     "debug",     mods("lexer"),          []],
  ["thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', crates/quill_typeck/src/unify.rs:311:27", "debug", mods("typeck"), []],
  ["add `while let` to the parser",                                    "implement", mods("parser"),         []],
  ["one missing semicolon gives 40 errors",                            "debug",     mods("parser"),         []],
  ["`quill fmt` deletes comments inside match arms",                   "debug",     mods("qfmt"),           []],
  ["Go to definition doesn't work across files in VS Code",            "debug",     mods("lsp"),            []],
  ["the language server is really slow on big files, every keystroke rechecks everything", "optimize", mods("lsp"), []],
  ["constant folding turns 0.1 + 0.2 into 0.3 exactly",                "debug",     mods("opt"),            []],
  ["-O2 builds hang in the inliner on mutually recursive functions",   "debug",     mods("opt"),            []],
  ["how does closure conversion work?",                                "analyze",   mods("lower"),          []],
  ["explain the GC",                                                   "analyze",   mods("rt"),             []],
  ["the garbage collector frees strings that are still referenced from closures", "debug", mods("rt"),      []],
  ["improve the error messages for type mismatches: show both types with carets", "general", mods("typeck", "diag"), []],
  ["rename TokenKind::Ident to TokenKind::Identifier",                 "refactor",  mods("lexer"),          []],
  ["review the middle end",                                            "analyze",   layer("middle"),        []],
  ["the back end emits invalid wasm for nested loops with break:\nwasm-validator error: type mismatch in br_if, expected [i32] but got []", "debug", mods("wasm_emit"), []],
  ["audit everything except the tooling for unsafe code",              "analyze",   mods("lexer", "parser", "resolve", "diag", "typeck", "lower", "opt", "wasm_emit", "rt"), []],
  ["step-through debugging jumps to the wrong line after inlining",    "debug",     mods("opt", "wasm_emit"), []],
  ["crates/quill_resolve/src/scope.rs:77 rejects shadowing a function parameter with a let", "debug", mods("resolve"), []],
  ["did-you-mean suggestions offer private names from other files",    "debug",     mods("resolve"),        []],
  ["exhaustivness check misses nested enum patterns",                  "debug",     mods("typeck"),         []],
  ["can you make `quill build` faster? compiling the stdlib takes 9 s", "optimize", sys,                    []],
  ["add error codes to warnings too, not only to errors",              "implement", mods("diag"),           []],
  ["walk me through how a `for` loop over a list becomes wasm",        "analyze",   mods("lower", "wasm_emit"), []],
  ["the REPL forgets definitions after a syntax error",                "debug",     mods("repl"),           []],
  ["move the snippet rendering out of the LSP into the diagnostics crate", "refactor", mods("lsp", "diag"),  []],
  ["let-polymorphism is wrong for lambdas bound with let inside a function", "debug", mods("typeck"),       []],
  ["split quill_parser's expression code into its own file",           "refactor",  mods("parser"),         []],
  ["numeric literals like 1_000_000 come out as 1",                    "debug",     mods("lexer"),          []],
];

// Video streaming in Go with TypeScript players: layers ingest (upload_svc, probe), media
// (transcode, packager, thumbs, captions), delivery (drm, edge_auth, analytics), apps
// (web_player, tv_app, creator_studio). Numbered emoji headings, `**Layer**: 2 - Media`.
export const REEL = tree("reel");
export const REEL_ROUTES: Route[] = [
  ["uploads over 4 GB get stuck at 99%",                               "debug",     mods("upload_svc"),     []],
  ["iPhone videos come out sideways",                                  "debug",     mods("probe", "transcode"), []],
  ["HDR uploads look washed out",                                      "debug",     mods("transcode"),      []],
  ["add AV1 to the bitrate ladder",                                    "implement", mods("transcode"),      []],
  ["FairPlay licence requests fail with 'SPC version not supported' on iOS 17", "debug", mods("drm"),       []],
  ["the seek bar thumbnails are from the wrong part of the video",     "debug",     mods("thumbs"),         []],
  ["generate auto-captions in Spanish too",                            "implement", mods("captions"),       []],
  ["How do we decide which rendition the player starts with?",         "analyze",   mods("web_player"),     []],
  ["signed URLs expire before a 3-hour movie ends",                    "debug",     mods("edge_auth"),      []],
  ["users in Canada can watch titles we only have rights for in the US", "debug",   mods("edge_auth"),      []],
  ["view counts in Creator Studio are lower than the player beacons say", "debug",  mods("analytics", "creator_studio"), []],
  ["the DASH manifest lists the German audio track twice",             "debug",     mods("packager"),       []],
  ["the transcode queue backs up every evening, jobs wait an hour",    "optimize",  mods("transcode"),      []],
  ["review the delivery layer for token leaks",                        "analyze",   layer("delivery"),      []],
  ["players/web/src/abr.ts:142 bandwidth estimate goes negative after the tab is backgrounded", "debug", mods("web_player"), []],
  ["the TV app loses focus after closing the player with the Back button", "debug", mods("tv_app"),         []],
  ["upgrade all the front ends to React 19",                           "general",   layer("apps"),          []],
  ["refactor the HLS and DASH writers to share the segment timing code", "refactor", mods("packager"),      []],
  ["panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8a1f2c]\n\ngoroutine 87 [running]:\ngithub.com/reel/services/captions.(*Whisper).Transcribe(...)\n\t/app/services/captions/captions.go:203 +0x2c", "debug", mods("captions"), []],
  ["Creator Studio: let creators schedule a premiere with a countdown", "implement", mods("creator_studio"), []],
  ["explain how content keys are rotated",                             "analyze",   mods("drm"),            []],
  ["sprite sheet generation takes 10 minutes per hour of video",       "optimize",  mods("thumbs"),         []],
  ["everything in media except captions should write its progress to the job table", "general", mods("transcode", "packager", "thumbs"), []],
  ["probe rejects MKV files with 'unsupported container' although ffmpeg reads them fine", "debug", mods("probe"), []],
  ["the upload serivce still counts deleted videos against the quota", "debug",    mods("upload_svc"),     []],
  ["can you add offline downloads to the Android TV app?",             "implement", mods("tv_app"),         []],
  ["investigate why the beacon rollup is 6 hours behind",              "analyze",   mods("analytics"),      []],
  ["embed player: add J and L shortcuts to seek 10 s",                 "implement", mods("web_player"),     []],
];

// A collaborative spreadsheet in TypeScript: layers engine (formula, recalc, cellstore,
// numfmt), collab (crdt, presence, versions), io (xlsx, csv_io), ui (grid, charts). Display
// names in front matter ("Formula Engine", "Cell Store", "Sync"), three-line specs, `**Files**`.
export const TALLY = tree("tally");
export const TALLY_ROUTES: Route[] = [
  ["=VLOOKUP with approximate match returns #N/A on sorted data",      "debug",     mods("formula"),        []],
  ["add XMATCH",                                                       "implement", mods("formula"),        []],
  ["typing in a cell takes 2 seconds in a sheet with 50k formulas",    "optimize",  mods("recalc"),         []],
  ["a circular reference between two sheets isn't detected and the tab hangs", "debug", mods("recalc"),     []],
  ["Cell Store: inserting a row above a merged cell breaks the merge", "debug",     mods("cellstore"),      []],
  ["dates show as 45123 after importing an xlsx",                      "debug",     mods("xlsx"),           []],
  ["CSV import reads semicolon files as one column",                   "debug",     mods("csv_io"),         []],
  ["two people typing in the same cell: one edit vanishes",            "debug",     mods("crdt"),           []],
  ["other people's cursors stay on screen after they leave",           "debug",     mods("presence"),       []],
  ["restore version fails with 'snapshot 8812 not found'",             "debug",     mods("versions"),       []],
  ["how does the Sync module merge a row deleted offline with edits made online?", "analyze", mods("crdt"), []],
  ["scrolling the grid is choppy on 4K screens",                       "optimize",  mods("grid"),           []],
  ["the pie chart doesn't update when I change a value",               "debug",     mods("charts"),         []],
  ["export to Excel loses conditional formatting",                     "debug",     mods("xlsx"),           []],
  ["packages/engine/src/formula/parser.ts:212 treats 'A1:A' as a name", "debug",    mods("formula"),        []],
  ["review the engine layer for places that touch the DOM",            "analyze",   layer("engine"),        []],
  ["refactor Cell Store and Recalc so references are shifted in one place", "refactor", mods("cellstore", "recalc"), []],
  ["Number formats: add Indian digit grouping (12,34,567)",            "implement", mods("numfmt"),         []],
  ["You broke copy-paste from Google Sheets, it pastes everything into A1", "debug", mods("grid"),          []],
  ["everything except the UI should run in a web worker",              "general",   mods("formula", "recalc", "cellstore", "numfmt", "crdt", "presence", "versions", "xlsx", "csv_io"), []],
  ["write tests for the import/export layer",                          "implement", layer("io"),            []],
  ["Uncaught RangeError: Maximum call stack size exceeded\n    at evaluate (formula/functions.ts:88)\n    at evaluate (formula/functions.ts:88)\n    at recalculate (recalc/scheduler.ts:40)", "debug", mods("formula"), []],
  ["what's the difference between the version history and undo?",      "analyze",   mods("versions"),       []],
  ["make realtime collaboration survive a server restart without losing edits", "general", mods("crdt"),     []],
  ["frezze panes dont work when the sheet is filtered",                "debug",     mods("grid"),           []],
  ["chart axis labels use the wrong number format",                    "debug",     mods("charts"),         []],
  ["is RAND() recalculated on every edit?",                            "analyze",   mods("recalc"),         []],
  ["remove the old csv parser and the dead code around it",            "refactor",  mods("csv_io"),         []],
];
