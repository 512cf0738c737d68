import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A sixth round of trees written apart from the router's tuning (quality-unseen5.test.ts), in
// domains none of the other sets has (a hotel booking engine, a genomics pipeline, a mobile app's
// GraphQL backend, a restaurant point of sale) and spec shapes again unlike theirs: a layer's
// `agents/` folder, a flat `.claude/modules/` with `**Layer:** Alignment (read mapping)`, a root
// CLAUDE.md as the only system spec, `<name>.agent.md` files in numbered layer folders with
// `depends_on: [...]`, Claude Code subagent files (`name: kitchen-display`, `tools:`, `model:`)
// whose layers only `.claude/CLAUDE.md`'s table gives. The requests were written, with their
// labels, before the router was run on them: tickets, "fix #123" with the issue pasted, Rust, Python,
// Node and PHP traces, questions, review and document asks, layers by synonym, display names, file
// paths and file:line, typos, non-native English, "everything except X", numbered lists. The labels
// are a careful human's.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Hotel booking engine in Rust: core (rooms, rates "Rate Plans", guests "Guest Profiles"),
// reservations (availability, booking "Booking Engine", folio "Guest Folio", housekeeping),
// channels (channel_mgr "Channel Manager", payments_gw "Payments", mailer), surface (front_desk
// "Front Desk", public_api). Test on disk: crates/rates/tests/city_tax.rs uses rates.
export const INNKEEP = tree("innkeep");
export const INNKEEP_ROUTES: Route[] = [
  ["non-refundable rate shows the same price as BAR",                    "debug",     mods("rates"),         []],
  ["city tax is charged per room instead of per person",                 "debug",     mods("rates"),         []],
  ["we can sell 3 rooms more than we have on New Year's eve",            "debug",     mods("availability"),  []],
  ["fix #412\n\n> Guest cancelled 50 hours before arrival, free cancellation is 48h, but the penalty of one night was charged anyway.", "debug", mods("booking"), []],
  ["thread 'tokio-runtime-worker' panicked at crates/booking/src/cancel.rs:88:14:\ncalled `Option::unwrap()` on a `None` value\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "debug", mods("booking"), []],
  ["add a minimum stay of 3 nights for the festival week",               "implement", mods("rates"),         []],
  ["Guest Folio: minibar charges posted twice when the night audit reruns", "debug",  mods("folio"),         []],
  ["housekeeping list still shows rooms of guests who checked out early", "debug",    mods("housekeeping"),  []],
  ["Booking.com reservations arrive with the wrong room type",            "debug",    mods("channel_mgr"),   []],
  ["the channel manager pushes rates every 5 seconds and Expedia throttles us", "optimize", mods("channel_mgr"), []],
  ["3DS challenge never completes on mobile Safari, the booking hangs",   "debug",    mods("payments_gw"),   []],
  ["confirmation email is in English for German guests",                 "debug",     mods("mailer"),        []],
  ["tape chart on the front desk is very slow with 200 rooms",           "optimize",  mods("front_desk"),    []],
  ["let the receptionist encode a second key card for the same room",    "implement", mods("front_desk"),    []],
  ["public api: add an endpoint to quote a stay without booking",        "implement", mods("public_api"),    []],
  ["merge duplicate guest profiles when the email matches",              "implement", mods("guests"),        []],
  ["how does overbooking allowance interact with stop-sell?",            "analyze",   mods("availability"),  []],
  ["audit the channels layer for secrets in logs",                       "analyze",   layer("channels"),     []],
  ["refactor the reservation layer to use one transaction per request",  "refactor",  layer("reservations"), []],
  ["document the core crates",                                           "general",   layer("core"),         []],
  ["crates/rates/tests/city_tax.rs fails after the rounding change",     "debug",     mods("rates"),         []],
  ["upgrade sqlx to 0.8 everywhere except the front desk",               "general",   mods("rooms", "rates", "guests", "availability", "booking", "folio", "housekeeping", "channel_mgr", "payments_gw", "mailer", "public_api"), []],
  ["out of order rooms are still sold",                                  "debug",     mods("availability"),  []],
  ["the refund of a deposit dont appear in the guest bill",              "debug",     mods("folio"),         []],
  ["rename RoomType::code to RoomType::slug in the rooms crate",         "refactor",  mods("rooms"),         []],
];

// Germline genomics pipeline in Python, flat `.claude/modules/`, root CLAUDE.md only: intake
// (demux, read_qc "Read QC", sample_sheet "Sample Sheet"), alignment (mapper "Read Mapper",
// markdup "Duplicate Marking", bqsr "Base Recalibration"), calling (caller "Variant Caller", joint
// "Joint Genotyping", vcf_filter "Variant Filtering"), reporting (annotate, clinical_report,
// cohort_db). Tests on disk: tests/test_filters.py imports vcf_filter, tests/test_sample_sheet.py sample_sheet.
export const HELIX = tree("helix");
export const HELIX_ROUTES: Route[] = [
  ["undetermined reads are 40% on lane 2",                               "debug",     mods("demux"),         []],
  ["sample sheet with lowercase index sequences is rejected",            "debug",     mods("sample_sheet"),  []],
  ["fastp trims too aggressively, reads end up 30bp",                    "debug",     mods("read_qc"),       []],
  ["bwa-mem2 runs out of memory on chr1",                                "debug",     mods("mapper"),        []],
  ["UMI-aware duplicate marking collapses reads from different molecules", "debug",   mods("markdup"),       []],
  ["Traceback (most recent call last):\n  File \"/opt/helix/helix/align/markdup.py\", line 57, in mark\n    for read in bam.fetch(region):\nValueError: fetch called on bamfile without index", "debug", mods("markdup"), []],
  ["HaplotypeCaller calls X as diploid for male samples",                "debug",     mods("caller"),        []],
  ["switch the default caller to DeepVariant",                           "implement", mods("caller"),        []],
  ["adding 10 new samples to the cohort re-genotypes all 3000",          "optimize",  mods("joint"),         []],
  ["FAILED tests/test_filters.py::test_qd_threshold - assert True is False", "debug", mods("vcf_filter"),    []],
  ["multi-allelic sites are not split before annotation",                "debug",     mods("vcf_filter"),    []],
  ["VEP annotation takes 9 hours per exome",                             "optimize",  mods("annotate"),      []],
  ["gnomAD frequencies are missing for indels",                          "debug",     mods("annotate"),      []],
  ["the clinical report should list genes with coverage below 20x",      "implement", mods("clinical_report"), []],
  ["Clinical Report: second reviewer signature is missing on the pdf",   "debug",     mods("clinical_report"), []],
  ["query the cohort database for all carriers of a given variant is slow", "optimize", mods("cohort_db"),  []],
  ["review the alignment stage for places we load a whole BAM into memory", "analyze", layer("alignment"),  []],
  ["how are known sites chosen for base recalibration?",                 "analyze",   mods("bqsr"),          []],
  ["write unit tests for the calling layer",                             "implement", layer("calling"),      []],
  ["add type hints to every module except reporting",                    "general",   mods("demux", "read_qc", "sample_sheet", "mapper", "markdup", "bqsr", "caller", "joint", "vcf_filter"), []],
  ["Please can you explain me how joint genotyping is done incremental", "analyze",   mods("joint"),         []],
  ["helix/calling/vcf_filter.py:14 uses >= where the spec says >",       "debug",     mods("vcf_filter"),    []],
  ["move to GRCh39 when it comes out, what would break?",                "analyze",   sys,                   []],
  ["demultiplex with 2 mismatches for the long indexes",                 "implement", mods("demux"),         []],
  ["only the intake: port from Python 3.10 syntax to 3.12",              "general",   layer("intake"),       []],
];

// Mobile app backend in TypeScript + GraphQL, `<name>.agent.md` in numbered layers: 1-store
// (accounts "User Accounts", media, geo "Geo Index"), 2-domain (events, feed "Home Feed", chat,
// push "Push Notifications", safety "Trust & Safety"), 3-gateway (schema "GraphQL Schema",
// resolvers, realtime "Subscriptions"). Test on disk: packages/feed/test/ranker.test.ts.
export const MINGLE = tree("mingle");
export const MINGLE_ROUTES: Route[] = [
  ["sign in with apple fails for users who hid their email",             "debug",     mods("accounts"),      []],
  ["photos upload but stay hidden forever, the NSFW check never runs",   "debug",     mods("media"),         []],
  ["nearby search returns venues 80 km away",                            "debug",     mods("geo"),           []],
  ["RSVP goes over capacity when two people join at the same time",      "debug",     mods("events"),        []],
  ["recurring weekly events shift by an hour after daylight saving",     "debug",     mods("events"),        []],
  ["Home Feed shows the same event twice on page 2",                     "debug",     mods("feed"),          []],
  ["FAIL packages/feed/test/ranker.test.ts\n  ● friends beat distance\n    expect(received).toBeGreaterThan(expected)\n    Expected: > -0.2\n    Received:   2", "debug", mods("feed"), []],
  ["read receipts are sent for messages in muted chats",                 "debug",     mods("chat"),          []],
  ["users get reminders at 3am, quiet hours ignored",                    "debug",     mods("push"),          []],
  ["an event reported 3 times is not hidden",                            "debug",     mods("safety"),        []],
  ["add an appeal button for banned users",                              "implement", mods("safety"),        []],
  ["deprecate the `attendeesCount` field in favour of `going`",          "implement",  mods("schema"),        []],
  ["N+1 queries when the events query asks for organizer { avatar }",    "optimize",  mods("resolvers"),     []],
  ["TypeError: Cannot read properties of undefined (reading 'id')\n    at Object.organizer (/app/packages/gateway/src/resolvers/event.ts:41:29)\n    at field.resolve (/app/node_modules/@graphql-tools/schema/index.js:120:18)", "debug", mods("resolvers"), []],
  ["subscriptions drop after 60s behind the load balancer",              "debug",     mods("realtime"),      []],
  ["new messages don't reach users connected to another instance",       "debug",     mods("realtime"),      []],
  ["what happens to chats when an account is deleted?",                  "analyze",   mods("accounts", "chat"), []],
  ["security review of the gateway",                                     "analyze",   layer("3-gateway"),    []],
  ["add prisma query logging in the store layer",                        "implement", layer("1-store"),      []],
  ["Implement the domain layer",                                         "implement", layer("2-domain"),     []],
  ["migrate from Node 20 to 22 in all packages",                         "general",   sys,                   []],
  ["1. add `language` to the Event type in the schema\n2. resolve it from the event\n3. filter the feed by it", "implement", mods("schema", "resolvers", "feed"), []],
  ["packages/events/src/rsvp.ts returns negative spots left",            "debug",     mods("events"),        []],
  ["why the feed is so slow for user in big city? 4 seconds",            "optimize",  mods("feed"),          []],
  ["push token is not removed when apns says unregistered",              "debug",     mods("push"),          []],
];

// Restaurant POS in PHP/Laravel, Claude Code subagents in `.claude/agents/`, layers from
// `.claude/CLAUDE.md`'s table: catalog (menu, modifiers, stock), ordering (tabs "order-tabs",
// kds "kitchen-display", split_bill), money (payments, fiscal, shifts "cash-shifts"), channels
// (waiter_app, delivery_sync, backoffice). Test on disk: tests/Feature/EqualSplitTest.php.
export const TILLPOINT = tree("tillpoint");
export const TILLPOINT_ROUTES: Route[] = [
  ["happy hour prices don't end at 19:00",                               "debug",     mods("menu"),          []],
  ["items 86'd in the morning are still orderable at dinner",            "debug",     mods("menu"),          []],
  ["required modifier group can be skipped on the tablet",               "debug",     mods("modifiers"),     []],
  ["stock goes negative for gin after a busy friday",                    "debug",     mods("stock"),         []],
  ["moving a table to another table loses the dessert course",           "debug",     mods("tabs"),          []],
  ["kitchen display: late tickets are not turning red",                  "debug",     mods("kds"),           []],
  ["when the KDS screen is offline nothing prints in the kitchen",       "debug",     mods("kds"),           []],
  ["splitting 100.00 in 3 gives 99.99",                                  "debug",     mods("split_bill"),    []],
  ["There was 1 failure:\n\n1) Tests\\Feature\\EqualSplitTest::test_parts_add_up\nFailed asserting that 999 is identical to 1000.\n\n/var/www/tests/Feature/EqualSplitTest.php:9", "debug", mods("split_bill"), []],
  ["SumUp terminal payment shows approved but the tab stays open",       "debug",     mods("payments"),      []],
  ["refund a card tip separately from the meal",                         "implement", mods("payments"),      []],
  ["TSE signature fails after midnight, receipts have no signature",     "debug",     mods("fiscal"),        []],
  ["add the DSFinV-K export for 2027 format",                            "implement", mods("fiscal"),        []],
  ["tip pool split by hours worked ignores the kitchen staff",           "debug",     mods("shifts"),        []],
  ["blind count at shift close shows expected cash to the waiter",       "debug",     mods("shifts"),        []],
  ["the waiter app loses orders taken offline when wifi comes back",     "debug",     mods("waiter_app"),    []],
  ["Wolt orders arrive without the modifiers",                           "debug",     mods("delivery_sync"), []],
  ["sales report by hour is off by one hour in summer",                  "debug",     mods("backoffice"),    []],
  ["PHP Fatal error:  Uncaught TypeError: App\\Money\\Shifts\\TipPool::split(): Argument #1 ($hours) must be of type array, null given, called in /var/www/app/Money/Shifts/CloseShift.php on line 42", "debug", mods("shifts"), []],
  ["can u check the ordering layer for race conditions, two waiters same table", "analyze", layer("ordering"), []],
  ["write docs for the money part",                                      "implement",  layer("money"),        []],
  ["upgrade to Laravel 12, everything but the waiter app",               "general",   mods("menu", "modifiers", "stock", "tabs", "kds", "split_bill", "payments", "fiscal", "shifts", "delivery_sync", "backoffice"), []],
  ["Is the card data ever stored on our servers?",                       "analyze",   mods("payments"),      []],
  ["make the menu load faster on the tablets, 6 seconds now",            "optimize",  mods("waiter_app"),    []],
  ["pls add allergen icons on the menu",                                 "implement", mods("menu"),          []],
];
