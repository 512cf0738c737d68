import { describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import { withDependents } from "../../src/analyze/dependents.js";
import type { ScopeResult } from "../../src/analyze/scope.js";
import { joinedVerbs } from "../../src/analyze/stem.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

// Rules found on an end-to-end round (three small projects planned through the CLI), each tried on
// a tree of its own: each case fails with its rule switched off.

/** A shop: the stock it keeps, a web API serving it, and the `tally` command-line program. */
function shop() {
  return loadSpec(
    makeProject({
      ".claude/layers/core/modules/INVENTORY_AGENT.md": moduleSpec({ module: "shop/inventory.py", body: "## Purpose\n\nKeeps stock levels and reservations of the shop.\n" }),
      ".claude/layers/core/modules/PRICING_AGENT.md": moduleSpec({ module: "shop/pricing.py", body: "## Purpose\n\nPrice lists and tax rates.\n\n## Provides\n\n- `discounted`\n" }),
      ".claude/layers/edge/modules/WEB_AGENT.md": moduleSpec({ module: "shop/web.py", body: "## Purpose\n\nThe HTTP API serving stock levels and reservations.\n\n## Depends On\n\n- inventory\n" }),
      ".claude/layers/edge/modules/SERVER_AGENT.md": moduleSpec({ module: "shop/server.py", body: "## Purpose\n\nStarts the process and mounts the routes.\n\n## Provides\n\n- `createServer`\n" }),
      ".claude/layers/edge/modules/TALLY_AGENT.md": moduleSpec({ module: "shop/tally.py", body: "## Purpose\n\nThe `tally` command-line program: prints totals.\n" }),
    }),
  );
}

describe("words every module meets alike", () => {
  it("go to the module the others depend on", () => {
    const analysis = analyzeTask("reservations are slow to load", shop());
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["inventory"] });
  });

  it("'endpoint' meets a spec's 'API'", () => {
    expect(analyzeTask("the reservations endpoint returns 500", shop()).scope).toEqual({ kind: "modules", ids: ["web"] });
  });
});

describe("the CLI", () => {
  it("is the module whose purpose says 'command-line'", () => {
    expect(analyzeTask("add a --verbose flag to the CLI", shop()).scope).toEqual({ kind: "modules", ids: ["tally"] });
    expect(joinedVerbs("a command line tool, a command-line program")).toBe("a commandline tool, a commandline program");
  });
});

describe("a module named as the place the work goes", () => {
  it("stays in the scope beside the module whose Provides the other words meet", () => {
    expect(analyzeTask("add a discount endpoint to the server", shop()).scope).toEqual({ kind: "modules", ids: ["pricing", "server"] });
  });
});

describe("a change wherever a module's code is used", () => {
  it("takes the modules that depend on it", () => {
    const analysis = analyzeTask("rename Inventory.reserve to hold everywhere", shop());
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["inventory", "web"] });
    expect(analysis.evidence).toContainEqual({ kind: "module", target: "web", source: "dependents", words: ["everywhere"] });
  });

  it("stays in the module when the words say where", () => {
    expect(analyzeTask("rename reserve to hold everywhere in inventory", shop()).scope).toEqual({ kind: "modules", ids: ["inventory"] });
  });
});

describe("the type of a request", () => {
  it("is implement for a check that keeps a fault out", () => {
    expect(detectType("update the parser to reject NaN")).toEqual({ type: "implement", words: ["reject nan"] });
    expect(detectType("the parser returns NaN").type).toBe("debug");
  });

  it("is implement for a command to format output", () => {
    expect(detectType("format negative totals with parentheses")).toEqual({ type: "implement", words: ["format"] });
  });
});

describe("hostile input stays fast", () => {
  // As the log parsers' bound (test/logs/hostile.test.ts): the new scans over 100 KB of text in well under 2 s.
  const spec = shop();
  const named: ScopeResult = { scope: { kind: "modules", ids: ["inventory"] }, because: [], evidence: [], confidence: 0.9 };

  it.each([
    ["all of the ".repeat(9_500)],
    [`${"everywhere ".repeat(9_000)}in`],
    [`wherever ${"it ".repeat(33_000)}is used`],
  ])("reads 'everywhere' in request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    withDependents(named, request, spec);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it.each([["command ".repeat(12_500)], ["command-".repeat(12_500)], [`${"reject any ".repeat(9_000)}NaN`]])("reads request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    joinedVerbs(request);
    detectType(request);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
