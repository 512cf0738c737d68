import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { providesSection } from "../../src/spec/provides-section.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes a survey of how people write them found unread: headings numbered as
 * outlines are, a module's exports under "Exports" / "API" / "Interface", ...
 */

const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Kettle\n\nLayers: core, app\n" };

function load(files: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...SYSTEM, ...files }));
}

function mod(spec: SpecTree, id: string) {
  const found = spec.modules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id}: ${spec.modules.map((m) => m.id).join(", ")}`);
  return found;
}

describe("headings numbered as an outline", () => {
  it("`## II. Files` and `## III. Depends On` are read as Files and Depends On", () => {
    const spec = load({
      ".claude/layers/core/modules/BREW_AGENT.md": "# Brew\n\n## I. Purpose\nHeats the water.\n\n## II. Files\n- `src/brew/heater.ts`\n",
      ".claude/layers/app/modules/PANEL_AGENT.md": "# Panel\n\n## A) Files\n- `src/panel.ts`\n\n## III. Depends On\n- brew\n",
    });
    expect(mod(spec, "brew").files).toEqual(["src/brew/heater.ts"]);
    expect(mod(spec, "panel").files).toEqual(["src/panel.ts"]);
    expect(mod(spec, "panel").dependencies.map((d) => d.id)).toEqual(["brew"]);
    expect(spec.warnings.filter((w) => w.code === "NO_FILES")).toEqual([]);
  });
});

describe("what a module gives others, under the names teams give it", () => {
  const files = {
    ".claude/layers/core/modules/MONEY_AGENT.md": "# Money\n**Files**: `src/money.ts`\n\n## Exports\n- `roundHalfEven`\n",
    ".claude/layers/core/modules/TAX_AGENT.md": "# Tax\n**Files**: `src/tax.ts`\n\n## 2. Public API\n- `computeVat(amount)`: VAT on an amount\n",
    ".claude/layers/core/modules/FX_AGENT.md": "# Fx\n**Files**: `src/fx.ts`\n\n## Interface\n```py\nclass Converter:\n    def convert(self, a): ...\ndef convert(a): ...\n```\n",
    ".claude/layers/app/modules/QUOTE_AGENT.md": "# Quote\n**Files**: `src/quote.ts`\n\n## Depends On\n- `computeVat`\n- `roundHalfEven`\n- `convert`\n",
  };

  it("are its Provides: a dependency naming one resolves to the module", () => {
    const spec = load(files);
    expect(mod(spec, "money").provides).toEqual(["roundHalfEven"]);
    expect(mod(spec, "tax").provides).toEqual(["computeVat"]);
    expect(mod(spec, "fx").provides).toEqual(["Converter", "convert"]);
    expect(mod(spec, "quote").dependencies.map((d) => d.id).sort()).toEqual(["fx", "money", "tax"]);
    expect(spec.warnings.filter((w) => w.file?.endsWith("QUOTE_AGENT.md"))).toEqual([]);
  });

  it("are not read beside a Provides section: a template's Interfaces there draw whole classes", () => {
    const spec = load({
      ".claude/layers/core/modules/BOOK_AGENT.md": "# Book\n**Files**: `src/book.ts`\n\n## Provides\n- `Book`\n\n## Interfaces\n```py\ndef audit(): ...\n```\n",
    });
    expect(mod(spec, "book").provides).toEqual(["Book"]);
    expect(providesSection("# B\n\n## Provides\n- `Book`\n\n## API\n- `audit`\n")).toBe("- `Book`");
  });

  it("are the section a dependent's prompt is shown", () => {
    expect(providesSection(files[".claude/layers/core/modules/TAX_AGENT.md"])).toBe("- `computeVat(amount)`: VAT on an amount");
    expect(providesSection("# M\n\n**Exports:** `a`, `b()`\n")).toBe("`a`, `b()`");
  });
});

