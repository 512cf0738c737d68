import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A ninth round of trees written apart from the router's tuning (quality-unseen8.test.ts), in domains
// none of the other sets has (a static-site generator, a B2B CRM, a warehouse robot's control stack, a
// learning platform) and spec shapes again unlike theirs: module folders `.claude/layers/<layer>/<id>/AGENT.md`
// with front matter `name:` (display names), `description:`, `files:` and `depends_on:`; Claude Code
// subagents `.claude/agents/<id>-agent.md` only, placed in layers by the root CLAUDE.md's Agent/Owns/Layer
// table; numbered layer folders (`1_drivers`) whose system spec table gives each a synonym ("HAL",
// "state estimation", "motion"); README.md layer specs declaring modules in a Component/Paths/Uses/
// Responsibility table or in `## Module: x` sections. The requests were written, with their labels,
// before the router was run on them: tickets, pasted Go, Ruby, C++ and Python traces and RSpec / pytest
// failures, ROS log lines, questions, review, audit and document asks, layers by synonym, modules by
// display name, file path, file:line or a class only, typos, non-native English, "everything except X",
// "only the Y", numbered lists, two modules named, faults told only in domain words, flow questions
// ("how does X reach Y": the modules on the way), "replace / switch X with Y". The labels are a careful
// human's: a flow between two named modules is the modules on its way, a flow through the whole
// product is the system; swapping one implementation for another inside a module is a refactor.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Static-site generator in Go, module folders with front matter: content (loader "Content Loader",
// frontmatter "Front Matter", taxonomy "Taxonomies"), render (markdown "Markdown Renderer", templates
// "Template Engine", shortcodes, assets "Asset Pipeline"), publish (feeds "Sitemap and Feeds", writer
// "Output Writer", i18n "Translations"), tooling (devserver "Dev Server", cli "inkwell CLI"). On disk:
// internal/markdown/toc.go, internal/templates/funcs.go, internal/devserver/livereload.go,
// internal/writer/aliases.go, internal/taxonomy/taxonomy_test.go.
export const INKWELL = tree("inkwell");
const INKWELL_ALL_BUT_DEVSERVER = mods("loader", "frontmatter", "taxonomy", "markdown", "templates", "shortcodes", "assets", "feeds", "writer", "i18n", "cli");
export const INKWELL_ROUTES: Route[] = [
  ["TOC is empty when headings use setext style (underlined with ===)",   "debug",     mods("markdown"),      []],
  ["internal/markdown/toc.go:7 uses >= so h4 headings never show up with endLevel = 4", "debug", mods("markdown"), []],
  ["panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x7a1f3c]\n\ngoroutine 1 [running]:\ngithub.com/inkwell/inkwell/internal/templates.dateFormat(...)\n\t/src/internal/templates/funcs.go:6 +0x1c\ngithub.com/inkwell/inkwell/internal/writer.(*Writer).Page(...)\n\t/src/internal/writer/page.go:41 +0x88", "debug", mods("templates"), []],
  ["posts with a date in the future show up on the live site",             "debug",     mods("loader"),        []],
  ["tag pages list posts oldest first",                                    "debug",     mods("taxonomy"),      []],
  ["live reload stopped working after upgrading to 0.9, have to hit F5 every time", "debug", mods("devserver"), []],
  ["`inkwell build` takes 40s for 3k pages, most of it in image resizing", "optimize",  mods("assets"),        []],
  ["add a `readingTime` template function",                                "implement", mods("templates"),     []],
  ["support Mermaid diagrams in fenced code blocks",                       "implement", mods("markdown"),      []],
  ["the fingerprinted CSS file name changes on every build even with no change, breaks caching", "debug", mods("assets"), []],
  ["old URLs from /blog/2019/ should redirect but the alias pages are blank in Safari", "debug", mods("writer"), []],
  ["sitemap has lastmod of the build time, not the page's lastmod",        "debug",     mods("feeds"),         []],
  ["review the render layer for XSS (markdownify, raw HTML in markdown)",  "analyze",   layer("render"),       []],
  ["how does a page get from content/ to public/? which parts touch it",   "analyze",   sys,                   []],
  ["document the shortcodes",                                              "general",   mods("shortcodes"),    []],
  ["nested shortcodes inside a {{% details %}} block render as literal text", "debug",  mods("shortcodes"),    []],
  ["French pages link to the English menu entries",                        "debug",     mods("i18n"),          []],
  ["replace fsnotify with polling in the dev server, it misses events on WSL", "refactor", mods("devserver"),  []],
  ["swap chroma for tree-sitter highlighting in the markdown renderer",    "refactor",  mods("markdown"),      []],
  ["TOML front matter with a date like 2024-03-01 (no time) is read as UTC midnight and the post shows the day before", "debug", mods("frontmatter"), []],
  ["write tests for every module except the dev server",                  "implement", INKWELL_ALL_BUT_DEVSERVER, []],
  ["only the output writer: write the files in parallel",                  "optimize",  mods("writer"),        []],
  ["`--baseURL` flag is ignored when INKWELL_BASEURL is set, should be the other way round", "debug", mods("cli"), []],
  ["refactor the content layer so front matter is not parsed twice",       "refactor",  layer("content"),      []],
  ["pagination on category pages repeats the last post of page 1 on page 2", "debug",   mods("taxonomy"),      []],
  ["the Atom feed fails validation: <updated> is missing on entries",      "debug",     mods("feeds"),         []],
  ["Template lookup picks _default/single.html even though layouts/posts/single.html exists", "debug", mods("templates"), []],
  ["is the incremental build cache safe when two builds run at once?",     "analyze",   mods("writer"),        []],
  ["code blocks lose their highlighting when the language is written in caps (```Go)", "debug", mods("markdown"), []],
  ["the tempalte engine crashes on a partial with a dot in its name",      "debug",     mods("templates"),     []],
  ["1. sitemap misses the translated pages\n2. hreflang links point to /en/ for every language", "debug", mods("feeds", "i18n"), []],
];

