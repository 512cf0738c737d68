import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// Requests on four trees written apart from the router's tuning (quality-unseen.test.ts), in
// the shapes other people write specs: ids that are abbreviations (`inv_svc`, `pmt`, `cmts`),
// purposes in a front matter `description`, plain "Type: module" lines, "Overview" and
// "Exposes" headings, specs of one line. The requests name no module id unless people would;
// the scope is what a careful human would pick, in spec order.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// A web shop: layers domain (catalog, inv_svc, pricing), services (cart, customers, notif,
// orders_api, pmt), web (admin_dash, storefront). Emoji headings.
export const SHOP = tree("shop");
export const SHOP_ROUTES: Route[] = [
  // "orders" is a part of orders_api's id, but the discount is pricing's; the order is where it applies.
  ["add a discount for bulk orders",                                   "implement", mods("pricing", "orders_api"), []],
  ["give customers 10% off with a coupon code on their first purchase", "general",  mods("pricing"),        []],
  ["discounted items should not stack with coupons",                   "general",   mods("pricing"),        []],
  ["add sales tax for Canadian provinces",                             "implement", mods("pricing"),        []],
  ["Stripe webhook fails with 'No signatures found matching the expected signature for payload'", "debug", mods("pmt"), []],
  ["refunds are not issued when an order is cancelled after shipping", "debug",     mods("orders_api", "pmt"), []],
  ["stock goes negative when two people buy the last unit",            "debug",     mods("inv_svc"),        []],
  ["TypeError: Cannot read properties of undefined (reading 'sku') at reserve (src/inventory/reserve.ts:42:17)", "debug", mods("inv_svc"), []],
  ["send a text message when the parcel ships",                        "general",   mods("notif"),          []],
  ["optimize the product search",                                      "optimize",  mods("catalog"),        []],
  ["refactor the cart so the total comes only from pricing",           "refactor",  mods("pricing", "cart"), []],
  ["how are coupon codes validated?",                                  "analyze",   mods("pricing"),        []],
  ["add Apple Pay on the checkout page",                               "implement", mods("pmt", "storefront"), []],
  ["let shoppers keep several shipping addresses",                     "implement", mods("customers"),      []],
  ["the back office order list takes 8 seconds to load",               "optimize",   mods("admin_dash"),     []],
  ["reserved units are never released when the payment fails",        "debug",     mods("inv_svc", "pmt"), []],
  ["award double loyalty points on Black Friday",                      "general",   mods("customers"),      []],
  ["the guest basket is lost after signing in",                        "debug",     mods("cart"),           []],
  ["the notifications are slow",                                       "optimize",  mods("notif"),          []],
  ["why does a cancelled order still hold stock?",                     "analyze",   mods("inv_svc", "orders_api"), []],
  // The abbreviated id's words before "service", where `services` is a layer.
  ["fix the inventory service",                                        "debug",     mods("inv_svc"),        []],
  ["the payment service charges some cards twice",                     "debug",     mods("pmt"),            []],
  // A module's name as the subject, the rest another module's.
  ["the cart ignores coupons",                                         "debug",     mods("pricing", "cart"), []],
];

// A data pipeline: layers ingestion (file_drop, kafka_src, schema_reg), processing (agg,
// dedup, enrich), storage (lake, wh_writer), reporting (alerting, dash). Plain headings,
// front matter `depends_on`, "Overview" for the purpose.
export const PIPELINE = tree("pipeline");
export const PIPELINE_ROUTES: Route[] = [
  ["pick up the new vendor feed from the SFTP drop",                   "general",   mods("file_drop"),      []],
  ["the same partner file got ingested twice after a rename",          "debug",     mods("file_drop"),      []],
  ["duplicate events after a consumer restart",                        "debug",     mods("dedup"),          []],
  ["add city-level geo lookup for IP addresses",                       "implement", mods("enrich"),         []],
  ["consumer lag keeps growing during peak hours",                     "debug",     mods("kafka_src"),      []],
  ["optimize the hourly rollups",                                      "optimize",  mods("agg"),            []],
  ['warehouse load fails: psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "fact_sessions_pkey"', "debug", mods("wh_writer"), []],
  ["backfill March for the parquet partitions",                        "general",   mods("lake"),           []],
  ["the revenue dashboard shows zero for yesterday",                   "debug",     mods("dash"),           []],
  ["page the on-call when a job misses its SLA twice in a row",        "general",   mods("alerting"),       []],
  ["move the Avro schema checks out of the Kafka consumer into the schema registry", "refactor", mods("kafka_src", "schema_reg"), []],
  ["what happens to late events after the window closes?",             "analyze",   mods("agg"),            []],
  ["compact small files every night instead of weekly",                "general",   mods("lake"),           []],
  ["Slack alerts fire for every retry, not just the final failure",    "debug",     mods("alerting"),       []],
  ["is the new schema version backward compatible?",                   "analyze",   mods("schema_reg"),     []],
  ["prices in EUR are not converted before the revenue rollup",        "debug",     mods("enrich", "agg"),  []],
  ["the aggregation is wrong for the last hour of the day",            "debug",     mods("agg"),            []],
  ["split the enrichment step into geo and currency parts",           "general",   mods("enrich"),         []],
  ["why are some sessions counted twice in the daily rollup?",         "analyze",   mods("agg"),            []],
  ["rename the warehouse loader to fact loader",                       "refactor",  mods("wh_writer"),      []],
  ["file_drop and kafka_src validate schemas differently, unify them", "refactor", mods("file_drop", "kafka_src"), []],
  ["review the processing layer",                                      "analyze",   layer("processing"),    []],
  ["upgrade every job to Python 3.12",                                 "general",   sys,                    []],
];

