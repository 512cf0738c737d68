import { beforeAll, describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import { stem } from "../../src/analyze/stem.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

// Rules found on a ninth round of unseen trees (routes/unseen8.ts), each tried on a tree of its
// own: each case fails with its rule switched off.

const spec = (module: string, purpose: string, frontMatter?: string) => moduleSpec({ module, body: `## Purpose\n\n${purpose}\n`, ...(frontMatter ? { frontMatter } : {}) });

/** E-scooter rentals: rides and their fares, the scooters' firmware link, and the rider support desk. */
function scooters() {
  return loadSpec(
    makeProject({
      ".claude/layers/fleet/modules/TELEMETRY_AGENT.md": `# Scooter Telemetry\n\n**Module**: \`ride/telemetry/\`\n\n## Purpose\n\nPositions and battery levels every 10 s, geofence alarms, behaviour of the throttle.\n`,
      ".claude/layers/fleet/modules/MOTORS_AGENT.md": `# Motor Bridge\n\n**Module**: \`ride/motors/\`\n\n## Purpose\n\nThrottle commands to the controller over CAN.\n`,
      ".claude/layers/fleet/modules/GEOFENCE_AGENT.md": spec("ride/geofence/", "No-parking areas and slow areas drawn per city; the map tiles of each district."),
      ".claude/layers/trips/modules/RIDES_AGENT.md": spec("ride/rides/", "Starting, pausing and ending rides; unlocking by QR code; the ride's quizzes on safe riding and their grades."),
      ".claude/layers/trips/modules/FARES_AGENT.md": spec("ride/fares/", "Fares per minute, day passes, invoices and receipts sent to Stripe."),
      ".claude/layers/trips/modules/SUPPORT_AGENT.md": spec("ride/support/", "Chat with customers, damage reports with photos, goodwill credits."),
      ".claude/layers/trips/modules/PAYOUTS_AGENT.md": spec("ride/payouts/", "Payouts to the chargers who collect scooters overnight, exported to Xero."),
      ".claude/layers/trips/modules/RATINGS_AGENT.md": spec("ride/ratings/", "Grades riders give a scooter after a ride, shown in the app."),
      ".claude/layers/web/modules/FEEDS_AGENT.md": spec("ride/feeds/", "The GBFS feed and the city's open data export.", "name: Sitemap and Feeds"),
      ".claude/layers/web/modules/SITE_AGENT.md": spec("ride/site/", "The public website: city pages, prices, translated pages."),
    }),
  );
}

describe("one implementation put in another's place is a refactor", () => {
  it.each([
    "replace fsnotify with polling in the rides module, it misses events on WSL",
    "swap chroma for tree-sitter highlighting",
    "switch the fares from hand-written rules to the json-logic gem",
    "replace A* with a lattice planner",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("refactor");
  });

  it("leaves an expression replaced in code, and a switch that names no old one, to the other words", () => {
    expect(detectType("replace `float(row['amount'])` with `Decimal` in the fares").type).toBe("general");
    expect(detectType("switch the default caller to DeepVariant").type).not.toBe("refactor");
  });
});

describe("work asked done at once, or a query per item, is optimize", () => {
  it("reads 'in parallel' in a command, not in a question", () => {
    expect(detectType("only the fares: write the receipts in parallel").type).toBe("optimize");
    expect(detectType("can the exporter run in parallel?").type).toBe("analyze");
  });

  it("reads one query per item as slowness", () => {
    expect(detectType("ride/fares/minutes.py:4 does one query per ride").type).toBe("optimize");
    expect(detectType("the ratings page makes an HTTP request for each scooter").type).toBe("optimize");
  });
});

describe("faults stated with common verbs", () => {
  it.each([
    ["Stripe webhook calls return 422 since we turned on CSRF protection", "return 422"],
    ["the day-pass roll-up double counts rides of a rider in two cities", "double counts"],
    ["CSV import: the 'City' column ends up in the rider's name", "ends up"],
    ["the weekly payout summary arrives empty for chargers in Berlin", "arrives empty"],
    ["quiz questions with two right answers score zero", "score zero"],
    ["Gmail sync stopped after the token refresh", "stopped"],
    ["the scooter oscillates left-right at full throttle", "oscillates"],
    ["old URLs should redirect but the alias pages are blank in Safari", "are blank"],
    ["round robin always gives the scooter to the same charger", "always"],
  ])("%s", (request, word) => {
    expect(detectType(request)).toEqual({ type: "debug", words: [word] });
  });

  it("reads a statement whose subject a phrase describes first", () => {
    expect(analyzeTask("TOML fares with a date like 2024-03-01 (no time) are read as UTC midnight", scooters()).type).toBe("debug");
  });

  it("still reads commands as commands", () => {
    expect(detectType("always return 404 for hidden scooters").type).toBe("general");
    expect(detectType("page it when the queue is full").type).toBe("general");
  });
});

describe("spellings and forms stem alike", () => {
  it("meets a British spelling with the American one, and a plural that doubles its last letter", () => {
    expect(stem("relocalisation")).toBe(stem("relocalization"));
    expect(stem("behaviour")).toBe(stem("behavior"));
    expect(stem("centre")).toBe(stem("center"));
    expect(stem("catalogue")).toBe(stem("catalog"));
    expect(stem("quizzes")).toBe(stem("quiz"));
  });

  it("routes by them", () => {
    expect(analyzeTask("the throttle behavior is jerky", scooters()).scope).toEqual({ kind: "modules", ids: ["telemetry"] });
    expect(analyzeTask("the quiz timer is wrong", scooters()).scope).toEqual({ kind: "modules", ids: ["rides"] });
  });
});

describe("words for people say who, not where", () => {
  it("takes no module met only by them", () => {
    expect(analyzeTask("customers get no receipts", scooters()).scope).toEqual({ kind: "modules", ids: ["fares"] });
  });
});

describe("the one module with a word of its own", () => {
  it("is chosen among modules that meet shared words alike", () => {
    expect(analyzeTask("grades pushed to Xero are out of 1 instead of 5", scooters()).scope).toEqual({ kind: "modules", ids: ["payouts"] });
  });
});

describe("a module's display names", () => {
  it("reads a title that holds the id as a name of the module", () => {
    expect(analyzeTask("geofence & motor bridge: slow areas take 2 s to cap the throttle", scooters()).scope).toEqual({ kind: "modules", ids: ["geofence", "motors"] });
  });

  it("reads each thing a joined display name names", () => {
    expect(analyzeTask("the sitemap lists ended rides", scooters()).scope).toEqual({ kind: "modules", ids: ["rides", "feeds"] });
  });

  it("reads a name after a list's number as the subject", () => {
    expect(analyzeTask("1. sitemap misses the translated pages", scooters()).scope).toEqual({ kind: "modules", ids: ["feeds", "site"] });
  });
});

describe("a layer's word as a folder of a test's path", () => {
  it("gives way to the module the test's file name names", () => {
    expect(analyzeTask("test/fleet/test_geofence_zones.py fails on arm64 only", scooters()).scope).toEqual({ kind: "modules", ids: ["geofence"] });
  });

  it("still names the layer alone", () => {
    expect(analyzeTask("test/fleet/ fails on arm64 only", scooters()).scope).toEqual({ kind: "layer", id: "fleet" });
  });
});

describe("a ticket's topic", () => {
  it("names its module over names written as plain words after it", () => {
    expect(analyzeTask("payout export: the rating's grade ends up in the memo", scooters()).scope).toEqual({ kind: "modules", ids: ["payouts"] });
  });
});

describe("hostile input stays fast", () => {
  // As the log parsers' bound (test/logs/hostile.test.ts): the new scans over 100 KB of text in well under 2 s.
  // The code compiled first, as a planning process has it: the bound is on the scans, not on compiling them.
  beforeAll(() => {
    detectType("replace x with y, one query per row, calls return 422, it should redirect but is blank");
  });
  it.each([
    ["one query per ".repeat(7_000)],
    ["calls return 422 ".repeat(6_000)],
    ["should redirect but ".repeat(5_000)],
    ["replace x with y ".repeat(6_000)],
    ["round robin always ".repeat(5_500)],
    // Words of four letters: a word costs the whole pipeline alike, and 50,000 of them take near 2 s on a loaded machine before any rule here.
    [`toml it with ${"abcd ".repeat(20_000)}`],
    [`write the x in ${"abcd ".repeat(20_000)}parallel`],
  ])("types request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    detectType(request);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it("stems a word of 100 KB", () => {
    const started = cpuMs();
    stem(`${"ab".repeat(50_000)}isation`);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
