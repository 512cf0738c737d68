import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A seventh round of trees written apart from the router's tuning (quality-unseen6.test.ts), in
// domains none of the other sets has (a web search engine, a spreadsheet formula engine, an
// insurance claims workflow, a transactional email platform) and spec shapes again unlike theirs:
// numbered layer folders with a folder per module (`1_crawl/frontier/AGENT.md`, `title:` front
// matter), a root CLAUDE.md calling layers "tiers" with module specs that are a Field/Value table,
// Claude Code subagents `policy-lookup-agent.md` (`name: Policy Lookup`, `files:`) next to a
// `code-reviewer.md`, and one-line terse specs under a lower-case `.claude/CLAUDE.md`. The requests
// were written, with their labels, before the router was run on them: tickets, "fix #123" with the
// issue pasted, Go, Java, Node and Elixir traces and test failures, questions, review, audit and
// document asks, layers by synonym, display names, file paths and file:line, typos, non-native
// English, "everything except X", "only the Y", numbered lists. The labels are a careful human's.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Web search engine in Go, `.claude/layers/<n>_<layer>/<module>/AGENT.md`: 1_crawl (frontier "URL
// Frontier", fetcher, robots, extract "Content Extraction"), 2_index (analyzer "Text Analysis",
// segments "Segment Writer", merge "Segment Merger"), 3_query (qparse "Query Parser", ranking, spell
// "Did You Mean"), 4_serve (searchd "Search API", console "Admin Console"). On disk:
// internal/ranking/bm25.go, internal/analyzer/stem_test.go, internal/fetcher/fetch.go.
export const SIFT = tree("sift");
export const SIFT_ROUTES: Route[] = [
  ["crawler hammers docs.example.org with 20 req/s, politeness not respected", "debug",  mods("frontier"),      []],
  ["fetcher follows redirect loops forever between http and https",      "debug",     mods("fetcher"),       []],
  ["we ignore Crawl-delay: 10 in robots.txt",                            "debug",     mods("robots"),        []],
  ["pages behind a cookie banner get indexed as just the banner text",   "debug",     mods("extract"),       []],
  ["German plurals are not stemmed: häuser doesn't match haus",          "debug",     mods("analyzer"),      []],
  ["--- FAIL: TestStemGerman (0.00s)\n    stem_test.go:7: got \"häus\"\nFAIL\nFAIL\tgithub.com/acme/sift/internal/analyzer\t0.012s", "debug", mods("analyzer"), []],
  ["panic: runtime error: index out of range [3] with length 3\n\ngoroutine 81 [running]:\ngithub.com/acme/sift/internal/segments.(*postingsWriter).flush(0xc0001a2000)\n\t/src/sift/internal/segments/postings.go:142 +0x1d4\ngithub.com/acme/sift/internal/segments.(*Writer).Commit(0xc000188000)\n\t/src/sift/internal/segments/writer.go:88 +0x9a", "debug", mods("segments"), []],
  ["merges eat all the disk IO at night, queries time out",              "optimize",  mods("merge"),         []],
  ["phrase queries with a stop word inside never match (\"state of the art\")", "debug", mods("qparse"),      []],
  ["fix #88\n\n> Searching `site:docs.example.org kafka` returns results from other sites too. Expected only docs.example.org.", "debug", mods("qparse"), []],
  ["old pages rank above fresh ones, freshness boost seems inverted",    "debug",     mods("ranking"),       []],
  ["internal/ranking/bm25.go:8 uses the natural log, is that what the paper does?", "analyze", mods("ranking"), []],
  ["top-k with WAND is slower than brute force for 1-word queries",      "optimize",  mods("ranking"),       []],
  ["did you mean suggests 'kafak' for 'kafka'",                          "debug",     mods("spell"),         []],
  ["add a `/similar/{id}` endpoint to the search api that returns more-like-this documents", "implement", mods("searchd"), []],
  ["p99 of /search went from 90 ms to 400 ms after the shard fan-out change", "optimize", mods("searchd"),    []],
  ["admin console: zero-result queries page is empty although we have many", "debug", mods("console"),       []],
  ["how does a deleted page get removed from the index end to end?",     "analyze",   sys,                   []],
  ["review the crawl layer for SSRF (fetching internal IPs)",            "analyze",   layer("1_crawl"),      []],
  ["refactor the index layer so segments and merge share one file format package", "refactor", layer("2_index"), []],
  ["write tests for the query side",                                     "implement", layer("3_query"),      []],
  ["bump Go to 1.24 in all modules except the console",                  "general",   mods("frontier", "fetcher", "robots", "extract", "analyzer", "segments", "merge", "qparse", "ranking", "spell", "searchd"), []],
  ["only the fetcher: replace the global http.Client with one per worker", "refactor", mods("fetcher"),      []],
  ["sitemaps listed in robots.txt are ignored",                          "debug",     mods("robots"),        []],
  ["1. add a `boost` field to the stored fields of a doc\n2. write it when flushing a segment\n3. use it as a prior in scoring", "implement", mods("segments", "ranking"), []],
  ["Pls the charset of japanese pages is wrong, we see mojibake in snippets", "debug", mods("extract"),       []],
  ["can you document how the ranking score is computed",                 "general",   mods("ranking"),       []],
];

