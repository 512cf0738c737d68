import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { buildPlan } from "../../src/plan/build.js";
import { makeProject } from "../helpers/project.js";

// Trees written without .claude/layers: module specs kept in a folder of .claude/ (as Claude
// Code keeps its subagents in .claude/agents/), layers named by the folder or by each module.
const spec = (title: string, lines: string[]) => `# ${title}\n\n${lines.join("\n")}\n`;
const SHOP = {
  ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n\nA small shop.\n",
  ".claude/agents/CATALOG_AGENT.md": spec("Catalog", ["**Files:** `src/catalog.ts`", "", "Keeps the products."]),
  ".claude/agents/CART_AGENT.md": spec("Cart", ["**Depends on:** catalog", "**Files:** `src/cart.ts`"]),
  ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\ndescription: Reviews code\n---\nYou review code.\n",
  ".claude/commands/ship.md": "Ship it.\n",
};

describe("a tree without layer folders", () => {
  it("reads the module specs of a folder of .claude/ as one layer named for it", () => {
    const tree = loadSpec(makeProject(SHOP));
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["agents", ["cart", "catalog"]]]);
    expect(tree.modules.find((m) => m.id === "cart")?.dependencies.map((d) => d.id)).toEqual(["catalog"]);
    expect(buildPlan(tree, { type: "implement", scope: { kind: "system" }, because: [] }).waves).toEqual([["catalog"], ["cart"]]);
    // Claude Code's subagent beside them is not read, and not reported: the tree has modules.
    expect(unreadSpecs(tree)).toEqual([]);
  });

  it("puts a module in the layer its front matter or `**Layer:**` field names, in the system spec's order", () => {
    const tree = loadSpec(
      makeProject({
        ...SHOP,
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n\nLayers: domain, then api.\n",
        ".claude/agents/CATALOG_AGENT.md": spec("Catalog", ["**Layer:** Domain (business rules)", "**Files:** `src/catalog.ts`"]),
        ".claude/agents/CART_AGENT.md": `---\nlayer: API Layer\n---\n${spec("Cart", ["**Depends on:** catalog", "**Files:** `src/cart.ts`"])}`,
      }),
    );
    // The folder's own layer keeps no module, and is gone.
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["api", ["cart"]], ["domain", ["catalog"]]]);
    expect(tree.system.layerOrder).toEqual(["domain", "api"]);
  });

  it("puts a module in the layer a system spec's table gives it: a row per module with a Layer column, or a row per layer listing its modules", () => {
    const system = [
      "# Shop",
      "",
      "| Layer | Packages | May import |",
      "|---|---|---|",
      "| domain | catalog | checkout |",
      "| api | `checkout` | domain |",
      "",
      "## Agents",
      "",
      "| Agent | Package | Layer |",
      "|---|---|---|",
      "| cart-agent | src/cart.ts | **domain** |",
      "",
      "```",
      "| Agent | Layer |",
      "|---|---|",
      "| catalog | api |",
      "```",
    ].join("\n");
    const tree = loadSpec(
      makeProject({
        ...SHOP,
        ".claude/system/SYSTEM_ORCHESTRATOR.md": `${system}\n`,
        ".claude/agents/CART_AGENT.md": `---\nname: cart-agent\n---\n${spec("Cart", ["**Depends on:** catalog", "**Files:** `src/cart.ts`"])}`,
        ".claude/agents/CHECKOUT_AGENT.md": spec("Checkout", ["**Depends on:** cart", "**Files:** `src/checkout.ts`"]),
        ".claude/agents/SEARCH_AGENT.md": spec("Search", ["**Layer:** api", "**Files:** `src/search.ts`"]),
      }),
    );
    // The "May import" column names no module's layer; a table in a code block is not read; a module's own field wins.
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["domain", ["cart", "catalog"]], ["api", ["checkout", "search"]]]);
    expect(tree.system.layerOrder).toEqual(["domain", "api"]);
  });

  it("reads a system spec's table as GitHub does: one dash a column, a `|` in a code span is no column", () => {
    const system = ["# Shop", "", "| Agent | Package | Layer |", "|:-|-|-:|", "| cart-agent | `src/cart.ts|src/bag.ts` | domain |", "| catalog | src/catalog.ts | api |", ""].join("\n");
    const tree = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": system,
        ".claude/agents/CART_AGENT.md": spec("Cart", ["**Files:** `src/cart.ts`"]),
        ".claude/agents/CATALOG_AGENT.md": spec("Catalog", ["**Files:** `src/catalog.ts`"]),
      }),
    );
    expect(Object.fromEntries(tree.layers.map((l) => [l.id, l.modules]))).toEqual({ domain: ["cart"], api: ["catalog"] });
  });

  it("reads CLAUDE.md as the system spec of a tree with none (.claude/CLAUDE.md first): its layers table and order", () => {
    const { [".claude/system/SYSTEM_ORCHESTRATOR.md"]: _system, ...agents } = SHOP;
    const claudeMd = (first: string, second: string) => `# Shop\n\n| Layer | Modules |\n|---|---|\n| ${first} | catalog |\n| ${second} | cart |\n`;
    const root = loadSpec(makeProject({ ...agents, "CLAUDE.md": claudeMd("domain", "api") }));
    expect([root.system.specFile, Object.fromEntries(root.layers.map((l) => [l.id, l.modules])), root.system.layerOrder]).toEqual(["CLAUDE.md", { domain: ["catalog"], api: ["cart"] }, ["domain", "api"]]);
    expect(root.warnings.map((w) => w.code)).not.toContain("NO_SYSTEM_SPEC");
    expect(loadSpec(makeProject(agents)).warnings.find((w) => w.code === "NO_SYSTEM_SPEC")?.message).toBe(
      "No .claude/system/SYSTEM_ORCHESTRATOR.md (nor .claude/SYSTEM_ORCHESTRATOR.md, .claude/CLAUDE.md, CLAUDE.md or AGENTS.md): layer order comes from dependencies and names only",
    );
    const inClaude = loadSpec(makeProject({ ...agents, "CLAUDE.md": claudeMd("domain", "api"), ".claude/CLAUDE.md": claudeMd("core", "web") }));
    expect([inClaude.system.specFile, inClaude.system.layerOrder]).toEqual([".claude/CLAUDE.md", ["core", "web"]]);
    // A tree of its own system spec, or of layer folders, does not read it.
    expect(loadSpec(makeProject({ ...SHOP, "CLAUDE.md": claudeMd("domain", "api") })).system.specFile).toBe(".claude/system/SYSTEM_ORCHESTRATOR.md");
    const layered = loadSpec(makeProject({ "CLAUDE.md": claudeMd("domain", "api"), ".claude/layers/core/modules/CATALOG_AGENT.md": spec("Catalog", ["**Files:** `src/catalog.ts`"]) }));
    expect(layered.system.specFile).toBeUndefined();
    expect(layered.warnings.map((w) => w.code)).toContain("NO_SYSTEM_SPEC");
  });

  it("keeps a layer folder that holds only its spec: a module's front matter may put it there, under its rules", () => {
    const tree = loadSpec(
      makeProject({
        ...SHOP,
        ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n\n## Forbidden Imports\n- `src/web/`\n",
        ".claude/agents/CATALOG_AGENT.md": `---\nlayer: core\n---\n${spec("Catalog", ["**Files:** `src/catalog.ts`"])}`,
      }),
    );
    expect(tree.layers.map((l) => [l.id, l.modules, l.specFile])).toEqual([
      ["core", ["catalog"], ".claude/layers/core/CORE_ORCHESTRATOR.md"],
      ["agents", ["cart"], undefined],
    ]);
    expect(tree.layers[0]!.forbiddenImports.map((r) => r.pattern)).toEqual(["src/web/"]);
  });

  it("makes each such folder a layer, a module spec under its modules/ too", () => {
    const tree = loadSpec(
      makeProject({
        ".claude/core/MONEY_AGENT.md": spec("Money", ["**Files:** `src/money.ts`"]),
        ".claude/web/modules/CHECKOUT_AGENT.md": spec("Checkout", ["**Depends on:** money", "**Files:** `src/checkout.ts`"]),
      }),
    );
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["core", ["money"]], ["web", ["checkout"]]]);
  });

  it("is not read when .claude/layers has modules: a module spec elsewhere is reported, as before", () => {
    const tree = loadSpec(makeProject({ ...SHOP, ".claude/layers/core/modules/MONEY_AGENT.md": spec("Money", ["**Files:** `src/money.ts`"]) }));
    expect(tree.modules.map((m) => m.id)).toEqual(["money"]);
    expect(unreadSpecs(tree).map((w) => w.file)).toEqual([".claude/agents/CART_AGENT.md", ".claude/agents/CATALOG_AGENT.md"]);
  });

  it("leaves a folder of Claude Code subagents alone: still no modules", () => {
    const tree = loadSpec(makeProject({ ".claude/agents/code-reviewer.md": SHOP[".claude/agents/code-reviewer.md"], ".claude/settings.json": "{}" }));
    expect(tree.modules).toEqual([]);
    expect(tree.layers).toEqual([]);
  });

  it("reads a system spec kept in .claude/ itself when .claude/system has none: its layer order and rules", () => {
    const { ".claude/system/SYSTEM_ORCHESTRATOR.md": _moved, ...rest } = SHOP;
    const tree = loadSpec(
      makeProject({
        ...rest,
        ".claude/SYSTEM_ORCHESTRATOR.md": "# Shop\n\nBuild order: domain, persistence, analytics, api\n",
        ".claude/agents/CATALOG_AGENT.md": `---\nlayer: domain\n---\n${spec("Catalog", ["**Files:** `src/catalog.ts`"])}`,
        ".claude/agents/STOCK_AGENT.md": `---\nlayer: persistence\n---\n${spec("Stock", ["**Depends on:** catalog", "**Files:** `src/stock.ts`"])}`,
        ".claude/agents/CART_AGENT.md": `---\nlayer: analytics\n---\n${spec("Cart", ["**Depends on:** catalog", "**Files:** `src/cart.ts`"])}`,
      }),
    );
    expect(tree.system.specFile).toBe(".claude/SYSTEM_ORCHESTRATOR.md");
    expect(tree.system.layerOrder).toEqual(["domain", "persistence", "analytics"]);
    expect(tree.warnings.map((w) => w.code)).not.toContain("NO_SYSTEM_SPEC");
    // Without the stated order, analytics would be planned before persistence (neither depends on the other).
    expect(buildPlan(tree, { type: "implement", scope: { kind: "system" }, because: [] }).layers.map((l) => l.id)).toEqual(["domain", "persistence", "analytics"]);
  });
});

describe("a layer's agents/ folder", () => {
  it("holds module specs as its modules/ folder does, grouped in folders too", () => {
    const tree = loadSpec(
      makeProject({
        ".claude/layers/core/agents/MONEY_AGENT.md": spec("Money", ["**Files:** `src/money.ts`"]),
        ".claude/layers/core/agents/billing/INVOICE_AGENT.md": spec("Invoice", ["**Depends on:** money", "**Files:** `src/invoice.ts`"]),
        ".claude/layers/web/modules/SHOP_AGENT.md": spec("Shop", ["**Depends on:** invoice", "**Files:** `src/shop.ts`"]),
      }),
    );
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["core", ["money", "invoice"]], ["web", ["shop"]]]);
    expect(unreadSpecs(tree)).toEqual([]);
  });
});
