import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A tenth round of trees written apart from the router's tuning (quality-unseen9.test.ts), in domains
// none of the other sets has (an Android run tracker, a dbt warehouse, a Terraform platform repo, a
// Svelte + Deno meal planner) and spec shapes again unlike theirs: `_AGENT.md` files placed directly in
// their layer folders beside `<LAYER>_ORCHESTRATOR.md`, with a system table whose `AKA` column names each
// layer otherwise ("persistence", "use cases", "screens"); a tree without `.claude/layers` whose folders
// (`.claude/staging/`, `.claude/marts/`) are its layers, `**Owns**:` fields and the system spec in
// `.claude/CLAUDE.md`; module folders holding only a README.md (`.claude/layers/data/rds/README.md`,
// `**Files**:`, "Depends on:" as a plain line) under a system table with an "Also known as" column
// ("landing zone", "platform services"); a Deno workspace whose packages carry their own CLAUDE.md or
// AGENTS.md, placed in layers by the root CLAUDE.md's Package/Layer table. The requests were written,
// with their labels, before the router was run on them: tickets, logcat and Deno traces, dbt and
// Terraform error output, questions, review, audit and document asks, layers by their other names,
// typos, "everything except X", two modules named, faults told only in the domain's words, flow
// questions. The labels are a careful human's: the fix's place, not the first frame, when a trace
// shows a caller misusing a library; a flow between modules is the modules on its way.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Android run tracker in Kotlin, `_AGENT.md` directly in layer folders: data "persistence" (tracks_db,
// sync, prefs), domain "use cases" (pace, routes, goals), feature "screens, presentation" (recording
// "Live Recording", history "Workout History", onboarding, widgets), platform "system services"
// (location, health_connect, notifications). On disk: platform/location/.../FixFilter.kt,
// domain/pace/.../AutoPause.kt and SplitsTest.kt, core/database/.../Migrations.kt,
// core/sync/.../GpxExporter.kt, feature/history/.../HistoryViewModel.kt.
export const STRIDE = tree("stride");
export const STRIDE_ROUTES: Route[] = [
  ["auto-pause kicks in at traffic lights but never resumes when I start running again", "debug", mods("pace"), []],
  ["App crashes when I finish a run with the screen locked\n\nFATAL EXCEPTION: main\nProcess: app.stride, PID: 12345\njava.lang.IllegalStateException: Cannot access database on the main thread since it may potentially lock the UI for a long period of time.\n\tat androidx.room.RoomDatabase.assertNotMainThread(RoomDatabase.kt:152)\n\tat app.stride.db.WorkoutDao_Impl.finish(WorkoutDao_Impl.kt:211)\n\tat app.stride.recording.RecordingViewModel.onFinish(RecordingViewModel.kt:88)", "debug", mods("recording"), []],
  ["GPS track has straight lines cutting across buildings when the signal comes back after a tunnel", "debug", mods("location"), []],
  ["km splits are off by a few seconds compared to my Garmin",                 "debug",     mods("pace"),          []],
  ["add a weekly goal for cycling separate from running",                      "implement", mods("goals"),         []],
  ["add the prominent disclosure dialog before asking for background location, Play rejected 2.14", "implement", mods("onboarding"), []],
  ["refactor the persistence layer so every DAO returns Flow instead of suspend lists", "refactor", layer("data"), []],
  ["review the screens for accessibility (TalkBack labels, 48dp touch targets)", "analyze", layer("feature"),      []],
  ["the widget still shows last week's km on Monday morning",                  "debug",     mods("widgets"),       []],
  ["heart rate chart is empty for runs recorded with a Polar strap",           "debug",     mods("health_connect"), []],
  ["sync uploads the same run twice if the app is killed during the upload",   "debug",     mods("sync"),          []],
  ["Exported GPX has no elevation",                                            "debug",     mods("sync"),          []],
  ["Room migration 7->8 crashes on upgrade for users who skipped version 7",   "debug",     mods("tracks_db"),     []],
  ["make the history list scroll smoothly with 2000+ workouts, it janks",      "optimize",  mods("history"),       []],
  ["how does a GPS fix end up as a point on the live map?",                    "analyze",   mods("location", "recording"), []],
  ["notif for goal reached fires twice",                                       "debug",     mods("notifications"), []],
  ["Personal records: fastest 5k is wrong when the run had a pause in it",     "debug",     mods("goals"),         []],
  ["audio cues speak English even though the phone is set to German",          "debug",     mods("recording"),     []],
  ["off-course alert goes off constantly on switchbacks",                      "debug",     mods("routes"),        []],
  ["write unit tests for the use cases layer",                                 "implement", layer("domain"),       []],
  ["Implement imperial units throughout the app",                              "implement", sys,                   []],
  ["why does the app drain 20% battery an hour while recording?",              "analyze",   mods("location"),      []],
  ["Deleting a workout doesn't remove it from the server",                     "debug",     mods("sync"),          []],
  ["sign in with the email link opens Chrome instead of the app",              "debug",     mods("onboarding"),    []],
  ["java.lang.SecurityException: Caller doesn't have android.permission.health.WRITE_EXERCISE_ROUTE\n\tat androidx.health.connect.client.impl.HealthConnectClientImpl.insertRecords(HealthConnectClientImpl.kt:118)\n\tat app.stride.health.HealthConnectBridge.writeSession(HealthConnectBridge.kt:64)\n\tat app.stride.recording.RecordingViewModel$finish$1.invokeSuspend(RecordingViewModel.kt:97)", "debug", mods("health_connect"), []],
  ["pace jumps around like crazy, 4:30 then 7:10 then 5:00 within a few seconds", "debug",   mods("pace"),          []],
  ["add a lap button to the record screen and store the laps",                 "implement", mods("recording", "tracks_db"), []],
  ["RecordingViewModel is 900 lines, split it up",                             "refactor",  mods("recording"),     []],
  ["everything in platform except notifications: move to compileSdk 35 and clean up the deprecations", "refactor", mods("location", "health_connect"), []],
  ["privacy review: what data do we send to the server, and when?",            "analyze",   mods("sync"),          []],
];