// Spreadsheet formula engine in TypeScript, a root CLAUDE.md calling layers "tiers", module specs
// in `.claude/layers/<tier>/<NAME>_AGENT.md` that are a Field/Value table: model (cells "Cell Store",
// workbook "Workbook Model", numfmt "Number Formats"), formula (fparser "Formula Parser", functions
// "Function Library", refs "Reference Resolver"), calc (depgraph "Dependency Graph", recalc "Recalc
// Scheduler", pivot "Pivot Tables"), io (xlsx "XLSX Import/Export", csv_io "CSV", collab "Live
// Collaboration"). On disk: packages/functions/src/lookup.ts, packages/functions/test/lookup.test.ts,
// packages/recalc/src/scheduler.ts.
export const GRIDCALC = tree("gridcalc");
export const GRIDCALC_ROUTES: Route[] = [
  ["=-2^2 gives -4, Excel gives 4",                                      "debug",     mods("fparser"),       []],
  ["VLOOKUP with FALSE returns a value for a missing key instead of #N/A", "debug",   mods("functions"),     []],
  ["FAIL packages/functions/test/lookup.test.ts > exact match returns #N/A when missing\nAssertionError: expected undefined to be '#N/A'", "debug", mods("functions"), []],
  ["NETWORKDAYS counts the end date twice when it is a holiday",         "debug",     mods("functions"),     []],
  ["add XMATCH",                                                         "implement", mods("functions"),     []],
  ["copying =A1+$B$1 down one row gives =A2+$B$2",                       "debug",     mods("refs"),          []],
  ["deleting a column that a formula points to leaves a stale value instead of #REF!", "debug", mods("refs"), []],
  ["SUM(A:A) on a 1M row sheet makes every edit take 3 seconds",         "optimize",  mods("depgraph"),      []],
  ["circular reference not detected when it goes through INDIRECT",      "debug",     mods("depgraph"),      []],
  ["NOW() doesn't update when I edit another cell",                      "debug",     mods("depgraph"),      []],
  ["UI freezes during recalc of big workbooks, the worker doesn't yield", "debug",    mods("recalc"),        []],
  ["packages/recalc/src/scheduler.ts:4 pushes dependents before the cell is computed, order is wrong", "debug", mods("recalc"), []],
  ["pivot grand total for Average is the average of averages",           "debug",     mods("pivot"),         []],
  ["add a 'show values as % of column total' option to pivot tables",    "implement", mods("pivot"),         []],
  ["dates before 1900-03-01 are off by one day in exported xlsx",        "debug",     mods("xlsx"),          []],
  ["opening a 80MB xlsx crashes the tab: RangeError: Array buffer allocation failed\n    at new ArrayBuffer (<anonymous>)\n    at readEntry (packages/xlsx/src/zip.ts:57:19)\n    at Object.load (packages/xlsx/src/reader.ts:23:11)", "debug", mods("xlsx"), []],
  ["csv import turns 1.234,56 into 1.234 for German users",              "debug",     mods("csv_io"),        []],
  ["two people typing in the same cell: one edit vanishes",              "debug",     mods("collab"),        []],
  ["after reconnect the other user's row insert is applied twice",       "debug",     mods("collab"),        []],
  ["#,##0.00;[Red]-#,##0.00 shows negative numbers in black",            "debug",     mods("numfmt"),        []],
  ["what happens to named ranges when you rename a sheet?",              "analyze",   mods("workbook"),      []],
  ["audit the formula tier for prototype pollution via sheet names",     "analyze",   layer("formula"),      []],
  ["refactor the io packages to share one streaming reader",             "refactor",  layer("io"),           []],
  ["undo after a paste undoes only the first cell",                      "debug",     mods("workbook"),      []],
  ["cells: inserting a row above a merged range breaks the merge",       "debug",     mods("cells"),         []],
  ["migrate everything from jest to vitest except collab",               "general",   mods("cells", "workbook", "numfmt", "fparser", "functions", "refs", "depgraph", "recalc", "pivot", "xlsx", "csv_io"), []],
  ["document the calc tier",                                             "general",   layer("calc"),         []],
  ["Hi, can you make IRR converge? it returns #NUM! for cashflows that Excel solves", "debug", mods("functions"), []],
];

