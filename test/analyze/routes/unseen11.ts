import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A twelfth round of trees written apart from the router's tuning (quality-unseen11.test.ts), in
// domains none of the other sets has (a terminal podcast player in Rust, a cloud telephony platform of Go
// services with protobuf contracts, a Manifest V3 content blocker, a Django newsroom CMS) and spec shapes
// again unlike theirs: `crates/<name>/AGENTS.md` placed in layers by the root AGENTS.md's Crate/Layer
// table; Claude Code subagents `.claude/agents/<service>-agent.md` with `name:`, `files:` and
// `depends_on:` under a system spec whose table has a row per service (Service, Layer, Proto, On call);
// numbered layer folders (`1-engine`) with `<NAME>_AGENT.md` specs under numbered emoji headings; flat
// `.claude/modules/<app>.md` rules files with `description:`, `globs:` and `layer:` front matter and no
// dependencies at all. The requests were written, with their labels, before the router was run on them:
// tickets, Rust panics, Go goroutine dumps, browser console errors, Django tracebacks, questions, review
// and audit asks, British spelling, typos, initialisms the specs spell out (LCR, ASR, MOS, CDR, DNR, CPS),
// faults told only in the domain's words ("calls drop after exactly 32 seconds", "YouTube ads are back",
// "the embargoed story went live early"), and words two modules share (keybindings, hunt groups, the
// legal flag, embargo, subscribers, trusted sites). The labels are a careful human's: the module that
// holds the fault's logic, not the screen it shows on.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Terminal podcast player in Rust, `crates/<name>/AGENTS.md` under the root AGENTS.md's crate table:
// foundation (config, store), net (feeds, downloads, sync), media (player, chapters, queue), ui (tui, keys,
// mpris, cli). On disk: crates/feeds/src/parse.rs, crates/player/src/speed.rs, crates/tui/src/now_playing.rs,
// crates/downloads/tests/resume.rs, src/main.rs.
export const CASK = tree("cask");
export const CASK_ROUTES: Route[] = [
  ["episodes from the Lex Fridman feed show up twice after every refresh",      "debug",     mods("feeds"),          []],
  ["playback at 1.5x sounds chipmunky, pitch should stay the same",             "debug",     mods("player"),         []],
  ["thread 'main' panicked at crates/tui/src/now_playing.rs:42:31:\nattempt to subtract with overflow\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "debug", mods("tui"), []],
  ["add OPML import to the command line: cask import opml <file>",             "implement", mods("cli"),            []],
  ["Downloads restart from 0% after the laptop wakes from sleep instead of resuming", "debug", mods("downloads"),   []],
  ["sleep timer doesnt fade out, the audio just cuts",                          "debug",     mods("queue"),          []],
  ["ISSUE-88: chapter titles are off by one for MP3s with an ID3 CTOC frame",   "debug",     mods("chapters"),       []],
  ["gpodder sync overwrites my position with an older one from my phone",       "debug",     mods("sync"),           []],
  ["refactor the net layer so feeds, downloads and sync share one reqwest client with the proxy settings", "refactor", layer("net"), []],
  ["optimise the feed refresh, 400 subscriptions take over two minutes",        "optimize",  mods("feeds"),          []],
  ["media keys on GNOME do nothing while cask is paused",                       "debug",     mods("mpris"),          []],
  ["j/k in the episode list move two rows when a count was typed before",       "debug",     mods("keys"),           []],
  ["colour theme: the selected row is unreadable on Solarized light",           "debug",     mods("tui"),            []],
  ["support Podcasting 2.0 transcripts in WebVTT with speaker names",           "implement", mods("chapters"),       []],
  ["config errors should say the line and column, they just say 'invalid type'", "debug",    mods("config"),         []],
  ["played episodes aren't deleted after 7 days when a disk quota is set too",  "debug",     mods("downloads"),      []],
  ["how does an episode get from the feed into the up next queue?",             "analyze",   mods("feeds", "queue"), []],
  ["write tests for the store crate's migrations",                              "implement", mods("store"),          []],
  ["Auto-play skips the next episode if it isn't downloaded yet",               "debug",     mods("queue"),          []],
  ["loudness normalisation makes quiet shows clip",                             "debug",     mods("player"),         []],
  ["add a --json flag to `cask refresh`",                                       "implement", mods("cli"),            []],
  ["The Rest Is History moved to a new feed URL and we keep hitting the old one after the 301", "debug", mods("feeds"), []],
  ["swap cpal for rodio in the player crate",                                   "refactor",  mods("player"),         []],
  ["CJK titles break the episode list, the columns shift to the right",         "debug",     mods("tui"),            []],
  ["review everything except the ui crates for unwrap() calls",                 "analyze",
    mods("config", "store", "feeds", "downloads", "sync", "player", "chapters", "queue"), []],
  ["keybindings.toml: binding space to play-pause is ignored and no conflict is reported", "debug", mods("keys"), []],
  ["resume position is lost when I quit with q right after pausing",            "debug",     mods("player"),         []],
  ["Error: failed to run migration 0007_sync_journal\n\nCaused by:\n    duplicate column name: device_id", "debug", mods("store"), []],
  ["what happens when two devices mark the same episode played at the same time?", "analyze", mods("sync"),          []],
  ["fish completions are missing the subcommand descriptions",                  "debug",     mods("cli"),            []],
  ["MPRIS metadata has no cover art for episodes with their own image",         "debug",     mods("mpris"),          []],
];

// Cloud telephony on Go services with gRPC contracts in proto/, `.claude/agents/<service>-agent.md` under
// `.claude/SYSTEM_ORCHESTRATOR.md`'s Service/Layer table: accounts (numbers, directory), edge (sbc "Session
// Border Controller", webrtc-gw), calls (routing "Call Routing", media "Media Relay", ivr "Voice Menus"), money
// (cdr "Call Records", rating, billing), ops (public-api, monitoring "Call Quality Monitoring"). On disk:
// services/routing/internal/lcr/select.go, services/media/internal/relay/rtp.go,
// services/rating/internal/prefix/match.go, services/sbc/internal/nat/rewrite_test.go, proto/routing/v1/routing.proto.
export const SWITCHBOARD = tree("switchboard");
export const SWITCHBOARD_ROUTES: Route[] = [
  ["calls drop after exactly 32 seconds when the customer is behind a NAT",     "debug",     mods("sbc"),            []],
  ["one-way audio on calls from the browser softphone: they hear us, we can't hear them", "debug", mods("webrtc-gw"), []],
  ["LCR picks the expensive trunk for UK mobiles",                              "debug",     mods("routing"),        []],
  ["CDRs have a zero duration for calls that were answered",                    "debug",     mods("cdr"),            []],
  ["panic: runtime error: index out of range [3] with length 3\n\ngoroutine 214 [running]:\ngithub.com/switchboard/platform/services/rating/internal/prefix.Longest({0xc0001a2000, 0x3})\n\t/src/services/rating/internal/prefix/match.go:27 +0x1d4\ngithub.com/switchboard/platform/services/rating/internal/rater.(*Rater).Rate(0xc000112000, {0xc0001a2000, 0x3})\n\t/src/services/rating/internal/rater/rater.go:61 +0x8e", "debug", mods("rating"), []],
  ["DTMF digits are doubled in the voice menu, pressing 1 registers as 11",     "debug",     mods("media"),          []],
  ["port-in orders for Irish numbers get rejected but we never show the rejection reason", "debug", mods("numbers"), []],
  ["let customers upload their own hold music as MP3",                          "implement", mods("ivr"),            []],
  ["prepaid customers can keep talking after their balance hits zero",          "debug",     mods("billing"),        []],
  ["VAT is charged on invoices to German companies that gave us a VAT number",  "debug",     mods("billing"),        []],
  ["webhooks for call.completed are sent twice when the customer's endpoint is slow", "debug", mods("public-api"),   []],
  ["MOS shows 4.4 for calls that everyone says were choppy",                    "debug",     mods("monitoring"),     []],
  ["999 calls fail over to the next trunk instead of going to the emergency trunk", "debug", mods("routing"),        []],
  ["desk phones don't auto-provision after a factory reset, MAC address not found", "debug", mods("directory"),      []],
  ["refactor every service to use connect-go instead of grpc-go",               "refactor",  sys,                    []],
  ["audit the edge for SIP INVITE floods",                                      "analyze",   layer("edge"),          []],
  ["how does a call record become a line on the invoice?",                      "analyze",   mods("cdr", "rating", "billing"), []],
  ["ASR alert for Carrier B never fired though half the calls failed last night", "debug",   mods("monitoring"),     []],
  ["rate decks from Carrier A have a header row that we import as a prefix",    "debug",     mods("rating"),         []],
  ["add E.164 validation to the numbers endpoint of the REST API",              "implement", mods("public-api"),     []],
  ["voicemail to email attaches an empty WAV",                                  "debug",     mods("ivr"),            []],
  ["hunt group rings only the first extension and then goes to voicemail",      "debug",     mods("routing"),        []],
  ["Call recordings are deleted after 30 days even for customers on 1-year retention", "debug", mods("media"),       []],
  ["write table-driven tests for the dial plan normalisation",                  "implement", mods("routing"),        []],
  ["the rating service takes 900ms per batch of call records, profile it and speed it up", "optimize", mods("rating"), []],
  ["BUG-2291: TLS registrations from Yealink phones fail with 'certificate unknown' since the cert renewal", "debug", mods("sbc"), []],
  ["G.729 calls sound robotic since the transcoding change",                    "debug",     mods("media"),          []],
  ["is the directory the only service that stores SIP passwords?",             "analyze",   mods("directory"),      []],
  ["numbers released after 90 days still ring the old customer",                "debug",     mods("numbers"),        []],
  ["add per-customer CPS limits on outbound INVITEs",                           "implement", mods("sbc"),            []],
  ["TURN credentials expire mid-call and browser calls drop after an hour",     "debug",     mods("webrtc-gw"),      []],
];

// Manifest V3 content blocker in TypeScript, `.claude/layers/<n>-<layer>/modules/<NAME>_AGENT.md` under
// numbered emoji headings: 1-engine (filter_parser, matcher, dnr_compiler), 2-background (service_worker,
// lists, stats), 3-page (cosmetic, scriptlets, picker), 4-ui (popup, options). On disk:
// src/engine/matcher/token-index.ts, src/page/cosmetic/inject.ts, src/background/lists/updater.ts,
// test/engine/filter-parser.spec.ts, manifest.json.
export const BLOCKADE = tree("blockade");
export const BLOCKADE_ROUTES: Route[] = [
  ["YouTube ads are back since yesterday",                                      "debug",     mods("scriptlets"),     []],
  ["DNR ruleset build fails: too many regex rules",                             "debug",     mods("dnr_compiler"),   []],
  ["cosmetic filters with :has-text() don't apply to content loaded on scroll", "debug",     mods("cosmetic"),       []],
  ["lists never update, EasyList is still last month's version",                "debug",     mods("lists"),          []],
  ["the badge count keeps going up across page navigations",                    "debug",     mods("stats"),          []],
  ["add a 'pause for 1 hour' option next to the popup's switch",                "implement", mods("popup"),          []],
  ["Uncaught TypeError: Cannot read properties of undefined (reading 'tabId')\n    at onMessage (chrome-extension://abcdefghijklmnop/src/background/worker/router.js:31:22)", "debug", mods("service_worker"), []],
  ["refactor the engine so the parser and the matcher share one token type",    "refactor",  layer("1-engine"),      []],
  ["element picker proposes filters with generated class names like .css-1x2y3z that break the next day", "debug", mods("picker"), []],
  ["can't remove a site from the trusted sites in the dashboard",               "debug",     mods("options"),        []],
  ["matching is slow on pages with 3000 requests, the token index seems to miss a lot", "optimize", mods("matcher"), []],
  ["importing a backup JSON from version 1.x wipes My filters",                 "debug",     mods("options"),        []],
  ["Firefox: blocking stops after the browser has been idle for a while",       "debug",     mods("service_worker"), []],
  ["support the $removeparam option",                                           "implement", mods("filter_parser", "dnr_compiler"), []],
  ["BLK-311: anti-adblock wall on news sites still shows with Blockade on",     "debug",     mods("scriptlets"),     []],
  ["CSP errors in the console from our injected style sheet on GitHub",         "debug",     mods("cosmetic"),       []],
  ["review the page layer for anything that slows down first paint",            "analyze",   layer("3-page"),        []],
  ["write vitest tests for the !#if directives in the filter parser",           "implement", mods("filter_parser"),  []],
  ["regional lists aren't picked for browsers set to Portuguese (Brazil)",      "debug",     mods("lists"),          []],
  ["how does a line in My filters end up as a dynamic rule?",                   "analyze",   mods("options", "dnr_compiler"), []],
  ["Report a broken site button does nothing on Edge",                          "debug",     mods("popup"),          []],
  ["pages flash the ads for a second before they get hidden",                   "debug",     mods("cosmetic"),       []],
  ["the stats say 0 trackers blocked in Chrome",                                "debug",     mods("stats"),          []],
  ["move all storage from chrome.storage.local to IndexedDB everywhere",        "refactor",  sys,                    []],
  ["third-party filters block first-party requests on co.uk sites",            "debug",     mods("matcher"),        []],
  ["add a dark mode toggle to the dashboard",                                   "implement", mods("options"),        []],
  ["what does the service worker keep in memory between wake-ups?",             "analyze",   mods("service_worker"), []],
  ["redirect=noop.js filters block the script instead of replacing it",         "debug",     mods("dnr_compiler"),   []],
  ["we're at 29,800 static rules with EasyList and EasyPrivacy, what can we do before we hit the limit?", "analyze", mods("dnr_compiler"), []],
  ["Parsing EasyList takes 400 ms on every service worker start",              "optimize",  mods("filter_parser"),  []],
];

// Django newsroom CMS, flat `.claude/modules/<app>.md` rules files with `description:`, `globs:` and `layer:`
// front matter, no dependencies: platform (accounts, seo), content (stories, media_desk, wires, taxonomy),
// workflow (planning, editing, publishing), audience (paywall, newsletters, comments, search). On disk:
// newsdesk/stories/models.py, newsdesk/paywall/meter.py, newsdesk/wires/ingest/newsml.py,
// tests/publishing/test_embargo.py.
export const NEWSDESK = tree("newsdesk");
export const NEWSDESK_ROUTES: Route[] = [
  ["embargoed story went live an hour early, the clocks changed on Sunday",     "debug",     mods("publishing"),     []],
  ["kill notice from PA didn't take the story down from the apps",             "debug",     mods("wires"),          []],
  ["readers coming from Google get the paywall on their first article",         "debug",     mods("paywall"),        []],
  ["Internal Server Error: /admin/stories/story/4412/change/\nTraceback (most recent call last):\n  File \"/srv/newsdesk/newsdesk/stories/models.py\", line 218, in clean\n    if self.embargo_until < timezone.now():\nTypeError: '<' not supported between instances of 'NoneType' and 'datetime.datetime'", "debug", mods("stories"), []],
  ["the morning briefing went out at 9 instead of 6 today",                     "debug",     mods("newsletters"),    []],
  ["agency pictures are still on the site after their rights ran out",          "debug",     mods("media_desk"),     []],
  ["add a corrections page listing every correction from the last 30 days",     "implement", mods("stories"),        []],
  ["two subs can edit the same story at once, the lock isn't taken",            "debug",     mods("editing"),        []],
  ["Google News sitemap is missing stories published in the last hour",         "debug",     mods("seo"),            []],
  ["refactor the audience apps to read subscriber status from one place",       "refactor",  layer("audience"),      []],
  ["search ranks a 2019 story above today's on the same topic",                 "debug",     mods("search"),         []],
  ["comments stay open on stories the lawyer has flagged",                      "debug",     mods("comments"),       []],
  ["merge the tags 'NHS' and 'National Health Service'",                        "general",   mods("taxonomy"),       []],
  ["SSO: freelancers get logged out every 10 minutes",                          "debug",     mods("accounts"),       []],
  ["the news list doesn't show court cases from the diary",                     "debug",     mods("planning"),       []],
  ["how does a wire story get onto the website?",                               "analyze",   mods("wires", "publishing"), []],
  ["Optimise the story admin page, 40 SQL queries for the revisions inline",    "optimize",  mods("stories"),        []],
  ["writethrus from Reuters create a new story instead of replacing the earlier one", "debug", mods("wires"),        []],
  ["pull quotes lose their attribution when the body is saved",                 "debug",     mods("stories"),        []],
  ["Fastly still serves the old headline for 10 min after an update",           "debug",     mods("publishing"),     []],
  ["add pinned posts to live blogs",                                            "implement", mods("stories"),        []],
  ["review everything but the platform layer for places that assume Europe/London", "analyze",
    mods("stories", "media_desk", "wires", "taxonomy", "planning", "editing", "publishing", "paywall", "newsletters", "comments", "search"), []],
  ["newsletter sign-up form in articles doesn't work for subscribers logged in through Piano", "debug", mods("newsletters"), []],
  ["square crops cut off people's heads, the focal point is ignored",           "debug",     mods("media_desk"),     []],
  ["write pytest tests for the meter reset at the start of the month",          "implement", mods("paywall"),        []],
  ["unpublished stories still come up under related stories",                   "debug",     mods("search"),         []],
  ["upgrade to Django 5.2 everywhere",                                          "general",   sys,                    []],
  ["the standfirst is cut off in the Twitter card",                             "debug",     mods("seo"),            []],
  ["tracked changes show the whole paragraph as changed when only a comma was added", "debug", mods("editing"),      []],
  ["Apple News feed rejects articles with fact boxes",                          "debug",     mods("publishing"),     []],
  ["a topic page for every MP mentioned in stories",                            "implement", mods("taxonomy"),       []],
];