// B2B CRM on Rails, Claude Code subagents `.claude/agents/<id>-agent.md` with `owns:`; the root CLAUDE.md's
// table places them: records (contacts, companies "Accounts" in the UI, deals "Opportunities"), engagement
// (email-sync, sequences, activities, meetings), insight (forecasting, reports, scoring), platform (imports,
// webhooks). On disk: app/models/deal.rb, app/services/scoring/lead_scorer.rb,
// app/jobs/email_sync/gmail_poll_job.rb, app/services/forecasting/weighted_pipeline.rb and its spec.
export const LEADLINE = tree("leadline");
const LEADLINE_ALL_BUT_EMAIL_SYNC = mods("contacts", "companies", "deals", "sequences", "activities", "meetings", "forecasting", "reports", "scoring", "imports", "webhooks");
export const LEADLINE_ROUTES: Route[] = [
  ["merging two contacts loses the notes from the second one",             "debug",     mods("contacts"),      []],
  ["Gmail sync stopped after the token refresh, last synced 3 days ago",   "debug",     mods("email-sync"),    []],
  ["NoMethodError: undefined method `probability' for nil:NilClass\n  app/models/deal.rb:6:in `weighted_amount'\n  app/services/forecasting/weighted_pipeline.rb:3:in `sum'", "debug", mods("deals"), []],
  ["Failures:\n\n  1) Forecasting::WeightedPipeline weights by stage probability\n     Failure/Error: expect(described_class.new.total(deals)).to eq(400)\n\n       expected: 400\n            got: 0\n     # ./spec/services/forecasting/weighted_pipeline_spec.rb:5", "debug", mods("forecasting"), []],
  ["sequence emails go out at 3am for contacts in Sydney",                 "debug",     mods("sequences"),     []],
  ["prospects who replied keep getting the follow-up step",                "debug",     mods("sequences"),     []],
  ["lead score never goes down even when someone hasn't opened anything in 6 months", "debug", mods("scoring"), []],
  ["add a 'Lost to competitor' reason with a competitor picker on deals",  "implement", mods("deals"),         []],
  ["the pipeline board is slow with 5k open opportunities (3-4 s to drag a card)", "optimize", mods("deals"),  []],
  ["booking page offers slots when I'm already busy in Outlook",           "debug",     mods("meetings"),      []],
  ["round robin always gives the meeting to the same rep",                 "debug",     mods("meetings"),      []],
  ["CSV import: the 'Company' column ends up in the contact's title",      "debug",     mods("imports"),       []],
  ["undo import doesn't remove the companies it created",                  "debug",     mods("imports"),       []],
  ["webhook signatures don't verify on our side, we use the raw body + secret with sha256", "debug", mods("webhooks"), []],
  ["review the engagement layer for N+1 queries",                          "analyze",   layer("engagement"),   []],
  ["how does an email reply end up on the contact's activity timeline?",   "analyze",   mods("email-sync", "activities"), []],
  ["document the outgoing webhook events",                                 "general",   mods("webhooks"),      []],
  ["write specs for the insight layer",                                    "implement", layer("insight"),      []],
  ["switch lead scoring from hand-written rules to the json-logic gem",    "refactor",  mods("scoring"),       []],
  ["Forecast roll-up double counts deals of a rep who is in two teams",    "debug",     mods("forecasting"),   []],
  ["the weekly PDF report arrives empty for managers in Europe/Berlin",    "debug",     mods("reports"),       []],
  ["enrichment sets employee count to 1 for every company with a gmail.com domain", "debug", mods("companies"), []],
  ["Stripe webhook calls return 422 since we turned on CSRF protection",   "debug",     mods("webhooks"),      []],
  ["upgrade every area to Rails 7.2 except email sync, that one waits for a gem", "general", LEADLINE_ALL_BUT_EMAIL_SYNC, []],
  ["tracking pixel counts an open when Apple Mail prefetches the image",   "debug",     mods("email-sync"),    []],
  ["@mentions in notes don't notify the person mentioned",                 "debug",     mods("activities"),    []],
  ["duplicates with John@Acme.com and john@acme.com are not detected",     "debug",     mods("contacts"),      []],
  ["explain how quota attainment is computed for a rep who changed teams mid-quarter", "analyze", mods("forecasting"), []],
  ["app/services/scoring/lead_scorer.rb - extract fit and engagement into their own classes", "refactor", mods("scoring"), []],
  ["Hello, we have problem: when I import contacts from csv the owner is always me and not the one in the column, please fix", "debug", mods("imports"), []],
];