// Insurance claims workflow in Java, Claude Code subagents `.claude/agents/<id>-agent.md` (`name:`
// display names, `files:`), layers from `.claude/SYSTEM_ORCHESTRATOR.md`'s table, and a task
// subagent `code-reviewer.md`: intake (fnol "First Notice of Loss", policy-lookup "Policy Lookup",
// documents "Document Inbox"), assessment (triage, fraud "Fraud Scoring", adjuster "Adjuster
// Workbench", reserves), settlement (payouts "Claim Payments", subrogation, letters
// "Correspondence"), portals (customer-portal "Claims Portal", broker-api "Broker API"). On disk:
// src/main/java/com/claimsure/fraud/FraudScorer.java, src/test/java/.../reserves/InitialReserveTest.java.
export const CLAIMSURE = tree("claimsure");
export const CLAIMSURE_ROUTES: Route[] = [
  ["same storm claim registered twice for one policy, duplicate check didn't fire", "debug", mods("fnol"),   []],
  ["claims on lapsed policies are accepted as covered",                  "debug",     mods("policy-lookup"), []],
  ["java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n\tat org.springframework.ws.client.core.WebServiceTemplate.sendAndReceive(WebServiceTemplate.java:585)\n\tat com.claimsure.policy.PolicyAdminClient.coverageAt(PolicyAdminClient.java:74)\n\tat com.claimsure.triage.TriageService.route(TriageService.java:51)", "debug", mods("policy-lookup"), []],
  ["OCR reads the invoice total 1.250,00 as 1.25",                       "debug",     mods("documents"),     []],
  ["police reports get classified as invoices",                          "debug",     mods("documents"),     []],
  ["fast track pays claims of 1.800 EUR, limit is 1.500",                "debug",     mods("triage"),        []],
  ["SLA timers keep running while we wait for the customer",             "debug",     mods("triage"),        []],
  ["fraud score is 0 for every claim since the ONNX upgrade",            "debug",     mods("fraud"),         []],
  ["src/main/java/com/claimsure/fraud/FraudScorer.java ignores the model and only counts flags", "debug", mods("fraud"), []],
  ["add a red flag when the IBAN was changed less than 7 days before the payment", "implement", mods("fraud"), []],
  ["senior handlers can approve 80k, limit should be 50k",               "debug",     mods("adjuster"),      []],
  ["let handlers appoint a repairer from the workbench with one click",  "implement", mods("adjuster"),      []],
  ["InitialReserveTest.waterDamageStartsAt3000 fails:\norg.opentest4j.AssertionFailedError: expected: <3000.00> but was: <2500.00>\n\tat com.claimsure.reserves.InitialReserveTest.waterDamageStartsAt3000(InitialReserveTest.java:9)", "debug", mods("reserves"), []],
  ["monthly reserve movement export is missing the closed claims",       "debug",     mods("reserves"),      []],
  ["deductible subtracted on every partial payment, not once per claim", "debug",     mods("payouts"),       []],
  ["sepa file rejected by bank: invalid character in remittance info (umlaut)", "debug", mods("payouts"),    []],
  ["knock for knock claims still get demand letters",                    "debug",     mods("subrogation"),   []],
  ["decline letters in french come with german reasons",                 "debug",     mods("letters"),       []],
  ["customer cannot upload photos from iphone (HEIC) in the portal",     "debug",     mods("customer-portal"), []],
  ["broker webhooks fire twice on status change",                        "debug",     mods("broker-api"),    []],
  ["How does a claim get from FNOL to the first payment? which services are involved", "analyze", sys,       []],
  ["review the settlement layer for rounding issues",                    "analyze",   layer("settlement"),   []],
  ["GDPR: audit everything except the portals for personal data in logs", "analyze",  mods("fnol", "policy-lookup", "documents", "triage", "fraud", "adjuster", "reserves", "payouts", "subrogation", "letters"), []],
  ["refactor assessment to use Camunda 8 job workers instead of the REST polling", "refactor", layer("assessment"), []],
  ["upgrade Spring Boot to 3.4",                                         "general",   sys,                   []],
  ["fix #231\n\n> Broker firm Alpha sees the claims of broker firm Beta in GET /claims. Serious, please fix asap.", "debug", mods("broker-api"), []],
  ["you should add a 'travel' line of business to the triage queues",    "implement", mods("triage"),        []],
];