describe("a module's folder of its own in a layer, described by its README", () => {
  it("is the module's spec, id the folder's name, when no folder of the layer holds an AGENT.md and its own no _AGENT.md", () => {
    const spec = load({
      ".claude/layers/core/billing/README.md": "# Billing\nInvoices.\n\n## Files\n- `src/billing/`\n",
      ".claude/layers/core/catalog/CLAUDE.md": "# Catalog\nProducts.\n\n## Files\n- `src/catalog/`\n",
      ".claude/layers/app/shop/README.md": "# Shop\n\n## Files\n- `src/shop/`\n\n## Depends On\n- billing\n- catalog\n",
      // A README beside the module specs it introduces is no module's.
      ".claude/layers/app/admin/README.md": "# Admin tools\n",
      ".claude/layers/app/admin/modules/USERS_AGENT.md": "# Users\n**Files**: `src/users.ts`\n",
      // Beside folders holding an AGENT.md, a README is notes.
      ".claude/layers/tools/reports/AGENT.md": "# Reports\n**Files**: `src/reports.ts`\n",
      ".claude/layers/tools/notes/README.md": "# Notes on the tools\n",
    });
    expect(spec.modules.map((m) => [m.id, m.specFile]).sort()).toEqual([
      ["billing", ".claude/layers/core/billing/README.md"],
      ["catalog", ".claude/layers/core/catalog/CLAUDE.md"],
      ["reports", ".claude/layers/tools/reports/AGENT.md"],
      ["shop", ".claude/layers/app/shop/README.md"],
      ["users", ".claude/layers/app/admin/modules/USERS_AGENT.md"],
    ]);
    expect(mod(spec, "shop").dependencies.map((d) => d.id)).toEqual(["billing", "catalog"]);
  });
});

describe("a Mermaid graph of layers orders them", () => {
  const MODULES = {
    ".claude/layers/core/modules/TILES_AGENT.md": "# Tiles\n**Files**: `src/tiles.ts`\n",
    ".claude/layers/service/modules/ROUTER_AGENT.md": "# Router\n**Files**: `src/router.ts`\n",
    ".claude/layers/interface/modules/HTTP_AGENT.md": "# Http\n**Files**: `src/http.ts`\n",
  };
  const system = (body: string) => ({ ".claude/system/SYSTEM_ORCHESTRATOR.md": `# Atlas\n\n${body}` });
  const graph = (...arrows: string[]) => `## Layers\n\n\`\`\`mermaid\ngraph TD\n${arrows.map((a) => `  ${a}\n`).join("")}\`\`\`\n`;

  it("`interface --> service --> core`: each layer after those it builds on, and check says so", () => {
    const spec = loadSpec(makeProject({ ...MODULES, ...system(graph("interface --> service", "service --> C[Core]")) }));
    expect(spec.system.layerOrder).toEqual(["core", "service", "interface"]);
    expect(spec.notes?.map((n) => n.message)).toEqual([expect.stringContaining("layers, read as the layer order: core, service, interface")]);
  });

  it("drawn as data flows against the modules' dependencies, read the other way", () => {
    const router = { ".claude/layers/service/modules/ROUTER_AGENT.md": "# Router\n**Files**: `src/router.ts`\n**Depends on**: tiles\n" };
    const spec = loadSpec(makeProject({ ...MODULES, ...router, ...system(graph("core --> service", "service --> interface")) }));
    expect(spec.system.layerOrder).toEqual(["core", "service", "interface"]);
    expect(spec.notes?.[0]?.message).toContain("read the other way): core, service, interface");
  });

  it("an order stated in words wins over the graph", () => {
    const spec = loadSpec(makeProject({ ...MODULES, ...system(`Build order: interface, service, core\n\n${graph("interface --> service --> core")}`) }));
    expect(spec.system.layerOrder).toEqual(["interface", "service", "core"]);
  });
});

describe("modules declared in a layer spec's sections of their own", () => {
  it("`## Module: watering` with `Files:` and `Depends on:` lines (or lists) is a module of the layer, as a table's row is", () => {
    const layerSpec = ".claude/layers/core/CORE_ORCHESTRATOR.md";
    const spec = load({
      ".claude/layers/core/modules/PLANTS_AGENT.md": "# Plants\n**Files**: `src/plants.ts`\n",
      [layerSpec]: [
        "# Core layer",
        "",
        "## Module: watering",
        "Schedules watering.",
        "Files: `src/watering.ts`",
        "Depends on: plants, weather",
        "",
        "## Module — `weather`",
        "Fetches the forecast.",
        "- **Files**:",
        "  - `src/weather/`",
        "",
        "```markdown",
        "## Module: example",
        "```",
        "",
      ].join("\n"),
    });
    expect(spec.layers.find((l) => l.id === "core")!.modules.sort()).toEqual(["plants", "watering", "weather"]);
    expect(mod(spec, "watering").files).toEqual(["src/watering.ts"]);
    expect(mod(spec, "watering").dependencies.map((d) => [d.id, d.file, d.line])).toEqual([
      ["plants", layerSpec, 3],
      ["weather", layerSpec, 3],
    ]);
    expect(mod(spec, "weather").files).toEqual(["src/weather/"]);
    expect(mod(spec, "weather").body).toContain("Fetches the forecast.");
  });
});

