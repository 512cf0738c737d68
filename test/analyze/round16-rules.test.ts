import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Rules found on a fourteenth round of unseen trees (routes/unseen13.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

// A ferry operator's booking system whose modules the system spec lists, its opening sentence naming the
// things it sells ("paper tickets") and its stack.
const FERRY: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Tidewater",
    "",
    "Tidewater sells car ferry crossings between the islands online and at the ports, where older travellers still buy paper tickets, on a Spring Boot back end in Kotlin.",
    "",
    "## Modules",
    "",
    "### 1. Port layer",
    "- `kiosk` (`port/kiosk/`): the self-service kiosks at the ports: check-in, printing at the kiosk, a Spring Boot service on each machine.",
    "- `crew` (`port/crew/`): crew rosters and shift swaps; rosters go out on Fridays.",
    "- `alerts` (`port/alerts/`): SMS and email through Twilio to passengers and crew when a sailing is late or cancelled, a Kotlin worker.",
    "",
    "### 2. Shop layer",
    "- `ticketing` (`shop/ticketing/`): fares, e-tickets, refunds and the fare rules of each route.",
    "- `cards` (`shop/cards/`): loyalty cards, stamps and the tenth crossing free.",
    "",
    "Layer order: port, shop.",
    "",
  ].join("\n"),
};

// The same port's kiosks and loyalty cards as YAML module specs, the kiosk's Provides a code name.
const PIER: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/agents/kiosk.yaml": "name: Kiosk\ndescription: Self-service kiosks at the ports, check-in and printing.\nfiles: [port/kiosk/]\nprovides: [BoardingCard]\n",
  ".claude/agents/cards.yaml": "name: Cards\ndescription: Loyalty cards, stamps and the tenth crossing free.\nfiles: [shop/cards/]\n",
};

const roots: string[] = [];
let ferry: SpecTree;
let pier: SpecTree;

function project(files: Record<string, string>): SpecTree {
  const root = mkdtempSync(join(tmpdir(), "tidewater-"));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return loadSpec(root);
}

beforeAll(() => {
  ferry = project(FERRY);
  pier = project(PIER);
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("faults told in plain words", () => {
  it.each([
    // "cuts off": part of what comes out lost at its edge.
    ["pocketbank", "the statement PDF cuts off the last transaction of the month"],
    // A thing handing out the old one.
    ["wardline", "the portal returns the old clinic address after a clinic moves"],
    ["wardline", "the letters use the old trust logo for a week after the change"],
    // Where the reporter puts the fault.
    ["cask", "downloads work, the problem is the feed refresh at startup"],
    // What should have happened and did not.
    ["wardline", "the reminder went out a day after it should have"],
    // A word and a figure as a name, the subject of a verb further on.
    ["wardline", "Priority 2 referrals are booked into routine slots"],
    ["pocketbank", "Tier 2 customers get charged the tier 1 fee"],
    // An HTTP error status someone gets.
    ["pocketbank", "when I open a pot, I get 502 and not the pot"],
    // A rule or alert that fires for every one.
    ["pocketbank", "the low balance alert fires for every card payment"],
    // What people see lacking a part.
    ["wardline", "patients see their appointments without the clinic address"],
    // A figure said to exceed the one that bounds it.
    ["paysheet", "the holiday allowance is more than the contract allows"],
    // What the code does of itself, then what it should do.
    ["stride", "the weekly summary only looks at runs, it should count walks too"],
  ])("%s: %s is debug", (name, request) => {
    expect(analyzeTask(request, tree(name)).type).toBe("debug");
  });
});

describe("requests to build without a build verb", () => {
  it.each([
    // Whom the product serves wants it.
    ["letting", "tenants want the deposit receipt to show the scheme's name"],
    // A capability wished for.
    ["pocketbank", "standing orders should be editable from the widget"],
    // Asking whether it can be had, as people write it without the "it".
    ["wardline", "Is possible to have the clinic letters also in Welsh?"],
    // Input to cope with.
    ["snapr", "handle HEIC photos in the upload"],
  ])("%s: %s is implement", (name, request) => {
    expect(analyzeTask(request, tree(name)).type).toBe("implement");
  });

  it("\"check all\" asks for a look over what is there", () => {
    expect(analyzeTask("check all modules use Decimal for money", tree("paysheet")).type).toBe("analyze");
  });
});

describe("a pair of the request's words one module's purpose holds breaks a tie", () => {
  it.each([
    ["backtest", "limit orders fill even when the bar never touches the price", "execution"],
    ["stride", "heart rate chart is empty for runs recorded with a Polar strap", "health_connect"],
  ])("%s: %s", (name, request, scope) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe(scope);
  });
});

describe("the system spec's words", () => {
  it("a noun in a phrase its opening sentence uses for the product's things names no module", () => {
    expect(key(analyzeTask("paper tickets print twice at the port", ferry).scope)).toBe("kiosk");
  });

  it("an upgrade of a stack name of two words, or to a version of one, is the system's", () => {
    expect(key(analyzeTask("upgrade Spring Boot to 3.4", ferry).scope)).toBe("system");
    expect(key(analyzeTask("upgrade to Kotlin 2.1", ferry).scope)).toBe("system");
  });
});

describe("a name's neighbours", () => {
  it("a provided name spelled in words names its module, not the module its last word names", () => {
    expect(key(analyzeTask("boarding cards come out blank", pier).scope)).toBe("kiosk");
  });

  it("a message's addressee is no place, and a light verb weighs nothing: the module sending it is the scope", () => {
    expect(key(analyzeTask("SMS to crew go out twice when Twilio times out", ferry).scope)).toBe("alerts");
  });

  it("a part said to work is no part of the scope", () => {
    expect(key(analyzeTask("the kiosk is fine, the problem is refunds of e-tickets", ferry).scope)).toBe("ticketing");
  });
});
