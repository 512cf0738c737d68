import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Rules found on a seventeenth round of unseen trees (routes/unseen16.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

// A print shop's order system, specs in English.
const PRINTSHOP: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Inkpress",
    "",
    "Inkpress takes print orders for flyers and posters online and runs them through the presses.",
    "",
    "## Modules",
    "",
    "### 1. Shop layer",
    "- `orders` (`src/orders/`): customers place print orders, upload artwork and pick paper and finish.",
    "- `billing` (`src/billing/`): invoices and credit notes for orders, with the VAT of each line.",
    "- `currency` (`src/currency/`): prices in the customer's currency at the day's exchange rate.",
    "- `accounting_export` (`src/accounting_export/`): the monthly export of invoices to the accountants' bookkeeping.",
    "### 2. Press layer",
    "- `press_queue` (`src/press_queue/`): the queue of jobs for each press, ordered by due date.",
    "- `mailer` (`src/mailer/`): emails to customers when an order is shipped or a job is late.",
    "- `cli` (`src/cli/`): the inkpress command line: reprinting a job, listing the presses.",
    "",
  ].join("\n"),
  "src/press_queue/JobScheduler.ts": "export class JobScheduler {}\n",
  "src/mailer/ShippedEmail.ts": "export class ShippedEmail {}\n",
};

// A bakery's production plan, specs in German.
const BACKSTUBE: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Backstube",
    "",
    "Die Backstube plant die Produktion einer Bäckerei mit vier Filialen.",
    "",
    "## Module",
    "",
    "### 1. Planung layer",
    "- `rezepte` (`src/rezepte/`): Rezepte mit Zutaten und Mengen je Blech.",
    "- `produktion` (`src/produktion/`): der Backplan für die Nacht aus den Bestellungen der Filialen.",
    "- `lieferung` (`src/lieferung/`): Lieferscheine und Touren zu den Filialen am Morgen, der Rechnungsversand an Großkunden.",
    "",
  ].join("\n"),
};

// A clinic's duty roster, specs in German, modules named by English words.
const DIENST: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Dienst",
    "",
    "## Module",
    "",
    "### 1. Planung layer",
    "- `shift` (`src/shift/`): Schichtarten und der Dienstplan einer Station.",
    "- `pay` (`src/pay/`): Zuschläge für Nacht, Sonntag und Feiertag, und der Lohnexport.",
    "- `calendar` (`src/calendar/`): Feiertage je Bundesland und die Zeitumstellung.",
    "",
  ].join("\n"),
};

const roots: string[] = [];
let printshop: SpecTree;
let backstube: SpecTree;
let dienst: SpecTree;

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
  printshop = write(PRINTSHOP, "inkpress-");
  backstube = write(BACKSTUBE, "backstube-");
  dienst = write(DIENST, "dienst-");
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("a request written in German", () => {
  it.each([
    // A separable verb's fault, its particle closing the clause.
    ["Der Backplan bricht ab, wenn eine Filiale nichts bestellt", "debug"],
    ["warum schlägt die Tour am Montag fehl?", "debug"],
    ["Die Menge im Backplan stimmt nicht", "debug"],
    ["Der Lieferschein kommt nicht bei der Filiale an", "debug"],
    // The negation closing the clause, the verb first.
    ["Der Backplan übernimmt die Sonderbestellungen nicht", "debug"],
    // One German word and one spelt as only German spells.
    ["Backplan übernimmt Sonderbestellungen nicht", "debug"],
    ["Der Backplan für die Filialen dauert ewig", "optimize"],
  ])("%s is %s", (request, type) => {
    expect(analyzeTask(request, backstube).type).toBe(type);
  });

  it.each([
    // A command's verb last.
    ["Tests für den Backplan schreiben", "implement"],
    ["die Mindestmenge je Blech auf 12 setzen", "implement"],
    ["prüfe die gesamte Backstube auf Passwörter in Logs", "analyze"],
  ])("%s is %s", (request, type) => {
    expect(analyzeTask(request, backstube).type).toBe(type);
  });
});

describe("a request written in Spanish", () => {
  it.each([
    ["la exportación de facturas no incluye las notas de crédito", "debug"],
    ["la cola de la prensa pierde trabajos cuando hay más de 50", "debug"],
    ["el mailer se queda sin memoria con 10000 pedidos", "debug"],
    ["los pedidos usan el IVA del mes anterior en vez del actual", "debug"],
    ["añadir un campo de acabado a los pedidos", "implement"],
    ["¿cómo se calcula el IVA de cada línea?", "analyze"],
  ])("%s is %s", (request, type) => {
    expect(analyzeTask(request, printshop).type).toBe(type);
  });
});

describe("a request and specs in two languages", () => {
  it("a German compound is read as its words, in English", () => {
    expect(key(analyzeTask("Der Rechnungsexport bricht ab", printshop).scope)).toBe("accounting_export");
  });

  it("an English word meets the German spec's word for it", () => {
    expect(key(analyzeTask("the orders of one branch are missing tonight", backstube).scope)).toBe("produktion");
  });

  it("inside a German compound of the spec", () => {
    expect(key(analyzeTask("invoices to wholesale customers are never sent", backstube).scope)).toBe("lieferung");
  });
});

describe("a module's name as a modifier, the rest in the spec's language", () => {
  it("gives way to the module whose German spec meets the other words", () => {
    expect(key(analyzeTask("night shift allowance is missing on public holidays", dienst).scope)).toBe("pay");
  });
});

describe("a phrase of a request in Spanish", () => {
  it("meets the spec's words for it, which its words alone do not", () => {
    expect(key(analyzeTask("el tipo de cambio usado es del día anterior", printshop).scope)).toBe("currency");
  });
});

describe("the whole system asked for in German", () => {
  it("is the system", () => {
    expect(key(analyzeTask("prüfe die gesamte Anwendung auf Zutaten in Logs", backstube).scope)).toBe("system");
  });
});

describe("a code name beside a module's plain word", () => {
  it("a member of a class is the class's file", () => {
    expect(key(analyzeTask("`JobScheduler.Reorder` moves rush jobs behind the others", printshop).scope)).toBe("press_queue");
  });

  it("outvotes the plain word, which tells what the code handles", () => {
    expect(key(analyzeTask("ShippedEmail lists the wrong orders", printshop).scope)).toBe("mailer");
  });
});

describe("a module's name as a command-line option", () => {
  it("names the option, not the module", () => {
    expect(key(analyzeTask("inkpress reprint --orders 12 prints nothing", printshop).scope)).toBe("cli");
  });
});

describe("tests of a thing, and nothing else asked", () => {
  it("are to be written", () => {
    expect(analyzeTask("tests for the press queue ordering pls", printshop).type).toBe("implement");
  });
});

// A verb after the name ("the cart ignores coupons") keeps it: noun.test.ts holds that case.
describe("a module's name as a modifier of a thing another module was found for", () => {
  it("gives way to that module", () => {
    expect(key(analyzeTask("billing reminder email is sent in German to customers in Spain", printshop).scope)).toBe("mailer");
  });
});

describe("a layer's name inside a dependency's name and version", () => {
  it("names the dependency", () => {
    expect(key(analyzeTask("upgrade Go to 1.23 and Ent Core 2.4", tree("garagio")).scope)).toBe("system");
  });
});