describe("a CLAUDE.md or AGENTS.md in each source folder, with no module spec in .claude/", () => {
  it("each is a module owning its folder, layer `src`; the root's AGENTS.md is the system spec when there is no other", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/settings.json": "{}\n",
        "AGENTS.md": "# Configs\n\n## Modules\n| Module | Purpose |\n|---|---|\n| parser | Parses configs |\n| eval | Evaluates them |\n",
        "src/parser/AGENTS.md": "# Parser\nParses the config language.\n",
        "src/eval/CLAUDE.md": "# Eval\nEvaluates configs.\n\nDepends on: parser\n",
        "src/eval/AGENTS.md": "# Eval, for Codex: CLAUDE.md comes first\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile, m.files])).toEqual([
      ["eval", "src", "src/eval/CLAUDE.md", ["src/eval/"]],
      ["parser", "src", "src/parser/AGENTS.md", ["src/parser/"]],
    ]);
    expect(spec.modules.find((m) => m.id === "eval")!.dependencies.map((d) => d.id)).toEqual(["parser"]);
    expect(spec.system.specFile).toBe("AGENTS.md");
  });
});

describe("headings in German, French, Spanish or Portuguese", () => {
  it("`## Dateien` / `## Fichiers` are Files, `## Abhängigkeiten` / `## Dépendances` dependencies (silent about packages, as Dependencies is)", () => {
    const spec = load({
      ".claude/layers/core/modules/BESTAND_AGENT.md": "# Bestand\n\n## Dateien\n- `src/bestand.ts`\n",
      ".claude/layers/app/modules/SHOP_AGENT.md": "# Shop\n\n## Dateien\n- `src/shop.ts`\n\n## Abhängigkeiten\n- bestand\n- lodash\n",
      ".claude/layers/app/modules/FACTURE_AGENT.md": "# Facture\n\n## Fichiers\n- `src/facture.ts`\n\n## Dépendances\n- bestand\n",
    });
    expect(mod(spec, "bestand").files).toEqual(["src/bestand.ts"]);
    expect(mod(spec, "shop").dependencies.map((d) => d.id)).toEqual(["bestand"]);
    expect(mod(spec, "facture").files).toEqual(["src/facture.ts"]);
    expect(mod(spec, "facture").dependencies.map((d) => d.id)).toEqual(["bestand"]);
    expect(spec.warnings).toEqual([]);
  });
});

describe("dependencies written as a sentence", () => {
  const modules = {
    ".claude/layers/core/modules/PATIENTS_AGENT.md": "# Patients\n**Files**: `src/patients.ts`\n",
    ".claude/layers/core/modules/BOOKING_AGENT.md": "# Booking\n**Files**: `src/booking.ts`\n\n## Dependencies\nRelies on the patients module for records, and on Redis.\n",
  };

  it("under a dependency heading: the modules after the verb, each cut at its first preposition; what names no module is passed over", () => {
    const spec = load({ ...modules, ".claude/layers/app/modules/PORTAL_AGENT.md": "# Portal\n**Files**: `src/portal.ts`\n\n## Depends On\nUses booking and the patients module. Called by the admin tools.\n" });
    expect(mod(spec, "booking").dependencies.map((d) => [d.id, d.line])).toEqual([["patients", 5]]);
    expect(mod(spec, "portal").dependencies.map((d) => d.id)).toEqual(["booking", "patients"]);
    expect(spec.warnings).toEqual([]);
  });

  it("anywhere in a spec with no dependency heading or field, only after `relies on` / `depends on`", () => {
    const spec = load({
      ...modules,
      ".claude/layers/app/modules/REMINDERS_AGENT.md": "# Reminders\n**Files**: `src/reminders.ts`\n\nSends reminders. Relies on the booking and patients modules.\n",
      ".claude/layers/app/modules/DESK_AGENT.md": "# Desk\n**Files**: `src/desk.ts`\n\nThe front desk uses booking screens.\n",
    });
    expect(mod(spec, "reminders").dependencies.map((d) => d.id)).toEqual(["booking", "patients"]);
    expect(mod(spec, "desk").dependencies).toEqual([]);
  });
});
