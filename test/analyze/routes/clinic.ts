import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// Requests on test/fixtures/trees/clinic: a TypeScript booking app whose system spec has a
// keyword routing table; numbered layers (01_domain, 02_services, 03_web) holding their
// module specs directly. Modules patients, appointments, billing, notifications, auth,
// calendar_sync, api, admin_ui.

export const CLINIC = fileURLToPath(new URL("../../fixtures/trees/clinic", import.meta.url));

export const CLINIC_ROUTES: Route[] = [
  // Routing hints.
  ["send the reminder 48 hours ahead instead of 24",                   "general",   mods("notifications"),  ["reminder -> notifications (routing hint)"]],
  ["the front desk dashboard is slow",                                 "optimize",  layer("03_web"),        ["dashboard -> layer 03_web (routing hint)"]],
  ["double booking happens when two staff book the same slot",         "debug",     mods("appointments"),   []],
  ["refunds are booked twice when the card reader times out",          "debug",     mods("billing"),        []],
  ["add Outlook support to the calendar sync",                         "implement", mods("calendar_sync"),  []],
  ["sync with Google Calendar drops recurring events",                 "debug",     mods("calendar_sync"),  []],
  ["the SMS gateway rejects numbers with a leading zero",              "debug",     mods("notifications"),  []],
  ["add a waiting list: offer freed slots to the next patient",        "implement", mods("appointments", "patients"), []],
  ["password reset emails never arrive",                               "debug",     mods("notifications", "auth"), []],
  ["patients can't sign in with 2fa",                                  "debug",     mods("patients", "auth"), []],
  ["add a refund button to the admin ui",                              "implement", mods("billing", "admin_ui"), []],
  ["insurance claim export uses the wrong visit codes",                "debug",     mods("billing"),        []],
  ["sessions never expire",                                            "debug",     mods("auth"),           []],
  ["review the data retention rules",                                  "analyze",   sys,                    []],
  ["implement GDPR data export",                                       "implement", sys,                    []],
  ["invoice totals are off by one cent",                               "debug",     mods("billing"),        []],
  // Names, paths, the spec index.
  ["merge duplicate patients created at the desk",                     "general",   mods("patients"),       []],
  ["fix src/web/api/routes/bookings.ts returning 500",                 "debug",     mods("api"),            []],
  ["add a template for cancellation messages in Spanish under src/services/notifications/templates/es.hbs", "implement", mods("notifications"), []],
  ["refactor src/web/admin/components/DayView.tsx",                    "refactor",  mods("admin_ui"),       []],
  ["the OpenAPI docs miss the query parameters",                       "debug",     mods("api"),            []],
  ["rate limits per client are too strict",                            "general",   mods("api"),            []],
  ["VAT is computed on the discounted price",                          "debug",     mods("billing"),        []],
  ["no-show appointments still count as booked",                       "debug",     mods("appointments"),   []],
  ["argon2 hashing makes sign-up take two seconds",                    "optimize",  mods("auth"),           []],
  ["drag and drop in the day view loses the visit when dropped on a break", "debug", mods("admin_ui"),    []],
  ["add a practitioner role that can only see its own visits",         "implement", mods("auth"),           []],
  ["buffers between visits are ignored for video visits",              "debug",     mods("appointments"),   []],
  ["review the domain layer",                                          "analyze",   layer("01_domain"),     []],
  ["optimize layer/03_web",                                            "optimize",  layer("03_web"),        []],
  ["implement module/billing and module/api",                          "implement", mods("billing", "api"), []],
  ["investigate why the ICS feed shows visits in UTC",                 "analyze",   mods("calendar_sync"),  []],
  ["write tests for the patient search",                               "implement", mods("admin_ui"),       []],
  // System-wide.
  ["upgrade to Node 22 across the whole project",                      "general",   sys,                    []],
  ["translate everything to German",                                   "general",   sys,                    []],
];
