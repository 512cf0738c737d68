import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Rules found on a fifteenth round of unseen trees (routes/unseen14.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

// A haulage firm's driver expenses and shift patterns, two modules whose purposes each meet one word.
const HAULAGE: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Longhaul",
    "",
    "Longhaul runs the back office of a haulage firm.",
    "",
    "## Modules",
    "",
    "### 1. Office layer",
    "- `mileage` (`office/mileage/`): mileage claims and per diems for drivers on the road.",
    "- `shifts` (`office/shifts/`): shift patterns and overtime at the night rate.",
    "",
  ].join("\n"),
};

const roots: string[] = [];
let haulage: SpecTree;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), "longhaul-"));
  roots.push(root);
  for (const [file, text] of Object.entries(HAULAGE)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  haulage = loadSpec(root);
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("why-questions that report a fault", () => {
  it.each([
    // A result wrong in itself.
    ["wardline", "why is the waiting list count negative for the ENT clinic?"],
    // A fault's word beside a figure: a case observed.
    ["wardline", "why are referral letters never sent for patients over 80?"],
  ])("%s: %s is debug", (name, request) => {
    expect(analyzeTask(request, tree(name)).type).toBe("debug");
  });

  it("one about why the code is built as it is still asks", () => {
    expect(analyzeTask("why are referral letters sent by post and not by email?", tree("wardline")).type).toBe("analyze");
  });
});

describe("faults told in plain words", () => {
  it.each([
    // Whom a fault reaches, telling it.
    ["letting", "landlords complain they get two statements each month"],
    // "they're not": "are not".
    ["letting", "applicants can book viewings for flats they're not eligible for"],
    // A figure out by an amount.
    ["paysheet", "the payroll journal is £12 out for employees paid weekly"],
    // A compound subject opening with a command's verb, then a place, then its verb.
    ["stride", "Run summaries in the history screen are 2 minutes off"],
    // A size it should not have.
    ["paysheet", "the overtime cap is too low for night shifts"],
    // Handing out the old one, after a possessive.
    ["wardline", "the appointment letter prints the patient's old address"],
    // A ticket's passive after a module's name, without its auxiliary.
    ["pocketbank", "Virtual cards blocked but payments still go through"],
    // A command verb after "doesn't" in a clause that opens with a condition.
    ["wardline", "when a clinic is cancelled the booking office doesn't notify the patients"],
  ])("%s: %s is debug", (name, request) => {
    expect(analyzeTask(request, tree(name)).type).toBe("debug");
  });

  it("a judgement of a setting is no fault", () => {
    expect(analyzeTask("the overtime cap is too strict for night shifts", tree("paysheet")).type).toBe("general");
  });
});

describe("a polite request opens at its verb", () => {
  it("can we make ... configurable", () => {
    expect(analyzeTask("can we make the reminder time configurable per clinic?", tree("wardline")).type).toBe("implement");
  });
});

describe("where the request is", () => {
  it("a review of the whole platform for what a module's word names is the system's", () => {
    expect(key(analyzeTask("audit the whole platform for patient names in logs", tree("wardline")).scope)).toBe("system");
    expect(key(analyzeTask("review everything for landlord emails in logs", tree("letting")).scope)).toBe("system");
  });

  it("a review of a part of it is that part's", () => {
    expect(key(analyzeTask("review everything in letters for patient names in logs", tree("wardline")).scope)).not.toBe("system");
  });

  it("a ticket whose topic is a file leaves out a module's bare name after it", () => {
    expect(key(analyzeTask("src/main/kotlin/com/paysheet/calc/gross/: the overtime is added after the absence, should be before", tree("paysheet")).scope)).toBe("gross");
  });

  it("the subject a request opens with is its first word past stop words", () => {
    expect(key(analyzeTask("per diems on night routes are too low", haulage).scope)).toBe("mileage");
  });
});
