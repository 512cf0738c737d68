import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// An eleventh round of trees written apart from the router's tuning (quality-unseen10.test.ts), in
// domains none of the other sets has (a British lettings agency on Laravel, a Unity farming game, a
// Flutter e-scooter app, a Jupyter / Python electricity demand forecaster) and spec shapes again unlike
// theirs: long `<NAME>_AGENT.md` specs under a system table with an "Also called" column whose purposes
// spell out what people abbreviate (a "house in multiple occupation", the "energy performance
// certificate", "Direct Debit"); numbered layer folders holding Claude Code-style specs with `name:`,
// `owns:` and `depends_on:` front matter; module specs kept in `docs/specs/<layer>/` linked from the root
// CLAUDE.md's Modules list under plain-text layer captions; `src/<package>/AGENTS.md` files placed in
// layers by the root AGENTS.md's Package/Layer table, with a module and a layer both called `features`.
// The requests were written, with their labels, before the router was run on them: tickets, PHP, C#
// (Unity), Dart and Python traces, questions, review, audit and document asks, British spelling, typos,
// initialisms the specs only spell out (EPC, HMO, DD, NRL, SFX, HUD, BLE, FCM, OTP, 3DS, MAPE, GSP, NWP,
// MPAN), words two modules share ("deposit", "diary", "menu", "ride", "fallback"), faults told only in
// the domain's words, flow questions, "everything except X". The labels are a careful human's: the
// module that holds the fault's logic, not the screen it shows on.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Lettings agency on Laravel, `.claude/layers/<layer>/modules/<NAME>_AGENT.md`, system table "Also called":
// domain "core" (properties, tenancies, landlords, applicants, maintenance), money "client accounting"
// (rent_ledger, deposits, statements), compliance "legal" (certificates, referencing, right_to_rent),
// portals "front end" (tenant_portal, landlord_portal, back_office), integrations "third parties"
// (listings_feed, payments, e_sign). On disk: app/Domain/Tenancies/RenewalService.php,
// app/Money/Deposits/ProtectDeposit.php, tests/Feature/Money/ArrearsLettersTest.php.
export const LETTING = tree("letting");
export const LETTING_ROUTES: Route[] = [
  ["EPC reminders go out for properties we no longer manage",                  "debug",     mods("certificates"),   []],
  ["BUG-412: arrears letter sent to a tenant who paid by standing order on the due date", "debug", mods("rent_ledger"), []],
  ["add HMO licence expiry to the property page and warn 90 days before",      "implement", mods("properties"),     []],
  ["Deposit wasn't protected within 30 days for tenancies that started on a bank holiday", "debug", mods("deposits"), []],
  ["Statement run died last night:\n[2026-11-28 02:14:03] production.ERROR: Attempt to read property \"rent_pence\" on null {\"exception\":\"[object] (ErrorException(code: 0): Attempt to read property \\\"rent_pence\\\" on null at /var/www/letting/app/Money/Statements/StatementRun.php:88)\n[stacktrace]\n#0 /var/www/letting/vendor/laravel/framework/src/Illuminate/Foundation/Bootstrap/HandleExceptions.php(256): Illuminate\\\\Foundation\\\\Bootstrap\\\\HandleExceptions->handleError(2, 'Attempt to read...', '/var/www/lettin...', 88)\n#1 /var/www/letting/app/Money/Statements/StatementRun.php(88): Illuminate\\\\Foundation\\\\Bootstrap\\\\HandleExceptions->Illuminate\\\\Foundation\\\\Bootstrap\\\\{closure}(2, 'Attempt to read...', '/var/www/lettin...', 88)\n#2 /var/www/letting/app/Console/Commands/RunStatements.php(31): App\\\\Money\\\\Statements\\\\StatementRun->forLandlord(Object(App\\\\Models\\\\Landlord))", "debug", mods("statements"), []],
  ["landlords abroad are having basic rate tax taken off twice on their monthly statement", "debug", mods("statements"), []],
  ["NRL flag still set for a landlord who moved back to the UK, can't untick it", "debug",    mods("landlords"),      []],
  ["Right to rent follow-up check wasn't scheduled for a tenant with 6 months' leave left", "debug", mods("right_to_rent"), []],
  ["how does a repair reported on the tenant portal end up on the landlord's statement?", "analyze", mods("tenant_portal", "maintenance", "statements"), []],
  ["Renewal offers use the old rent instead of the new one from the section 13 notice", "debug", mods("tenancies"),    []],
  ["Rightmove still shows flats as availble a week after they're let agreed", "debug",     mods("listings_feed"),  []],
  ["GoCardless webhook for a failed collection doesn't mark the rent as unpaid", "debug",   mods("payments"),       []],
  ["refactor the client accounting layer so every amount goes through a Money value object", "refactor", layer("money"), []],
  ["review the legal side against the Renters' Rights Act changes",            "analyze",   layer("compliance"),    []],
  ["Add a guarantor affordability check (36x rent) when the applicant fails referencing", "implement", mods("referencing"), []],
  ["viewings get double-booked in the negotiators' diary when two staff book the same slot", "debug", mods("applicants"), []],
  ["AST template still quotes the old section 21 wording",                     "debug",     mods("tenancies"),      []],
  ["Can we send DocuSign reminders automatically if a tenant hasn't signed after 3 days?", "implement", mods("e_sign"), []],
  ["optimise the statement run, it takes 40 minutes for 3,000 landlords",      "optimize",  mods("statements"),     []],
  ["DD mandates get cancelled when a tenancy is renewed",                      "debug",     mods("payments"),       []],
  ["tenants can't upload photos bigger than 2MB on the tenant portal",         "debug",     mods("tenant_portal"),  []],
  ["write Pest tests for deposits",                                            "implement", mods("deposits"),       []],
  ["check-out deductions: the cleaning charge isn't split between joint tenants", "debug",  mods("deposits"),       []],
  ["why is the gas safety record showing as expired when the engineer uploaded the new one yesterday?", "debug", mods("certificates"), []],
  ["Landlord portal: statements download as a blank PDF in Safari",            "debug",     mods("landlord_portal"), []],
  ["add two-factor login for back office staff",                               "implement", mods("back_office"),    []],
  ["switch every queued job from Horizon to SQS across the whole app",         "refactor",  sys,                    []],
  ["keys signed out to contractors never show as returned",                    "debug",     mods("properties"),     []],
  ["the holding deposit is kept when the landlord pulls out, it must be refunded within 7 days", "debug", mods("applicants"), []],
  ["audit everything except the portals for money stored as floats",          "analyze",
    mods("properties", "tenancies", "landlords", "applicants", "maintenance", "rent_ledger", "deposits", "statements", "certificates", "referencing", "right_to_rent", "listings_feed", "payments", "e_sign"), []],
];

