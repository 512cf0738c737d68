import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { buildPlan } from "../../src/plan/build.js";

const ROOT = fileURLToPath(new URL("../../examples/ledger", import.meta.url));
const spec = loadSpec(ROOT);
const deps = (id: string) => Object.fromEntries(spec.modules.find((m) => m.id === id)!.dependencies.map((d) => [d.id, d.via]));

describe("the bundled example (examples/ledger)", () => {
  it("has 4 layers and 10 modules, one placed directly in its layer folder, no warnings", () => {
    expect(spec.layers.map((l) => l.id).sort()).toEqual(["core", "foundation", "interface", "services"]);
    expect(spec.modules).toHaveLength(10);
    expect(spec.modules.find((m) => m.id === "cli")!.specFile).toBe(".claude/layers/interface/CLI_AGENT.md");
    expect(spec.warnings).toEqual([]);
  });

  it("uses every dependency source of DESIGN.md", () => {
    expect(deps("errors")).toEqual({});
    expect(deps("money")).toEqual({ errors: "list" });
    expect(deps("events")).toEqual({ errors: "symbol" });
    expect(deps("accounts")).toEqual({ errors: "import", events: "import", money: "import" });
    expect(deps("fx")).toEqual({ money: "symbol", errors: "symbol" });
    expect(deps("journal")).toEqual({ accounts: "front-matter", money: "front-matter", errors: "front-matter", events: "front-matter" });
    expect(deps("balances")).toEqual({ journal: "list", accounts: "list", events: "symbol", errors: "symbol", fx: "import", money: "import" });
    expect(deps("importer")).toEqual({ journal: "list", accounts: "list", money: "symbol", errors: "symbol", events: "symbol" });
    expect(deps("reports")).toEqual({ accounts: "import", balances: "import", fx: "import", journal: "import", errors: "import", money: "import" });
    expect(deps("cli")).toEqual({ errors: "import", importer: "import", reports: "import", accounts: "list", journal: "list", fx: "list", balances: "list" });
  });

  it("plans in layer order with minimal waves and a seven-module critical path", () => {
    const plan = buildPlan(spec, analyzeTask("implement system", spec), "implement system");
    expect(plan.layers.map((l) => l.id)).toEqual(["foundation", "core", "services", "interface"]);
    expect(plan.waves).toEqual([["errors"], ["events", "money"], ["accounts", "fx"], ["journal"], ["balances", "importer"], ["reports"], ["cli"]]);
    expect(plan.criticalPath).toHaveLength(7);
    expect(plan.criticalPath[0]).toBe("errors");
    expect(plan.criticalPath.slice(2)).toEqual(["accounts", "journal", "balances", "reports", "cli"]);
  });

  it("has realistic specs: several KB each, with the sections real specs carry", () => {
    for (const m of spec.modules) {
      expect(m.body.length).toBeGreaterThan(3000);
      expect(m.body).toMatch(/## .*Purpose/);
      expect(m.provides.length).toBeGreaterThan(0);
    }
  });
});