// A command-line backup tool in Go: layers backends (storage_be), core (cfg, chunker, crypto,
// prune, repo, snapshot), cmd (cli, progress; specs directly in the layer). No Purpose
// heading: the first paragraph says it; "Exposes" for what a module provides.
export const SNAPR = tree("snapr");
export const SNAPR_ROUTES: Route[] = [
  ["add an --exclude flag that takes glob patterns",                   "implement", mods("snapshot", "cli"), []],
  ["uploads to Backblaze B2 time out after 30 seconds",                "debug",     mods("storage_be"),     []],
  ["restore fails with 'blob 3fa9 not found in pack index'",           "debug",     mods("repo"),           []],
  ["support XChaCha20-Poly1305 as a second cipher",                    "implement", mods("crypto"),         []],
  ["keep 7 daily and 4 weekly snapshots by default",                   "general",   mods("prune"),          []],
  ["the status line flickers on Windows terminals",                    "debug",     mods("progress"),       []],
  ["speed up chunking of large VM images",                             "optimize",  mods("chunker"),        []],
  ["read the repository password from a file named in an environment variable", "general", mods("cfg"), []],
  ["refactor the S3 and SFTP backends to share the retry loop",        "refactor",  mods("storage_be"),     []],
  ["goroutine 1 [running]:\ngithub.com/acme/snapr/internal/prune.(*Policy).Apply(...)\n\t/home/ci/snapr/internal/prune/policy.go:88 +0x1d4", "debug", mods("prune"), []],
  ["config.toml in ~/.config is ignored when the flag is not given",   "debug",     mods("cfg"),            []],
  ["symlinks are restored as regular files",                           "debug",     mods("snapshot"),       []],
  ["two backups at once corrupt the repository: the lock is not taken", "debug",    mods("repo"),           []],
  ["add fish shell completion",                                        "implement", mods("cli"),            []],
  ["why does changing one byte of a file upload the whole file again?", "analyze",  mods("chunker"),        []],
  ["the config package ignores XDG_CONFIG_HOME",                       "debug",     mods("cfg"),            []],
  ["keep the last 10 snapshots",                                       "general",   mods("prune"),          []],
  ["restore of a 2 GB file runs out of memory",                        "debug",     mods("snapshot"),       []],
  ["why does check report missing packs after prune?",                 "analyze",   mods("prune"),          []],
  ["since the upgrade:\ngoroutine 12 [running]:\ngithub.com/acme/snapr/internal/chunker.(*Chunker).Next(...)\n    internal/chunker/cdc.go:57 +0x3c", "debug", mods("chunker"), []],
];

// Terse specs: a title, one line of purpose, a `**Module**` path. A blog engine: layers base
// (mailer, media, users), app (cmts, mod_q, posts, search_idx, themes), jobs (digest, feeds).
export const TERSE = tree("terse");
export const TERSE_ROUTES: Route[] = [
  ["spam gets through on old articles",                                "debug",     mods("mod_q"),          []],
  ["add an RSS feed per tag",                                          "implement", mods("feeds"),          []],
  ["photos uploaded from phones show up rotated",                      "debug",     mods("media"),          []],
  ["search finds nothing for words with accents",                      "debug",     mods("search_idx"),     []],
  ["let authors schedule an article for later",                        "implement", mods("posts"),          []],
  ["add a dark mode to the public site",                               "implement", mods("themes"),         []],
  ["password reset emails never arrive",                               "debug",     mods("users", "mailer"), []],
  ["optimize thumbnail generation",                                    "optimize",  mods("media"),          []],
  ["allow replies to replies in comments",                             "implement", mods("cmts"),           []],
  ["what decides which articles go into the Atom feed?",               "analyze",   mods("feeds"),          []],
  ["the weekly newsletter goes out twice to some subscribers",         "debug",     mods("digest"),         []],
  ["flagged comments vanish instead of waiting for review",            "debug",     mods("mod_q", "cmts"),  []],
  ["why are some subscribers missing from the digest?",                "analyze",   mods("digest"),         []],
  ["who decides which comments are held for moderation?",              "analyze",   mods("mod_q"),          []],
];
