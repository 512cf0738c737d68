import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Rules found on a sixteenth round of unseen trees (routes/unseen15.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

// A café till whose product is also its shell module's name.
const TILL: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Tillwise",
    "",
    "Tillwise is a point of sale for small cafés: orders at the counter, card payments and receipts.",
    "",
    "## Modules",
    "",
    "### 1. Till layer",
    "- `tillwise` (`src/tillwise/`): the till app's shell: staff sign-in, the home screen and navigation.",
    "- `receipts` (`src/receipts/`): printed and emailed receipts with their VAT lines.",
    "- `cards` (`src/cards/`): card payments on the terminal, refunds to the card.",
    "",
  ].join("\n"),
};

// A farm shop whose specs are written in German.
const HOFLADEN: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Hofladen",
    "",
    "Der Hofladen verkauft Produkte vom Hof online und im Laden.",
    "",
    "## Module",
    "",
    "### 1. Laden layer",
    "- `kasse` (`src/kasse/`): die Kasse ist bei jedem Verkauf mit dem Drucker verbunden, die Belege sind im Archiv.",
    "- `katalog` (`src/katalog/`): Produkte mit Preisen, Kategorien und der Produktsuche.",
    "",
  ].join("\n"),
};

const roots: string[] = [];
let till: SpecTree;
let hofladen: SpecTree;

function write(files: Record<string, string>, prefix: string): SpecTree {
  const root = mkdtempSync(join(tmpdir(), prefix));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return loadSpec(root);
}

beforeAll(() => {
  till = write(TILL, "tillwise-");
  hofladen = write(HOFLADEN, "hofladen-");
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("the product's name that is also a module's", () => {
  it("names the product: the other words say where", () => {
    expect(key(analyzeTask("Tillwise prints receipts without the VAT lines", till).scope)).toBe("receipts");
    expect(key(analyzeTask("audit Tillwise for tokens in logs", till).scope)).toBe("system");
  });

  it("named as the module, it is the module", () => {
    expect(key(analyzeTask("refactor the tillwise module's navigation", till).scope)).toBe("tillwise");
  });
});

describe("a request written in German", () => {
  it.each([
    ["Der Beleg wird falsch berechnet", "debug"],
    ["Die Produktsuche ist langsam bei 5000 Produkten", "optimize"],
    ["Bitte einen Export der Belege als CSV hinzufügen", "implement"],
  ])("%s is %s", (request, type) => {
    expect(analyzeTask(request, hofladen).type).toBe(type);
  });

  it("its function words meet no spec", () => {
    expect(key(analyzeTask("Die Produktsuche ist langsam bei 5000 Produkten", hofladen).scope)).toBe("katalog");
  });

  it("an English request with an English word German shares is read as English", () => {
    expect(analyzeTask("the export was slow in the den", hofladen).type).toBe("optimize");
  });
});

describe("a brand capitalised in a sentence", () => {
  it("names the one module whose spec uses it, when nothing else decides", () => {
    expect(key(analyzeTask("add Twilio Verify local support", tree("hailstone")).scope)).toBe("notifications");
  });
});

describe("a layer written as its numbered id", () => {
  it("is the layer, as in backticks", () => {
    expect(key(analyzeTask("refactor 2-marketplace so surge and fares share one city config loader", tree("hailstone")).scope)).toBe("layer 2-marketplace");
  });
});

describe("a review of all the project's units", () => {
  it("is the system's when no layer or module is called so", () => {
    expect(key(analyzeTask("audit all services for payouts written to logs", tree("hailstone")).scope)).toBe("system");
  });
});

describe("a load's figure", () => {
  it("with a word of its state before the name, gives way to the other names", () => {
    expect(key(analyzeTask("the reminders run takes 20 minutes with 3000 active patients", tree("pawprint")).scope)).toBe("reminders");
  });
});

describe("a list of dependencies moved to versions", () => {
  it("is the system's when one of them is the project's stack", () => {
    expect(key(analyzeTask("upgrade h3 to 4.1 and Redis to 7.4", tree("hailstone")).scope)).toBe("system");
  });
});

describe("types", () => {
  it.each([
    // One thing taken for another by a classifier.
    ["hailstone", "airport pickups detected as city trips"],
    // Starting over of itself.
    ["huddle", "the gateway reboots every night at 2am"],
    // Carried over when it should be left behind.
    ["pawprint", "a merged patient keeps the old owner's phone number"],
    ["pawprint", "moving a pet to a new owner takes the old owner's reminders with it"],
    // A value set to nothing.
    ["pawprint", "the nightly reorder sets the stock level to 0 for discontinued drugs"],
    // A bound gone past.
    ["crewline", "the solver rosters pilots beyond the monthly duty limit"],
    // A module's name inside a compound subject, before the fault's verb.
    ["hailstone", "airport surge multiplier drops to 1.0 at rush hour"],
    // A thing named by a word and a figure, then what it shows.
    ["pawprint", "kennel 4 shows free on the ward board but the nurse says it's taken"],
    // One figure in two places.
    ["hailstone", "the fare is higher in the rider app than on the receipt"],
  ])("%s: %s is debug", (name, request) => {
    expect(analyzeTask(request, tree(name)).type).toBe("debug");
  });

  it("a why-question about a result of nothing reports a fault", () => {
    expect(analyzeTask("why does the rider search for Gatwick return nothing after 11pm?", tree("hailstone")).type).toBe("debug");
  });

  it("a dependency moved to a release is no port to another API", () => {
    expect(analyzeTask("upgrade the Twilio client to v5.2", tree("hailstone")).type).toBe("general");
  });

  it("a log level asks for no debugging", () => {
    expect(analyzeTask("log every skipped row at debug level in the importer", tree("pawprint")).type).not.toBe("debug");
  });

  it("tests alone asks to write them", () => {
    expect(analyzeTask("tests", tree("huddle")).type).toBe("implement");
  });
});
