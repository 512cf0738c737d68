import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import { missingOwnedPaths } from "../../src/spec/presence.js";
import { planRequest } from "../../src/plan/request.js";
import { buildPlan } from "../../src/plan/build.js";
import { makeProject } from "../helpers/project.js";
import { checkArchitecture } from "../../src/validate/architecture.js";

// A tree whose layer specs list their modules in tables, with no spec file per module (one has a file, and the file wins).
const FIXTURE = join(import.meta.dirname, "../fixtures/trees/tabled");
const CORE = ".claude/layers/core/CORE_ORCHESTRATOR.md";
const APP = ".claude/layers/app/APP_ORCHESTRATOR.md";

function copy(): string {
  const root = makeProject({ ".orchestrate/.keep": "" });
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

describe("modules a layer spec declares in a table", () => {
  it("are modules of that layer: id, files, dependencies from the row, the layer spec as their spec file", () => {
    const tree = loadSpec(FIXTURE);
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["app", ["export", "report_cli"]], ["core", ["money", "ledger"]]]);
    const byId = new Map(tree.modules.map((m) => [m.id, m]));
    expect(byId.get("money")).toMatchObject({ layer: "core", specFile: CORE, files: ["src/money/amount.py", "src/money/currency.py"], dependencies: [] });
    expect(byId.get("ledger")).toMatchObject({ specFile: CORE, files: ["src/ledger/**"], dependencies: [{ id: "money", via: "list", file: CORE, line: 13 }] });
    expect(byId.get("report_cli")).toMatchObject({ layer: "app", specFile: APP, files: ["src/cli/report.py", "src/cli/args.py"] });
    expect(byId.get("report_cli")!.dependencies.map((d) => d.id)).toEqual(["ledger"]);
    // The module with a spec file of its own is read from it, not from the row.
    expect(byId.get("export")).toMatchObject({ specFile: ".claude/layers/app/modules/EXPORT_AGENT.md", files: ["src/export/csv.py"] });
    // A table in a code block declares nothing.
    expect(byId.has("not-a-module")).toBe(false);
    expect(buildPlan(tree, { type: "implement", scope: { kind: "system" }, because: [] }).waves).toEqual([["money"], ["ledger"], ["export", "report_cli"]]);
  });

  it("warn at the layer spec's row: an unknown dependency, a file owned twice, owned paths not yet present", () => {
    const tree = loadSpec(FIXTURE);
    expect(tree.warnings).toContainEqual(expect.objectContaining({ code: "UNRESOLVED_DEPENDENCY", file: APP, line: 5 }));
    expect(missingOwnedPaths(tree)).toEqual([
      expect.objectContaining({ file: ".claude/layers/app/modules/EXPORT_AGENT.md" }),
      expect.objectContaining({ file: APP, line: 5, message: expect.stringContaining("report_cli: `src/cli/args.py`") }),
      expect.objectContaining({ file: CORE, line: 12, message: expect.stringContaining("money: none of its 2 owned paths") }),
    ]);
    const twice = loadSpec(makeProject({ [`${CORE}`]: "| Module | Files |\n|---|---|\n| a | src/x.py |\n| b | `src/x.py` |\n" }));
    expect(twice.warnings).toContainEqual(expect.objectContaining({ code: "FILE_OWNED_TWICE", file: CORE, line: 4 }));
  });

  it("give their agent the row, then the layer spec's rules", () => {
    const ledger = loadSpec(FIXTURE).modules.find((m) => m.id === "ledger")!;
    expect(ledger.body).toContain("## Purpose\n\nDouble-entry journal and account balances\n");
    expect(ledger.body).toContain(`declared in the table of modules of ${CORE} (line 13)`);
    expect(ledger.body).toContain("- Files: `src/ledger/**`\n- Depends on: `money`");
    expect(ledger.body).toContain("- Amounts are never floats.");
  });

  it("are routed to by their purpose and their files", () => {
    const tree = loadSpec(FIXTURE);
    expect(planRequest(tree, "fix the rounding of currency amounts").modules.map((m) => m.id)).toEqual(["money"]);
    expect(planRequest(tree, "monthly statements print the wrong totals").modules.map((m) => m.id)).toContain("report_cli");
  });

  it("are read from a table written without outer pipes, as GitHub reads it", () => {
    const tree = loadSpec(makeProject({ [CORE]: "# Core\n\nModule | Files | Depends on\n- | - | -\nmoney | src/money.py | —\nledger | src/ledger.py | money\n" }));
    expect(tree.modules.map((m) => [m.id, m.files, m.dependencies.map((d) => d.id)])).toEqual([["money", ["src/money.py"], []], ["ledger", ["src/ledger.py"], ["money"]]]);
  });

  it("read the columns people name otherwise, and a name as an id is made", () => {
    const tree = loadSpec(
      makeProject({
        [CORE]: "# Core\n\n| **Agent** | Owns | Uses | Description |\n|:--|:--|:--|:--|\n| `order-service-agent` | `src/orders/` | — | Takes orders |\n| Stock Keeper | src/stock.py | order-service | Counts stock |\n| `src/util.py` | src/util.py | — | Helpers |\n| [Pricing](modules/PRICING_AGENT.md) | src/pricing.py | — | Prices |\n",
      }),
    );
    expect(tree.modules.map((m) => [m.id, m.files, m.dependencies.map((d) => d.id)])).toEqual([
      ["order-service", ["src/orders/"], []],
      ["stock_keeper", ["src/stock.py"], ["order-service"]],
      // A path in the first column names no module; a linked name is the link's text.
      ["pricing", ["src/pricing.py"], []],
    ]);
  });

  it("count in the tree's size the CLI tunes V8 by (`listed`), once the layer specs are read", () => {
    const sizes: number[] = [];
    loadSpec(FIXTURE, { listed: (n) => sizes.push(n) });
    expect(sizes).toEqual([1, 4]);
  });

  it("hold a module to the import rules of its row's May import / Must not import cells, at the row's line", () => {
    const tree = loadSpec(
      makeProject({
        [CORE]: "# Core\n\n| Module | Files | Must not import | May import |\n|---|---|---|---|\n| audit | `src/audit.py` | — | — |\n| ledger | `src/ledger.py` | `audit` | `money` |\n| money | `src/money.py` | none | |\n",
        "src/audit.py": "X = 1\n",
        "src/money.py": "Y = 1\n",
        "src/ledger.py": "from src import money\nimport src.audit\n",
      }),
    );
    const ledger = tree.modules.find((m) => m.id === "ledger")!;
    expect([ledger.allowedImports, ledger.forbiddenImports]).toEqual([[{ pattern: "money", file: CORE, line: 6 }], [{ pattern: "audit", file: CORE, line: 6 }]]);
    expect(ledger.body).toContain("- May import: `money`\n- Must not import: `audit`");
    expect(checkArchitecture(tree, ["core"], { modules: ["ledger", "money"] })).toEqual([expect.objectContaining({ file: "src/ledger.py", line: 2, specifier: "src.audit" })]);
  });

  it("say, when a row is renamed and its dependents name the old name, which module now owns its files", () => {
    const tree = loadSpec(
      makeProject({
        [CORE]: "# Core\n\n| Module | Files | Depends on |\n|---|---|---|\n| Journal | `src/ledger/` | — |\n",
        [APP]: "# App\n\n| Module | Files | Depends on |\n|---|---|---|\n| cli | `src/cli.py` | Ledger |\n| web | `src/web.py` | Billing |\n",
      }),
    );
    const unresolved = tree.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY").map((w) => `${w.file}:${w.line} ${w.message}`);
    expect(unresolved).toEqual([
      `${APP}:5 cli: \`Ledger\` under "Depends On" names no module, owned file or provided name; module \`journal\` owns \`src/ledger/\`: if \`Ledger\` was renamed, name \`journal\``,
      `${APP}:6 web: \`Billing\` under "Depends On" names no module, owned file or provided name`,
    ]);
  });

  it("come from the cache as from a parse, and a changed table is read again", () => {
    const root = copy();
    const fresh = loadSpec(root, { cache: true });
    saveSpecCache(fresh);
    const cached = loadSpec(root, { cache: true });
    saveSpecCache(cached);
    expect(cached.modules).toEqual(fresh.modules);
    const file = join(root, CORE);
    writeFileSync(file, readFileSync(file, "utf8").replace("| `money` |", "| — |").replace("| Decimal", "| Exact decimal"));
    const changed = loadSpec(root, { cache: true });
    expect(changed.modules.find((m) => m.id === "ledger")!.dependencies).toEqual([]);
    expect(changed.modules.find((m) => m.id === "money")!.body).toContain("Exact decimal amounts");
  });
});