// Warehouse robot in C++ on ROS 2, `.claude/layers/<n>_<layer>/modules/<ID>_AGENT.md` with bold fields and
// Provides lists of classes, the system spec's table giving each layer another name (1_drivers "HAL",
// "hardware layer"; 2_estimation "state estimation"; 3_control "motion"; 4_mission "autonomy"): 1_drivers
// (imu "IMU Driver", lidar "Lidar Driver", motors "Motor Bridge"), 2_estimation (odometry "Wheel Odometry",
// localization "Localizer", mapping "SLAM"), 3_control (planner "Global Planner", follower "Trajectory
// Follower", safety "Safety Supervisor"), 4_mission (executive "Mission Executive", teleop, docking "Auto
// Docking"). On disk: src/drivers/imu/bno085.cpp, src/control/follower/mpc.cpp,
// src/estimation/localization/ekf.cpp, test/control/test_safety_zones.cpp.
export const SERVO = tree("servo");
const SERVO_ALL_BUT_DRIVERS = mods("odometry", "localization", "mapping", "planner", "follower", "safety", "executive", "teleop", "docking");
export const SERVO_ROUTES: Route[] = [
  ["robot spins in place after relocalization",                            "debug",     mods("localization"),  []],
  ["the robot oscillates left-right when following a straight aisle at 1 m/s", "debug", mods("follower"),      []],
  ["IMU yaw drifts 10° per minute when stationary",                        "debug",     mods("imu"),           []],
  ["[ERROR] [1701700000.123456789] [motor_bridge]: ODrive axis0 error 0x800 (ENCODER_FAILED)\n[WARN] [1701700000.124] [motor_bridge]: watchdog stop", "debug", mods("motors"), []],
  ["terminate called after throwing an instance of 'std::out_of_range'\n  what():  vector::_M_range_check: __n (which is 720) >= this->size() (which is 720)\n#0  servo::drivers::ScanAssembler::push (this=0x55d0) at src/drivers/lidar/scan_assembler.cpp:48\n#1  servo::drivers::RplidarNode::onPacket (this=0x55c0) at src/drivers/lidar/rplidar_node.cpp:112", "debug", mods("lidar"), []],
  ["robot stops way too early near shelves, the stop zone is huge even at walking speed", "debug", mods("safety"), []],
  ["add a reverse-only mode for the last meter of docking",                "implement", mods("docking"),       []],
  ["MPC solve takes 25 ms on the Orin and misses the 20 ms control period", "optimize", mods("follower"),      []],
  ["src/control/follower/mpc.cpp:6 builds the reference window every tick, hoist it out of the hot loop", "optimize", mods("follower"), []],
  ["review the control layer for anything that allocates in the real-time loop", "analyze", layer("3_control"), []],
  ["write gtests for the state estimation layer",                          "implement", layer("2_estimation"), []],
  ["how does a goal from the fleet become wheel speeds? which nodes are in between", "analyze", sys,          []],
  ["map saved after a remap has the old keep-out zones in the wrong place", "debug",    mods("mapping"),       []],
  ["loop closure merges two different aisles (they look identical)",       "debug",     mods("mapping"),       []],
  ["planner sends the robot through one-way aisles the wrong way",         "debug",     mods("planner"),       []],
  ["replace A* with a state lattice planner so paths respect the turning radius", "refactor", mods("planner"), []],
  ["teleop keeps moving for a second after releasing the deadman button",  "debug",     mods("teleop"),        []],
  ["the dock is not found when another robot is parked next to it",        "debug",     mods("docking"),       []],
  ["behaviour tree retries the pick forever, it should give up after 3",   "debug",     mods("executive"),     []],
  ["document the HAL",                                                     "general",   layer("1_drivers"),    []],
  ["odom jumps when a wheel slips on the wet floor",                       "debug",     mods("odometry"),      []],
  ["safety supervisor & motor bridge: e-stop latency is 180 ms, must be < 50", "optimize", mods("safety", "motors"), []],
  ["refactor everything but the drivers to use the new Pose2D type",       "refactor",  SERVO_ALL_BUT_DRIVERS, []],
  ["bno085.cpp re-inits the chip on every I2C NACK, is that needed?",      "analyze",   mods("imu"),           []],
  ["costmap inflation is too small, the robot clips shelf corners",        "debug",     mods("planner"),       []],
  ["test/control/test_safety_zones.cpp fails on arm64 only",               "debug",     mods("safety"),        []],
  ["Why does the Ekf2D predict step ignore the IMU yaw rate?",             "analyze",   mods("localization"),  []],
  ["lidar and IMU timestamps disagree by ~40 ms",                          "debug",     mods("lidar", "imu"),  []],
];