// Unity farming game in C#, `.claude/layers/<nn>-<layer>/<NAME>_AGENT.md` with `name:`, `owns:` and
// `depends_on:` front matter: 01-core (save_system "Save System", clock "Clock & Calendar", input),
// 02-simulation (crops, weather, villagers "Villager Schedules", economy "Shipping & Prices"), 03-gameplay
// (inventory, crafting, fishing, friendship "Friendship", quests "Quest Board"), 04-presentation (hud "HUD
// & Menus", audio, effects "Visual Effects", camera). On disk: Assets/Scripts/Simulation/Crops/CropTile.cs,
// Assets/Scripts/Core/Save/SaveManager.cs, Assets/Tests/EditMode/Gameplay/InventoryStackTests.cs.
export const HEARTH = tree("hearth");
export const HEARTH_ROUTES: Route[] = [
  ["my parsnips died overnight even though I watered them",                    "debug",     mods("crops"),          []],
  ["SFX for the watering can plays twice",                                     "debug",     mods("audio"),          []],
  ["the HUD's gold counter overlaps the energy bar on Steam Deck",             "debug",     mods("hud"),            []],
  ["NullReferenceException: Object reference not set to an instance of an object\n  at Hearthvale.Gameplay.Fishing.CatchBar.Update () [0x00012] in /Users/dev/hearthvale/Assets/Scripts/Gameplay/Fishing/CatchBar.cs:57\n  at UnityEngine.Debug:LogException(Exception)", "debug", mods("fishing"), []],
  ["Abigail walks through the wall of the general store on rainy Tuesdays",    "debug",     mods("villagers"),      []],
  ["lost my entire farm after the game crashed while saving at the end of the day", "debug", mods("save_system"),   []],
  ["add a greenhouse where crops don't die when the season changes",           "implement", mods("crops"),          []],
  ["fish bite way too often in the rain, the legendary one is trivial now",    "debug",     mods("fishing"),        []],
  ["refactor the gameplay layer to use the GameEvents channels instead of FindObjectOfType", "refactor", layer("03-gameplay"), []],
  ["GC alloc spikes every frame in the villagers' pathfinding, 2ms on Switch", "optimize",  mods("villagers"),      []],
  ["gifts count as 3 a week if you give one on Sunday night right before midnight", "debug", mods("friendship"),    []],
  ["Kegs finish instantly when you sleep past 2am",                            "debug",     mods("crafting"),       []],
  ["can't rebind the 'use tool' action on a DualSense",                        "debug",     mods("input"),          []],
  ["shipping bin pays nothing for iridium quality",                            "debug",     mods("economy"),        []],
  ["add a snow storm in winter with its own particles and ambience",           "implement", mods("weather", "effects", "audio"), []],
  ["camera jitters when walking diagonally next to the edge of the farm",      "debug",     mods("camera"),         []],
  ["how do heart events get triggered?",                                       "analyze",   mods("friendship"),     []],
  ["quest deadline says 0 days left but the quest is still on the board",      "debug",     mods("quests"),         []],
  ["Chest contents duplicate when you drag a stack onto the hotbar while the chest closes", "debug", mods("inventory"), []],
  ["review the presentation layer for Switch performance",                     "analyze",   layer("04-presentation"), []],
  ["write edit-mode tests for the save migration from v3 to v4",               "implement", mods("save_system"),    []],
  ["Festival day: villagers still go to work instead of the square",           "debug",     mods("villagers"),      []],
  ["the rain sound keeps playing indoors",                                     "debug",     mods("audio"),          []],
  ["VFX for harvesting pop at the wrong tile when the camera is moving",       "debug",     mods("effects"),        []],
  ["Optimise crop growth at day start, 4000 tiles freeze the game for a second when you sleep", "optimize", mods("crops"), []],
  ["add Steam Cloud conflict resolution when two PCs saved the same farm",     "implement", mods("save_system"),    []],
  ["the TV forecast said sunny and then it rained all day",                    "debug",     mods("weather"),        []],
  ["Crafting menu doesn't take ingredients from chests next to the workbench", "debug",     mods("crafting"),       []],
  ["player doesn't pass out at 2am if a menu is open",                         "debug",     mods("clock"),          []],
  ["Loading slot 2 fails:\nSaveMigrationException: no migration from version 7 to 8\n  at Hearthvale.Core.Save.SaveMigrator.Migrate (Hearthvale.Core.Save.SaveSlot slot) [0x0004a] in Assets/Scripts/Core/Save/SaveMigrator.cs:41\n  at Hearthvale.Core.Save.SaveManager.Load (System.Int32 slot) [0x00020] in Assets/Scripts/Core/Save/SaveManager.cs:63", "debug", mods("save_system"), []],
];