// dbt warehouse on Snowflake, no `.claude/layers`: folders staging (stg_stripe, stg_hubspot, stg_events),
// intermediate (int_revenue, int_sessions, identity), marts (finance, product, marketing), ops
// (snapshots, macros, orchestration, quality), each with a README.md; system spec `.claude/CLAUDE.md`.
// On disk: models/staging/stripe/stg_stripe__invoices.sql, models/intermediate/revenue/int_mrr_movements.sql,
// models/marts/finance/fct_mrr.sql, macros/cents_to_dollars.sql, models/intermediate/sessions/int_sessions.sql,
// orchestration/schedules.py, tests/assert_mrr_not_negative.sql.
export const QUARRY = tree("quarry");
export const QUARRY_ROUTES: Route[] = [
  ["MRR for March is double what Stripe shows",                                "debug",     mods("int_revenue"),   []],
  ["annual plans show the full amount in the month they're paid instead of spread over the year", "debug", mods("int_revenue"), []],
  ["Database Error in model stg_stripe__invoices (models/staging/stripe/stg_stripe__invoices.sql)\n  100038 (22018): Numeric value 'usd' is not recognized\n  compiled Code at target/run/quarry/models/staging/stripe/stg_stripe__invoices.sql", "debug", mods("stg_stripe"), []],
  ["Failure in test unique_fct_mrr_customer_id__month (models/marts/finance/_finance.yml)\n  Got 14 results, configured to fail if != 0", "debug", mods("finance"), []],
  ["sessions get split in two at midnight for users in California",            "debug",     mods("int_sessions"),  []],
  ["add a dim_plans model to the finance mart",                                "implement", mods("finance"),       []],
  ["the same person appears 3 times in dim_customers after changing their email", "debug",  mods("identity"),      []],
  ["source freshness for hubspot keeps erroring on weekends",                  "debug",     mods("stg_hubspot"),   []],
  ["the 05:00 full build now takes 3 hours, it used to be 40 minutes",         "optimize",  sys,                   []],
  ["make int_sessions cheaper, it scans the whole events table every hour",    "optimize",  mods("int_sessions"),  []],
  ["attribution gives 100% of the credit to direct traffic",                   "debug",     mods("marketing"),     []],
  ["the plan history shows two rows valid at the same time for one customer",  "debug",     mods("snapshots"),     []],
  ["Refactor the staging layer onto codegen-generated base models",           "refactor",  layer("staging"),      []],
  ["review the marts for PII before the sales team gets Looker access",        "analyze",   layer("marts"),        []],
  ["add a macro for fiscal quarter",                                           "implement", mods("macros"),        []],
  ["Slack alert doesn't fire when dbt build fails in Dagster",                 "debug",     mods("orchestration"), []],
  ["CI slim build runs every model instead of only the modified ones",         "debug",     mods("quality"),       []],
  ["NRR is over 200% for Q2, something's off",                                 "debug",     mods("finance"),       []],
  ["bot traffic is inflating weekly active users",                             "debug",     mods("stg_events"),    []],
  ["How does a Stripe invoice become a row in fct_mrr?",                       "analyze",   mods("stg_stripe", "int_revenue", "finance"), []],
  ["document the intermediate models",                                         "general",   layer("intermediate"), []],
  ["downgrading to the free plan is counted as contraction, should be churn",  "debug",     mods("int_revenue"),   []],
  ["activation rate dropped to 0 since Tuesday",                               "debug",     mods("product"),       []],
  ["add HubSpot tickets as a new staging model",                               "implement", mods("stg_hubspot"),   []],
  ["Compilation Error in model fct_mrr (models/marts/finance/fct_mrr.sql)\n  'cents_to_dollars' is undefined. This can happen when calling a macro that does not exist.", "debug", mods("macros"), []],
  ["dev runs keep writing into the prod schema",                               "debug",     mods("macros"),        []],
  ["late-arriving events from the mobile apps (recorded offline) never make it into sessions", "debug", mods("int_sessions"), []],
  ["add row count anomaly monitors for all the marts",                         "implement", mods("quality"),       []],
  ["snapshot HubSpot companies too so we keep their lifecycle stage history",  "implement", mods("snapshots"),     []],
  ["the CAC numbers in Looker don't match finance's spreadsheet - which one is right?", "analyze", mods("marketing"), []],
];