// Transactional email platform in Elixir, terse one-paragraph specs in
// `.claude/layers/<layer>/modules/`, a lower-case `.claude/CLAUDE.md`: edge (smtp_in "Inbound SMTP",
// api_send "Send API", templates), queue (queue_mgr "Mail Queue", throttle "ISP Throttling",
// suppression "Suppression List", dkim "DKIM Signing"), delivery (mx_out "Outbound Delivery",
// bounces "Bounce Processing"), insight (webhooks "Event Webhooks", stats "Deliverability Stats").
// On disk: lib/relay/bounces/classifier.ex, test/relay/throttle_test.exs.
export const RELAY = tree("relay");
export const RELAY_ROUTES: Route[] = [
  ["SMTP AUTH fails for passwords with non-ascii chars",                 "debug",     mods("smtp_in"),       []],
  ["550 5.1.1 from gmail is treated as a soft bounce",                   "debug",     mods("bounces"),       []],
  ["** (FunctionClauseError) no function clause matching in Relay.Bounces.Classifier.classify/1\n    (relay 1.4.0) lib/relay/bounces/classifier.ex:2: Relay.Bounces.Classifier.classify(nil)\n    (relay 1.4.0) lib/relay/bounces/parser.ex:41: Relay.Bounces.Parser.handle/1", "debug", mods("bounces"), []],
  ["batch send with 1000 recipients returns 413",                        "debug",     mods("api_send"),      []],
  ["idempotency key is ignored when the retry comes within 1s",          "debug",     mods("api_send"),      []],
  ["add support for attachments in the send api",                        "implement", mods("api_send"),      []],
  ["template preview shows {{first_name}} literally",                    "debug",     mods("templates"),     []],
  ["mails to outlook sit in the queue for 6h after a single 421",        "debug",     mods("throttle"),      []],
  ["  1) test gmail limit backs off on 421 (Relay.ThrottleTest)\n     test/relay/throttle_test.exs:3\n     Assertion with < failed\n     code:  assert Relay.Throttle.limit(:gmail, deferrals: 3) < 100\n     left:  120\n     right: 100", "debug", mods("throttle"), []],
  ["we keep sending to addresses that unsubscribed yesterday",           "debug",     mods("suppression"),   []],
  ["DKIM fails at yahoo when the subject has a folded header",           "debug",     mods("dkim"),          []],
  ["rotate DKIM keys automatically every 6 months",                      "implement", mods("dkim"),          []],
  ["TLS handshake errors to some MX, we don't fall back to the next MX", "debug",     mods("mx_out"),        []],
  ["outbound connections aren't reused, we open 1 conn per mail",        "optimize",  mods("mx_out"),        []],
  ["customers webhook endpoint down -> our webhook workers pile up and memory grows to 8GB", "debug", mods("webhooks"), []],
  ["open rate is over 100% for some campaigns",                          "debug",     mods("stats"),         []],
  ["daily rollups take 40 min, make them faster",                        "optimize",  mods("stats"),         []],
  ["queue: add a priority lane for password reset mails",                "implement", mods("queue_mgr"),     []],
  ["what happens to a mail when all retries fail after 72h? do we notify the customer?", "analyze", mods("queue_mgr", "webhooks"), []],
  ["security audit of the edge layer",                                   "analyze",   layer("edge"),         []],
  ["refactor the delivery layer, mx_out and bounces duplicate the SMTP reply parsing", "refactor", layer("delivery"), []],
  ["upgrade to elixir 1.17 / OTP 27 in all apps",                        "general",   sys,                   []],
  ["only the insight part: add telemetry events",                        "implement", layer("insight"),      []],
  ["complaints from the hotmail feedback loop are not added to suppression", "debug", mods("bounces"),       []],
  ["Hello, after we moved the IPs the warmup plan is not applied, new IP sends full volume day 1", "debug", mods("throttle"), []],
  ["document how retries work",                                          "general",   mods("queue_mgr"),     []],
  ["connection limit per account on port 587 is not enforced",           "debug",     mods("smtp_in"),       []],
];
