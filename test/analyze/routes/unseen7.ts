import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// An eighth round of trees written apart from the router's tuning (quality-unseen7.test.ts), in
// domains none of the other sets has (a CI runner, a video transcoding pipeline, a multiplayer game
// server, a hospital laboratory information system) and spec shapes again unlike theirs: a Cargo
// workspace whose only specs are `crates/<name>/CLAUDE.md` under a root CLAUDE.md with a layer table
// and a Mermaid graph; layer specs that declare their modules in a Module/Files/Depends on/Purpose
// table, no module files; Cursor-style `.claude/modules/<id>.md` with `name:`, `layer:` and `globs:`
// front matter whose display names are unlike their ids; long `<NAME>_AGENT.md` specs with bold
// fields and Provides sections of Kotlin classes. The requests were written, with their labels,
// before the router was run on them: tickets, "fix #123" with the issue pasted, Rust, Python, C#,
// JVM and Node traces and test failures, questions, review, audit and document asks, layers by
// synonym ("stage", "crates"), display names, class names only, file paths and file:line, typos,
// non-native English, "everything except X", "only the Y", numbered lists. The labels are a careful human's.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// CI runner in Rust, `crates/<id>/CLAUDE.md` only (`.claude/` holds just settings.json), the root
// CLAUDE.md's table places them: core (config "Pipeline Config", secrets "Secret Store", artifacts
// "Artifact Store"), exec (sandbox "Job Sandbox", cache "Build Cache", logstream "Log Streamer"),
// orchestration (scheduler "Job Scheduler", runners "Runner Pool", triggers "Event Triggers"), surface
// (api "REST API", webui "Dashboard", cli "gantry CLI"). On disk: crates/config/src/matrix.rs,
// crates/scheduler/src/dag.rs, crates/logstream/src/mask.rs.
export const GANTRY = tree("gantry");
export const GANTRY_ROUTES: Route[] = [
  ["matrix `include:` entries are dropped when they add a new key",      "debug",     mods("config"),        []],
  ["secret values show up unmasked in the logs when they contain a newline", "debug", mods("logstream"),     []],
  ["thread 'tokio-runtime-worker' panicked at crates/scheduler/src/dag.rs:5:42:\nindex out of bounds: the len is 3 but the index is 3\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "debug", mods("scheduler"), []],
  ["fix #412\n\n> Pushing only to docs/ still triggers the full pipeline even with `paths-ignore: [docs/**]`", "debug", mods("triggers"), []],
  ["cache restore takes 4 min for a 2 GB node_modules tarball",          "optimize",  mods("cache"),         []],
  ["add support for `continue-on-error: true` on steps",                 "implement", mods("config", "sandbox"), []],
  ["runners show as offline although they are running, heartbeat?",      "debug",     mods("runners"),       []],
  ["jobs are not killed when I cancel the run, the container keeps going", "debug",   mods("sandbox"),       []],
  ["review the exec layer for container escapes",                        "analyze",   layer("exec"),         []],
  ["document the REST API",                                              "general",   mods("api"),           []],
  ["gantry lint says 'unknown key `needs`' on a valid file",             "debug",     mods("config"),        []],
  ["the dashboard's pipeline graph overlaps when a job has more than 10 needs", "debug", mods("webui"),      []],
  ["jobs with `runs-on: [linux, arm64]` stay queued forever though an arm64 runner is idle", "debug", mods("runners"), []],
  ["how does a webhook become a running job? walk me through it",        "analyze",   sys,                   []],
  ["Implement artifact retention per repository (override the 30 day default)", "implement", mods("artifacts"), []],
  ["crates/logstream/src/mask.rs:3 is O(n*m) per line, slow with 200 secrets", "optimize", mods("logstream"), []],
  ["bump tokio to 1.40 everywhere except the webui",                     "general",   mods("config", "secrets", "artifacts", "sandbox", "cache", "logstream", "scheduler", "runners", "triggers", "api", "cli"), []],
  ["only the cli: add a `--json` flag to `gantry logs`",                 "implement", mods("cli"),           []],
  ["refactor the orchestration layer so scheduler and runners stop sharing the Postgres pool struct", "refactor", layer("orchestration"), []],
  ["Secrets are decrypted with the wrong key after KMS rotation:\n```\nError: aead::Error\n   0: secrets::store::decrypt\n             at crates/secrets/src/store.rs:88\n   1: gantry_sandbox::env::inject\n             at crates/sandbox/src/env.rs:31\n```", "debug", mods("secrets"), []],
  ["API returns 500 on /runs?cursor=abc when the cursor is invalid, should be 400", "debug", mods("api"),     []],
  ["write unit tests for the core crates",                               "implement", layer("core"),         []],
  ["concurrency group with cancel-in-progress cancels the new run instead of the old one", "debug", mods("scheduler"), []],
  ["is the websocket in the log streamer needed or could SSE do? what would break", "analyze", mods("logstream"), []],
  ["gitlab webhook always refused with signature invalid, the github one is working fine", "debug", mods("triggers"), []],
  ["upload of an artifact > 5GB fails with EntityTooLarge",              "debug",     mods("artifacts"),     []],
  ["gantry run on a node project: restored node_modules is empty\n\nError: Cannot find module 'left-pad'\nRequire stack:\n- /work/app/index.js\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)\n    at Module._load (node:internal/modules/cjs/loader:986:27)", "debug", mods("cache"), []],
];

// Video transcoding pipeline in Python, layer specs `.claude/layers/<stage>/<STAGE>_ORCHESTRATOR.md`
// each a Module/Files/Depends on/Purpose table (no module files), the system spec calling layers
// "stages": ingest (uploader, probe, inspect "Quality Check"), transcode (ladder "Bitrate Ladder",
// encoder "Encode Workers", thumbs "Thumbnails and Sprites"), packaging (packager "HLS/DASH Packager",
// drm "Content Protection", captions "Subtitles"), delivery (cdn, playback "Playback API", callbacks
// "Job Webhooks"). On disk: src/framewise/<id>/, ladder/per_title.py, captions/scc.py, tests/test_per_title.py.
export const FRAMEWISE = tree("framewise");
export const FRAMEWISE_ROUTES: Route[] = [
  ["uploads resume from 0% after a network drop instead of the last chunk", "debug",  mods("uploader"),      []],
  ["ffprobe reports duration N/A for some webm files and the job fails",  "debug",    mods("probe"),         []],
  ["loudness check flags every file as too quiet, even ones at -23 LUFS", "debug",    mods("inspect"),       []],
  ["Traceback (most recent call last):\n  File \"/app/src/framewise/ladder/per_title.py\", line 11, in build_ladder\n    rungs = [Rung(h, int(k * complexity)) for h, k in ((1080, 5000), (720, 3000))]\nTypeError: unsupported operand type(s) for *: 'int' and 'NoneType'", "debug", mods("ladder"), []],
  ["the 1080p rung is made for 720p sources (upscaling!)",               "debug",     mods("ladder"),        []],
  ["NVENC jobs are slower than CPU x264 on the same box, GPU at 20%",    "optimize",  mods("encoder"),       []],
  ["add 10-bit HDR10 passthrough to the encode workers",                 "implement", mods("encoder"),       []],
  ["sprite sheets are off by one thumbnail when scrubbing",              "debug",     mods("thumbs"),        []],
  ["fix #57\n\n> Safari can't play HLS streams since the CMAF change: `#EXT-X-MAP` missing in media playlists", "debug", mods("packager"), []],
  ["FairPlay license requests fail with 'invalid key id' on iOS 17",     "debug",     mods("drm"),           []],
  ["SCC captions drift by ~1 s per 10 min",                              "debug",     mods("captions"),      []],
  ["src/framewise/captions/scc.py drops the first line, look",           "debug",     mods("captions"),      []],
  ["signed URLs expire after 5 min even though we set 6h",               "debug",     mods("cdn"),           []],
  ["write tests for the packaging stage",                                "implement", layer("packaging"),    []],
  ["review the delivery stage for auth bypasses",                        "analyze",   layer("delivery"),     []],
  ["customers get the 'completed' webhook twice",                        "debug",     mods("callbacks"),     []],
  ["document how a master becomes an HLS stream, end to end",            "general",   sys,                   []],
  ["Refactor the transcode stage: ladder and encoder both parse ffprobe JSON on their own", "refactor", layer("transcode"), []],
  ["tests/test_per_title.py fails after the complexity change",          "debug",     mods("ladder"),        []],
  ["Upgrade ffmpeg 6 -> 7 for all modules except uploader and callbacks", "general",  mods("probe", "inspect", "ladder", "encoder", "thumbs", "packager", "drm", "captions", "cdn", "playback"), []],
  ["playback API returns manifests to users whose subscription expired",  "debug",    mods("playback"),      []],
  ["how are per-title ladders decided? what's the complexity pass",      "analyze",   mods("ladder"),        []],
  ["Celery task `encode_rendition` retried after a worker OOM makes a second 720p rendition", "debug", mods("encoder"), []],
  ["1. extract CEA-608 captions from the master\n2. convert them to WebVTT\n3. add the track to the HLS master playlist", "implement", mods("captions", "packager"), []],
  ["purge on re-encode don't work, the old video still served by cdn",   "debug",     mods("cdn"),           []],
];

// Multiplayer game server in C#, Cursor-style `.claude/modules/<id>.md` with `name:` (a display name
// unlike the id), `layer:` and `globs:` front matter, system spec `.claude/SYSTEM_ORCHESTRATOR.md`:
// sim (physics "Physics Step", combat "Combat Rules", bots "Bot Brains"), net (transport "UDP
// Transport", session "Session Gateway", replication "State Replication"), meta (matchmaking
// "Matchmaker", inventory "Player Inventory", leaderboards "Season Rankings"), ops (anticheat
// "Anti-Cheat", fleet "Fleet Manager", telemetry "Match Telemetry"). On disk:
// src/Skirmish.Combat/HitRegistration.cs, src/Skirmish.Physics/TickLoop.cs,
// src/Skirmish.Matchmaking/Glicko2.cs, tests/Skirmish.Combat.Tests/DamageFalloffTests.cs.
export const SKIRMISH = tree("skirmish");
export const SKIRMISH_ROUTES: Route[] = [
  ["players rubber-band at 150 ms ping",                                 "debug",     mods("replication"),   []],
  ["headshots don't register when the target is crouching behind a crate edge", "debug", mods("combat"),     []],
  ["Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.\n   at Skirmish.Combat.HitRegistration.Confirm(Shot shot, WorldSnapshot rewound) in /src/Skirmish.Combat/HitRegistration.cs:line 5\n   at Skirmish.Server.Match.OnFire(PlayerInput input) in /src/Skirmish.Server/Match.cs:line 212", "debug", mods("combat"), []],
  ["bots walk into walls on de_harbor",                                  "debug",     mods("bots"),          []],
  ["the Matchmaker puts a 2400 player with 900 ones after 30s",          "debug",     mods("matchmaking"),   []],
  ["trade escrow: items duplicated when both players confirm at the same ms", "debug", mods("inventory"),    []],
  ["Season Rankings: rank decay isn't applied to inactive players",      "debug",     mods("leaderboards"),  []],
  ["speed hack detection fires on players using jump pads",              "debug",     mods("anticheat"),     []],
  ["servers are not drained before deploys, matches get killed mid-round", "debug",   mods("fleet"),         []],
  ["tick takes 22 ms with 10 players, budget is 16.6",                   "optimize",  mods("physics"),       []],
  ["snapshots are 40 KB per tick, way too big",                          "optimize",  mods("replication"),   []],
  ["add a 2v2 mode queue",                                               "implement", mods("matchmaking"),   []],
  ["review the net layer for amplification attacks",                     "analyze",   layer("net"),          []],
  ["write integration tests for the sim layer",                          "implement", layer("sim"),          []],
  ["Refactor the meta services to share one Redis connection multiplexer", "refactor", layer("meta"),        []],
  ["upgrade to .NET 9 everywhere but the anti-cheat",                    "general",   mods("physics", "combat", "bots", "transport", "session", "replication", "matchmaking", "inventory", "leaderboards", "fleet", "telemetry"), []],
  ["reconnect after wifi drop puts the player in a new slot instead of the old", "debug", mods("session"),   []],
  ["tests/Skirmish.Combat.Tests/DamageFalloffTests.cs FullDamageInsideRange failing since the weapon tuning", "debug", mods("combat"), []],
  ["what data do we keep per match and for how long?",                   "analyze",   mods("telemetry"),     []],
  ["fix #301\n\n> After a packet bigger than the MTU the client disconnects. Looks like fragments never reassemble when one is lost.", "debug", mods("transport"), []],
  ["explain how a finished match in the matchmaker gets a server",       "analyze",   mods("matchmaking", "fleet"), []],
  ["only the Physics Step: replace the BVH with a uniform grid",         "refactor",  mods("physics"),       []],
  ["src/Skirmish.Matchmaking/Glicko2.cs:5 the scale constant, is it right?", "analyze", mods("matchmaking"), []],
  ["kill events missing in clickhouse for some matchs",                  "debug",     mods("telemetry"),     []],
  ["bot aim is too perfect, make them miss more at long range",          "implement", mods("bots"),          []],
];

// Hospital laboratory information system in Kotlin, `.claude/layers/<layer>/modules/<NAME>_AGENT.md`
// with `**Module**`/`**Layer**` fields, Purpose, Provides (Kotlin classes) and Depends On: domain
// (specimens "Specimen Registry", patients "Patient Index", catalog "Test Catalogue"), instruments
// (analyzers "Analyzer Interfaces", autoverify "Autoverification", qc "Quality Control"), workflow
// (orders "Order Entry", worklists "Bench Worklists", results "Result Validation"), interfaces (hl7
// "HL7 Gateway", portal "Clinician Portal", reports "Lab Reports"). On disk:
// modules/analyzers/src/main/kotlin/org/labtrack/analyzers/AstmFrameParser.kt,
// modules/qc/src/test/kotlin/org/labtrack/qc/WestgardEvaluatorTest.kt, modules/results/.../CriticalValueNotifier.kt.
export const LABTRACK = tree("labtrack");
export const LABTRACK_ROUTES: Route[] = [
  ["potassium from haemolysed samples gets autoverified",                "debug",     mods("autoverify"),    []],
  ["Westgard 2-2s rule triggers on a single value",                      "debug",     mods("qc"),            []],
  ["java.lang.NumberFormatException: For input string: \"4A\"\n\tat java.base/java.lang.Integer.parseInt(Integer.java:661)\n\tat org.labtrack.analyzers.AstmFrameParser.checksum(AstmFrameParser.kt:4)\n\tat org.labtrack.analyzers.InstrumentSession.onFrame(InstrumentSession.kt:57)", "debug", mods("analyzers"), []],
  ["reference range for ALP is the adult one for a 12 year old",         "debug",     mods("catalog"),       []],
  ["duplicate patient records are merged although birth dates differ",   "debug",     mods("patients"),      []],
  ["aliquot labels print with the parent barcode",                       "debug",     mods("specimens"),     []],
  ["STAT troponin worklist does not alarm after 60 min",                 "debug",     mods("worklists"),     []],
  ["critical value phone call isn't documented when the result is corrected", "debug", mods("results"),      []],
  ["ORU messages to the EHR are resent forever when the ACK is AE",      "debug",     mods("hl7"),           []],
  ["cumulative view in the clinician portal is slow for patients with 10 years of results", "optimize", mods("portal"), []],
  ["PDF reports don't show the H/L flags",                               "debug",     mods("reports"),       []],
  ["allow ordering a test by its LOINC code in manual order entry",      "implement", mods("orders"),        []],
  ["write tests for the instruments layer",                              "implement", layer("instruments"),  []],
  ["audit the interfaces layer for patient data leaking into logs",      "analyze",   layer("interfaces"),   []],
  ["refactor the workflow layer: orders and results both compute test status", "refactor", layer("workflow"), []],
  ["how does a result get from the analyzer to the EHR?",                "analyze",   sys,                   []],
  ["Document the autoverification rules",                                "general",   mods("autoverify"),    []],
  ["fix #77\n\n> DeltaCheck compares against the previous result of another patient after a merge", "debug", mods("autoverify"), []],
  ["RefRangeResolver ignores pregnancy",                                 "debug",     mods("catalog"),       []],
  ["WorklistBuilder puts urine tests on the chemistry bench",            "debug",     mods("worklists"),     []],
  ["upgrade Kotlin to 2.1 in all modules except portal",                 "general",   mods("specimens", "patients", "catalog", "analyzers", "autoverify", "qc", "orders", "worklists", "results", "hl7", "reports"), []],
  ["modules/qc/src/test/kotlin/org/labtrack/qc/WestgardEvaluatorTest.kt fails on CI only", "debug", mods("qc"), []],
  ["the lock of a test after QC fail is not lifted after a passing control run", "debug", mods("qc"),        []],
  ["host query from the Cobas returns no orders for specimens accessioned < 1 min ago", "debug", mods("analyzers"), []],
  ["only the HL7 Gateway: switch the MLLP listener to netty",            "refactor",  mods("hl7"),           []],
  ["the domain layer, can you review it for missing audit trail of changes", "analyze", layer("domain"),     []],
];