// Terraform platform repo, module folders with a README.md only: foundation "landing zone" (network,
// dns, iam), compute "clusters" (eks, nodepools, ci_runners), data "stateful" (rds, redis, buckets),
// delivery "platform services" (argocd, observability, secrets). On disk: modules/network/nat.tf,
// modules/eks/irsa.tf, modules/nodepools/karpenter.tf, modules/rds/main.tf, modules/buckets/lifecycle.tf,
// envs/prod/main.tf (owned by no module).
export const BEDROCK = tree("bedrock");
const BEDROCK_ALL_BUT_RUNNERS = mods("network", "dns", "iam", "eks", "nodepools", "rds", "redis", "buckets", "argocd", "observability", "secrets");
export const BEDROCK_ROUTES: Route[] = [
  ["│ Error: creating EC2 NAT Gateway: InvalidAllocationID.NotFound: The allocation ID 'eipalloc-0a1b2c3d' does not exist\n│ \n│   with module.network.aws_nat_gateway.this[1],\n│   on ../../modules/network/nat.tf line 1, in resource \"aws_nat_gateway\" \"this\":\n│    1: resource \"aws_nat_gateway\" \"this\" {", "debug", mods("network"), []],
  ["pods can't assume their IAM role: WebIdentityErr: failed to retrieve credentials", "debug", mods("eks"),        []],
  ["Karpenter keeps spinning up new nodes and killing them every few minutes", "debug",     mods("nodepools"),     []],
  ["add an arm64 (Graviton) node pool for batch jobs",                         "implement", mods("nodepools"),     []],
  ["enable control plane audit logs on the prod cluster",                      "implement", mods("eks"),           []],
  ["Argo synced to prod on Friday afternoon even though the sync window should block it", "debug", mods("argocd"),  []],
  ["review the landing zone for anything publicly reachable",                  "analyze",   layer("foundation"),   []],
  ["alerts for redis evictions go to the wrong PagerDuty service",             "debug",     mods("observability"), []],
  ["create a bucket for the data team's exports with 7 year retention",        "implement", mods("buckets"),       []],
  ["NAT gateway data processing is $9k a month, can we cut it?",               "optimize",  mods("network"),       []],
  ["RDS backups in dev are kept 35 days, should be 7",                         "debug",     mods("rds"),           []],
  ["cert for api.staging.bedrock.example expired, ACM didn't renew it",        "debug",     mods("dns"),           []],
  ["the CI runners take 4 minutes to pick up a job",                           "optimize",  mods("ci_runners"),    []],
  ["Error: Invalid count argument\n\n  on ../../modules/nodepools/karpenter.tf line 12, in resource \"aws_iam_role_policy_attachment\" \"spot\":\n  12:   count = length(var.spot_policies)\n\nThe \"count\" value depends on resource attributes that cannot be determined until apply", "debug", mods("nodepools"), []],
  ["External Secrets doesn't pick up the rotated DB password until the pod restarts", "debug", mods("secrets"),    []],
  ["how does a secret in Secrets Manager end up in a pod's environment?",      "analyze",   mods("secrets"),       []],
  ["refactor the data layer modules to use for_each instead of count",         "refactor",  layer("data"),         []],
  ["tag everything in the stateful layer with data-classification",            "implement", layer("data"),         []],
  ["checkov flags CKV_AWS_21 on the exports bucket: versioning not enabled",   "debug",     mods("buckets"),       []],
  ["the break-glass role can be assumed without MFA",                          "debug",     mods("iam"),           []],
  ["add an Aurora read replica in us-east-1 for DR",                           "implement", mods("rds"),           []],
  ["terraform plan for prod shows the redis replication group being replaced every time", "debug", mods("redis"),  []],
  ["Grafana dashboards aren't provisioned anymore after the helm upgrade",     "debug",     mods("observability"), []],
  ["write a runbook for restoring a database from a snapshot",                 "general",   mods("rds"),           []],
  ["platform services: move the Helm releases to the helm provider 2.x syntax", "refactor", layer("delivery"),     []],
  ["everything except the CI runners: add the cost-center tag",                "implement", BEDROCK_ALL_BUT_RUNNERS, []],
  ["SSO users in the contractors group can read prod secrets",                 "debug",     mods("iam"),           []],
  ["the argocd UI returns 502 after the certificate rotation",                 "debug",     mods("argocd"),        []],
  ["plan the DR failover: which pieces need a second region and which already have one?", "analyze", sys,         []],
  ["eks and nodepools: move to the Karpenter v1 APIs",                         "refactor",  mods("eks", "nodepools"), []],
];