// Learning platform in Django, README.md layer specs: catalog and learning declare their modules in a
// Component/Paths/Uses/Responsibility table (courses, enrollment, lesson_content "Lesson Content";
// assessments in apps/quizzes/, gradebook, progress, video_hosting "Video Hosting" in apps/video/),
// community and business in `## Module: x` sections (forums, inbox; billing, analytics, lti). On disk:
// apps/quizzes/scoring.py, apps/billing/stripe_webhooks.py, apps/progress/tests/test_completion.py,
// apps/lti/launch.py, apps/gradebook/weights.py.
export const COURSELY = tree("coursely");
const COURSELY_ALL_BUT_LTI = mods("courses", "enrollment", "lesson_content", "assessments", "gradebook", "progress", "video_hosting", "forums", "inbox", "billing", "analytics");
export const COURSELY_ROUTES: Route[] = [
  ["quiz timer keeps running after the student submits",                   "debug",     mods("assessments"),   []],
  ["students who finished every lesson don't get a certificate",          "debug",     mods("progress"),      []],
  ["apps/progress/tests/test_completion.py fails: AssertionError: assert not True", "debug", mods("progress"), []],
  ["Traceback (most recent call last):\n  File \"/srv/app/apps/billing/stripe_webhooks.py\", line 5, in handle_event\n    event = stripe.Webhook.construct_event(payload, sig_header, secret)\nstripe.error.SignatureVerificationError: No signatures found matching the expected signature for payload", "debug", mods("billing"), []],
  ["VAT is charged to business customers in Germany who gave a valid VAT ID", "debug",  mods("billing"),       []],
  ["drip lessons unlock on day 1 for everyone in the cohort",              "debug",     mods("lesson_content"), []],
  ["Canvas launch fails with 'nonce replay' on the second click",          "debug",     mods("lti"),           []],
  ["grades sent back to Moodle are out of 1 instead of 100",               "debug",     mods("lti"),           []],
  ["add a late penalty that caps at 50%",                                  "implement", mods("gradebook"),     []],
  ["gradebook CSV export takes 2 minutes for a course with 8k students",   "optimize",  mods("gradebook"),     []],
  ["the drop-off chart counts students who were unenrolled",               "debug",     mods("analytics"),     []],
  ["watch time is counted twice when the video is played at 2x",           "debug",     mods("video_hosting"), []],
  ["captions out of sync on Safari",                                       "debug",     mods("video_hosting"), []],
  ["let instructors move a student to another cohort",                     "implement", mods("enrollment"),    []],
  ["access expiry: students still see the course 30 days after it ended",  "debug",     mods("enrollment"),    []],
  ["review the community layer for spam and abuse vectors",                "analyze",   layer("community"),    []],
  ["what happens to a student's forum posts when they are unenrolled?",    "analyze",   mods("forums"),        []],
  ["how does a quiz score reach the gradebook in Canvas (LTI)?",           "analyze",   mods("assessments", "gradebook", "lti"), []],
  ["refactor the learning layer: progress and gradebook both recompute the same completion %", "refactor", layer("learning"), []],
  ["write tests for billing refunds",                                      "implement", mods("billing"),       []],
  ["document the LTI integration for university admins",                   "general",   mods("lti"),           []],
  ["MCQ questions with two right answers score zero when the student ticks both", "debug", mods("assessments"), []],
  ["apps/quizzes/scoring.py:4 does one query per answer",                  "optimize",  mods("assessments"),   []],
  ["replace Mux with Cloudflare Stream",                                   "refactor",  mods("video_hosting"), []],
  ["email digest of unread messages is sent even when there are none",     "debug",     mods("inbox"),         []],
  ["instructor endorsed answers dont stay pinned at the top",              "debug",     mods("forums"),        []],
  ["upgrade django to 5.1 in all apps except lti (pylti1p3 isn't ready)",  "general",   COURSELY_ALL_BUT_LTI,  []],
  ["SCORM packages from Articulate import with no lessons",                "debug",     mods("lesson_content"), []],
  ["the Assesments module: randomise answer order per attempt",            "implement", mods("assessments"),   []],
  ["course search returns unpublished drafts",                             "debug",     mods("courses"),       []],
  ["Hi, in the forum the upvote button is working only one time per day for me, after it shows error 403", "debug", mods("forums"), []],
];