// Flutter e-scooter rental app, specs in `docs/specs/<layer>/<id>.md` linked from the root CLAUDE.md: data
// (api_client, offline_store, auth), device (unlock, location, payments, push), features (map, ride, wallet,
// history, support, onboarding). On disk: lib/features/ride/ride_controller.dart,
// lib/device/location/zone_matcher.dart, test/features/wallet/spend_order_test.dart.
export const SCOOT = tree("scoot");
export const SCOOT_ROUTES: Route[] = [
  ["scoter won't unlock over BLE on a Pixel 8, works fine on iPhone",         "debug",     mods("unlock"),         []],
  ["FCM token isn't re-registered after the user signs in again",              "debug",     mods("push"),           []],
  ["OTP SMS never arrives for Polish numbers",                                 "debug",     mods("auth"),           []],
  ["E/flutter ( 8123): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: Null check operator used on a null value\nE/flutter ( 8123): #0      RideController.endRide (package:scoot/features/ride/ride_controller.dart:88:31)\nE/flutter ( 8123): #1      _RideScreenState._onEndPressed (package:scoot/features/ride/ride_screen.dart:142:9)\nE/flutter ( 8123): #2      _InkResponseState.handleTap (package:flutter/src/material/ink_well.dart:1170:21)", "debug", mods("ride"), []],
  ["the no-parking zone in Berlin Mitte isn't detected, riders can end the ride in the middle of it", "debug", mods("location"), []],
  ["the pre-auth hold of 10 euros isn't released after the ride ends",         "debug",     mods("payments"),       []],
  ["3DS challenge closes itself and the card is never saved",                  "debug",     mods("payments"),       []],
  ["add a day pass for e-bikes only",                                          "implement", mods("wallet"),         []],
  ["promo credit gets used before the ride pass minutes, it should be the other way round", "debug", mods("wallet"), []],
  ["map lags badly with 2000 scooters in view when zoomed out",                "optimize",  mods("map"),            []],
  ["'your reservation expires in 2 minutes' arrives after it already expired", "debug",     mods("push"),           []],
  ["receipts PDF for November is missing VAT for Dutch rides",                 "debug",     mods("history"),        []],
  ["refactor the data layer to Riverpod code generation",                      "refactor",  layer("data"),          []],
  ["the app loses the current ride when Android kills it in the background",   "debug",     mods("offline_store"),  []],
  ["ride events are sent out of order after coming out of the U-Bahn",         "debug",     mods("offline_store"),  []],
  ["licence scan fails on German driving licences",                            "debug",     mods("onboarding"),     []],
  ["how does the fare get from the ride screen to the receipt?",               "analyze",   mods("ride", "history"), []],
  ["Support chat: Intercom unread badge never clears",                         "debug",     mods("support"),        []],
  ["token refresh loops forever when the refresh token has been revoked",      "debug",     mods("api_client"),     []],
  ["speed limit in slow zones is shown in km/h in the UK, should be mph",      "debug",     mods("ride"),           []],
  ["add an e-moped category: helmet check in onboarding and a filter on the map", "implement", mods("map", "onboarding"), []],
  ["review the device layer for battery drain during rides",                   "analyze",   layer("device"),        []],
  ["write golden tests for every screen in the features layer",                "implement", layer("features"),      []],
  ["the damage report upload hangs at 99% on 3G",                              "debug",     mods("support"),        []],
  ["Apple sign in: account deleted but the user can still log in",             "debug",     mods("auth"),           []],
  ["slow zones: vehicle keeps full speed for ~30 s after entering",            "debug",     mods("location"),       []],
  ["QR scan doesn't work in low light, add a torch button",                    "implement", mods("unlock"),         []],
  ["Upgrade Dio to 5.x in the api client",                                     "general",   mods("api_client"),     []],
  ["what happens if the phone loses network in the middle of ending a ride?",  "analyze",   mods("ride", "offline_store"), []],
  ["Top-up of 50 fails with 'amount too large' for Swiss riders (CHF)",        "debug",     mods("wallet"),         []],
];