// Meal planner, a Deno workspace with a CLAUDE.md (or AGENTS.md) per package, layers from the root
// CLAUDE.md's table: storage (kv), services (importer, nutrition, scaling, search), api (recipes-api,
// plans-api, auth, jobs), web (web-planner, web-recipes, web-shopping). On disk:
// packages/scaling/src/parse.ts and tests/parse_test.ts, packages/plans-api/src/shopping_list.ts,
// packages/web-planner/src/lib/WeekGrid.svelte, packages/importer/src/jsonld.ts, packages/kv/src/repo.ts.
export const PANTRY = tree("pantry");
const PANTRY_ALL_BUT_WEB = mods("kv", "importer", "nutrition", "scaling", "search", "recipes-api", "plans-api", "auth", "jobs");
export const PANTRY_ROUTES: Route[] = [
  ["importing from bbcgoodfood gives a recipe with no ingredients",            "debug",     mods("importer"),      []],
  ["shopping list says 0.33 eggs",                                             "debug",     mods("scaling"),       []],
  ["two recipes both use onions and the onion shows up twice on the shopping list instead of added up", "debug", mods("plans-api"), []],
  ["drag and drop in the planner doesn't work on iPad",                        "debug",     mods("web-planner"),   []],
  ["error: Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'servings')\n    at shoppingList (file:///app/packages/plans-api/src/shopping_list.ts:4:65)\n    at Array.flatMap (<anonymous>)\n    at file:///app/packages/plans-api/src/routes.ts:31:20", "debug", mods("plans-api"), []],
  ["calories per serving for my lasagne come out at 4000 kcal",                "debug",     mods("nutrition"),     []],
  ["timers in cook mode stop when I switch tabs",                              "debug",     mods("web-recipes"),   []],
  ["magic link emails land in spam",                                           "debug",     mods("auth"),          []],
  ["searching for 'tomatoe' finds nothing",                                    "debug",     mods("search"),        []],
  ["Search is slow for households with 5k recipes",                            "optimize",  mods("search"),        []],
  ["two people ticking items at the same time: one of the ticks gets lost",    "debug",     mods("plans-api"),     []],
  ["offline: items I ticked in the shop come back unticked when I get signal again", "debug", mods("web-shopping"), []],
  ["add a 'leftovers' slot type to the planner",                               "implement", mods("web-planner"),   []],
  ["the Sunday plan email went out twice",                                     "debug",     mods("jobs"),          []],
  ["convert the web packages to Svelte 5 runes",                               "refactor",  layer("web"),          []],
  ["review the API layer for missing household checks (can I read another household's recipe by id?)", "analyze", layer("api"), []],
  ["how does an imported recipe's ingredient list reach the shopping list?",   "analyze",   mods("importer", "scaling", "plans-api"), []],
  ["'1½ cups' is parsed as 1 cup (unicode fraction right after the number)",   "debug",     mods("scaling"),       []],
  ["add sign in with Apple",                                                   "implement", mods("auth"),          []],
  ["atomic commit fails with a conflict when many members tick items at once", "debug",     mods("kv"),            []],
  ["nutrition: let users override the matched food for an ingredient",         "implement", mods("nutrition"),     []],
  ["write tests for the services",                                             "implement", layer("services"),     []],
  ["the re-import job hammers the source sites, add a delay between fetches",  "implement", mods("jobs"),          []],
  ["cursor pagination on /api/recipes repeats the last item of each page",     "debug",     mods("recipes-api"),   []],
  ["an invite link still works after it has been used",                        "debug",     mods("auth"),          []],
  ["deno task check fails:\nerror: TS2345 [ERROR]: Argument of type 'string | undefined' is not assignable to parameter of type 'string'.\n    at file:///app/packages/importer/src/jsonld.ts:4:30", "debug", mods("importer"), []],
  ["Sorry if this is a dumb question, but where is the aisle grouping decided? Bananas end up under 'Other'", "debug", mods("web-shopping"), []],
  ["the cleanup job doesn't delete expired sessions, KV keeps growing",        "debug",     mods("jobs"),          []],
  ["everything except web: upgrade to Deno 2.1 and fix the new lint errors",   "refactor",  PANTRY_ALL_BUT_WEB,    []],
  ["optimise the nutrition lookup, the fuzzy match takes 2s per recipe",       "optimize",  mods("nutrition"),     []],
];
