import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";

// Rules found on a tenth round of unseen trees (routes/unseen9.ts), each tried on a tree other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

describe("a layer's other name in the system spec's table names the layer", () => {
  // servo's table: | 1_drivers | hardware layer, HAL | ... | 3_control | motion | ... | 4_mission | autonomy, behaviour |
  const servo = tree("servo");
  it.each([
    ["review the motion code for allocations in the loop", "layer 3_control"],
    ["the HAL: add a watchdog for the CAN bus", "layer 1_drivers"],
    ["HAL is missing a watchdog", "layer 1_drivers"],
    ["autonomy: add a retry limit to every behaviour", "layer 4_mission"],
  ])("%s", (request, scope) => {
    expect(key(analyzeTask(request, servo).scope)).toBe(scope);
  });

  it("only as written there: a singular of a plural name is a plain word", () => {
    // stride's table calls `feature` "screens": "the record screen" is the recording module's.
    expect(key(analyzeTask("add a lap button to the record screen", tree("stride")).scope)).toBe("recording");
  });
});

describe("a question after a colon or a dash asks", () => {
  it.each([
    "plan the migration: which services still read the old table?",
    "the totals in the report don't match the ledger - which one is right?",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("analyze");
  });

  it("a which after a comma is still a relative clause", () => {
    expect(detectType("the nightly job, which used to take a minute, now crashes?").type).toBe("debug");
  });
});

describe("faults told in plain words are debug", () => {
  it.each([
    "the invoice total is double what the customer paid",
    "each order appears 4 times in the export",
    "Q3 totals are over budget, something's off",
    "guest accounts can be deleted without confirmation",
    "crawler traffic is inflating the page views",
    "the vacuum alarm goes off constantly",
    "the exported PDF has no page numbers",
    "uploads stop when the laptop sleeps",
    "the CSV export gives a sheet with no headers",
    "nightly runs keep creating duplicate folders",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("debug");
  });

  it.each([
    ["the sync runs 3 times a day", "general"],
    ["Invoice has no currency field", "general"],
  ])("not a rate, nor a part of the code a thing lacks: %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("a tool's error line pasted is a bug report", () => {
  it("even when its words say what the tool was creating", () => {
    expect(detectType("│ Error: creating S3 bucket: BucketAlreadyExists\n│   with module.storage.aws_s3_bucket.this").type).toBe("debug");
  });

  it("only at a line's start", () => {
    expect(detectType("create a page that lists every error: code, message and count").type).toBe("implement");
  });
});

describe("a fix after its article in a question is a thing", () => {
  it("how does a position fix get from the receiver to the map?", () => {
    expect(detectType("how does a position fix get from the receiver to the map?").type).toBe("analyze");
  });
});

describe("code cut up or carried to a newer idiom is a refactor", () => {
  it.each([
    "the OrderController is 1200 lines, split it up",
    "move the pipelines to the GitLab 17 rules syntax",
    "convert the components to the Vue composition API",
    "billing and invoices: move to the Stripe v2 APIs",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("refactor");
  });

  it("not a thing moved to another place", () => {
    expect(detectType("move the save button to the left of the toolbar").type).not.toBe("refactor");
  });
});

describe("what it costs to run is optimize", () => {
  it.each(["make the nightly export cheaper", "the staging cluster costs $4k a month, can we bring it down?"])("%s", (request) => {
    expect(detectType(request).type).toBe("optimize");
  });

  it("a price asked for is not", () => {
    expect(detectType("charge $10 a month for the pro plan").type).not.toBe("optimize");
  });
});

describe("a URL's path names the module its route is named for, not the layer it is mounted under", () => {
  // taskboard: layer `api` holds auth-api, projects-api, tasks-api, search-api, comments-api.
  const taskboard = tree("taskboard");
  it.each([
    ["pagination on /api/tasks returns the same page twice", "tasks-api"],
    ["GET /api/projects/:id/members is slow", "projects-api"],
  ])("%s", (request, scope) => {
    expect(key(analyzeTask(request, taskboard).scope)).toBe(scope);
  });
});

describe("throughout the app asks for the whole system", () => {
  it.each([
    ["shop", "show prices with two decimals throughout the app"],
    ["tillpoint", "show the tax rate on receipts throughout the app"],
  ])("%s: %s", (name, request) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe("system");
  });
});

describe("a layer's bare word beside a word naming one of its modules is that module", () => {
  it("not a side of the project asked for as a whole", () => {
    // taskboard's `api` layer holds projects-api: "the back-end" is the layer, whatever it does to projects.
    expect(key(analyzeTask("the back-end returns 500 for archived projects", tree("taskboard")).scope)).toBe("layer api");
  });

  it.each([
    ["pipeline", "ingestion drops kafka messages with null keys", "kafka_src"],
    ["pipeline", "add avro support to schema handling in ingestion", "schema_reg"],
  ])("%s: %s", (name, request, scope) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe(scope);
  });
});

describe("how one thing becomes another asks about the modules on its way", () => {
  const specs = { ledger: () => loadSpec(fileURLToPath(new URL("../../examples/ledger", import.meta.url))), courier: () => tree("courier") };
  it.each([
    ["ledger", "how does an imported CSV row become a journal entry?", "importer,journal"],
    ["courier", "how does a consignment reach the route planner?", "consignment,route_opt"],
  ] as const)("%s: %s", (name, request, scope) => {
    expect(key(analyzeTask(request, specs[name]()).scope)).toBe(scope);
  });
});