// Electricity demand forecasting in Python with Jupyter reports, `src/<package>/AGENTS.md` placed by the
// root AGENTS.md's Package/Layer table: ingest (meters, weather, calendar), features (rollup, features),
// modelling (baseline, gbm, backtest, tuning), delivery (publish, monitoring, reports). On disk:
// src/features/lags.py, src/calendar/clock_change.py, tests/test_rollup_switching.py, notebooks/.
export const GRIDCAST = tree("gridcast");
export const GRIDCAST_ROUTES: Route[] = [
  ["forecast is an hour off for the whole day after the clocks go back",       "debug",     mods("calendar"),       []],
  ["MAPE in the backtest scorecards is infinite for GSPs with zero load at night", "debug", mods("backtest"),       []],
  ["the published CSV has 48 periods on the 25-hour day, the control room needs 50", "debug", mods("publish"),      []],
  ["NWP ingest from the Met Office fails since they moved to the new API",     "debug",     mods("weather"),        []],
  ["Traceback (most recent call last):\n  File \"/opt/gridcast/.venv/lib/python3.12/site-packages/prefect/engine.py\", line 873, in orchestrate_task_run\n    result = await call.aresult()\n  File \"/opt/gridcast/src/rollup/network.py\", line 112, in aggregate\n    parent = switching[feeder]\n             ~~~~~~~~~^^^^^^^^\nKeyError: 'FDR-0931'", "debug", mods("rollup"), []],
  ["add a pinball loss chart per horizon to the weekly report",                "implement", mods("reports"),        []],
  ["substation loads double count a feeder that was switched to another primary", "debug", mods("rollup"),         []],
  ["Optuna runs take 14 hours, prune bad trials earlier",                      "optimize",  mods("tuning"),         []],
  ["the lag features leak the future when a meter file arrives late",          "debug",     mods("features"),       []],
  ["refactor the modelling layer so every model implements one Forecaster protocol", "refactor", layer("modelling"), []],
  ["MPAN to substation mapping is stale for new-build estates",                "debug",     mods("meters"),         []],
  ["how does a smart meter read end up in the day-ahead forecast?",            "analyze",   mods("meters", "rollup", "features", "gbm"), []],
  ["alert when the SCADA feed is more than an hour late",                      "implement", mods("monitoring"),     []],
  ["Bank holidays in Scotland are treated as working days",                    "debug",     mods("calendar"),       []],
  ["solar irradiance is zero for every substation since Tuesday",              "debug",     mods("weather"),        []],
  ["the baseline isn't used as the fallback when LightGBM training fails",     "debug",     mods("baseline"),       []],
  ["speed up the feature build, it rereads every Parquet partition on each run", "optimize", mods("features"),      []],
  ["add quantile forecasts for the 5th and 95th percentiles",                  "implement", mods("gbm"),            []],
  ["review the ingest layer: what happens when a file is resent with corrections?", "analyze", layer("ingest"),     []],
  ["the regulator pack notebook crashes under papermill: kernel died",         "debug",     mods("reports"),        []],
  ["weather interpolation puts coastal substations in a sea grid cell",        "debug",     mods("weather"),        []],
  ["write hypothesis tests for the rollup",                                    "implement", mods("rollup"),         []],
  ["drift alerts fire every Monday morning",                                   "debug",     mods("monitoring"),     []],
  ["the seasonal naive model uses last year insted of last week",             "debug",     mods("baseline"),       []],
  ["move the S3 upload in publish from boto3 to the Prefect S3 block",         "refactor",  mods("publish"),        []],
  ["backtest results differ between two runs with the same seed",              "debug",     mods("backtest"),       []],
  ["Everything except delivery: switch from pandas to polars where it's still used", "refactor",
    mods("meters", "weather", "calendar", "rollup", "features", "baseline", "gbm", "backtest", "tuning"), []],
  ["document how the feature store does point-in-time joins",                  "general",   mods("features"),       []],
  ["LightGBM training OOMs on the 32 GB box since we added the quantile models", "debug",   mods("gbm"),            []],
  ["the error-by-weather chart uses observed temperature but the label says forecast", "debug", mods("reports"),    []],
];
