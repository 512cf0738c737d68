import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { noModuleSpecs } from "../../src/cli/empty-plan.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes the second survey of how people write them found misread: a dependency
 * lost, a module in the wrong layer, a file not owned, a message pointing the wrong way.
 */

const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Wharf\n\nLayers: core, app\n" };

function load(files: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...SYSTEM, ...files }));
}

function deps(spec: SpecTree, id: string): string[] {
  const found = spec.modules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id}: ${spec.modules.map((m) => m.id).join(", ")}`);
  return found.dependencies.map((d) => d.id).sort();
}

describe("front matter `deps:`", () => {
  it("lists dependencies as `depends_on` does", () => {
    const spec = load({
      ".claude/layers/core/modules/GEO_AGENT.md": "---\nowns: [src/geo/]\n---\n# Geo\n",
      ".claude/layers/core/modules/TOLLS_AGENT.md": "---\nowns: [src/tolls/]\n---\n# Tolls\n",
      ".claude/layers/app/modules/FUEL_AGENT.md": "---\nowns: [src/fuel/]\ndeps: [geo, tolls]\n---\n# Fuel\n",
    });
    expect(deps(spec, "fuel")).toEqual(["geo", "tolls"]);
  });
});

describe("TypeScript stubs under Depends On", () => {
  it("a type named in one word (`clock: Clock`, `implements Clock`) is the module that defines or is named for it", () => {
    const spec = load({
      ".claude/layers/core/modules/QUEUE_AGENT.md": "# Queue\n**Files**: `src/queue.ts`\n\n## Provides\n- `MessageQueue`\n",
      ".claude/layers/core/modules/CLOCK_AGENT.md": "# Clock\n**Files**: `src/clock.ts`\n",
      ".claude/layers/core/modules/LEDGER_AGENT.md": "# Ledger\n**Files**: `src/ledger.ts`\n\n## Provides\n- `Journal`\n",
      ".claude/layers/core/modules/AUDIT_AGENT.md": "# Audit\n**Files**: `src/audit.ts`\n",
      ".claude/layers/app/modules/DISPATCH_AGENT.md": [
        "# Dispatch",
        "**Files**: `src/dispatch.ts`",
        "",
        "## Depends On",
        "```ts",
        "interface DispatchDeps {",
        "  queue: MessageQueue;",
        "  clock: Clock;",
        "  entries: Array<Journal>;",
        "}",
        "class Dispatcher implements Audit {",
        "  handle(at: Date, e: Error): Promise<void>;",
        "}",
        "```",
        "",
      ].join("\n"),
    });
    expect(deps(spec, "dispatch")).toEqual(["audit", "clock", "ledger", "queue"]);
  });
});

describe("one table of every layer's modules, kept in one layer's spec", () => {
  it("puts each row's module in the layer its Layer cell names, and says which cell names none", () => {
    const layerSpec = ".claude/layers/core/CORE_ORCHESTRATOR.md";
    const spec = load({
      [layerSpec]: [
        "# Modules",
        "",
        "| Module | Layer | Files | Depends on |",
        "|---|---|---|---|",
        "| horses | core | `src/horses/` | |",
        "| vet | App | `src/vet/` | horses |",
        "| stalls | app layer | `src/stalls/` | horses |",
        "| tack | barn | `src/tack/` | |",
        "",
      ].join("\n"),
      ".claude/layers/app/.keep": "",
    });
    const layerOf = Object.fromEntries(spec.modules.map((m) => [m.id, m.layer]));
    expect(layerOf).toEqual({ horses: "core", vet: "app", stalls: "app", tack: "core" });
    expect(spec.layers.find((l) => l.id === "app")?.modules.sort()).toEqual(["stalls", "vet"]);
    expect(spec.warnings.filter((w) => w.code === "TABLED_LAYER_UNKNOWN")).toEqual([
      expect.objectContaining({ file: layerSpec, line: 8, message: expect.stringContaining("`barn` names no layer (layers: app, core)") }),
    ]);
  });
});

describe("a module named with a dot", () => {
  it("`api.v2` names `api_v2` under Depends On and in the system spec's list of modules", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Bourse\n\n## Modules\n- `api.v2`: the public API\n- `docs`: its site\n",
        ".claude/layers/web/modules/api_v2.agent.md": "# api.v2\n**Files**: `src/api/v2/index.ts`\n",
        ".claude/layers/web/modules/DOCS_AGENT.md": "# Docs\n**Files**: `src/docs.ts`\n\n## Depends On\n- api.v2\n",
      }),
    );
    expect(deps(spec, "docs")).toEqual(["api_v2"]);
    expect(spec.warnings.map((w) => w.code)).toEqual([]);
  });
});

describe("a module spec's file name that is no id", () => {
  it("is told the name to use in its own form", () => {
    const bad = (path: string) => () => loadSpec(makeProject({ ...SYSTEM, [path]: "# A\n" }));
    expect(bad(".claude/layers/web/modules/api.v2.agent.md")).toThrow(/Module id `api\.v2` .*; rename it to `api_v2\.agent\.md`$/);
    expect(bad(".claude/layers/web/modules/Order Book_AGENT.md")).toThrow(/; rename it to `ORDER_BOOK_AGENT\.md`$/);
  });
});

describe("files drawn as `tree --charset ascii` prints them", () => {
  it("under a root named without its `/`, are the module's", () => {
    const spec = load({
      ".claude/layers/core/modules/THREAD_AGENT.md": "# Thread\n\n## Files\n```text\nsrc/thread\n|-- catalog.rs\n`-- color\n    `-- wheel.rs\n```\n",
    });
    expect(spec.modules[0]?.files).toEqual(["src/thread/catalog.rs", "src/thread/color/wheel.rs"]);
    expect(spec.warnings.map((w) => w.code)).toEqual([]);
  });
});

describe("a monorepo with both .claude/layers and package specs", () => {
  const files = {
    ".claude/layers/core/modules/LEDGER_AGENT.md": "# Ledger\n**Files**: `packages/ledger/src/index.ts`\n",
    ".claude/layers/app/modules/PORTAL_AGENT.md": "# Portal\n**Files**: `apps/portal/main.ts`\n\n## Depends On\n- ledger\n- invoicer\n",
    // No spec in .claude/layers owns a path in these packages: their specs are modules.
    "packages/invoicer/CLAUDE.md": "# Invoicer\nRenders invoices.\n\n## Depends On\n- ledger\n",
    "packages/mailer/AGENTS.md": "# Mailer\nSends mail.\n",
    // The ledger module owns a path in its package, and a module has the id `portal`: notes, not modules.
    "packages/ledger/CLAUDE.md": "# Working here\nRun pnpm test.\n",
    "apps/portal/CLAUDE.md": "# Portal notes\n",
    "apps/Admin Site/CLAUDE.md": "# Admin notes\n",
  };

  it("reads a package's spec as a module when no spec in .claude/layers owns a path in its package, and says so", () => {
    const spec = load(files);
    expect(spec.modules.map((m) => [m.id, m.layer, m.files.join(",")]).sort()).toEqual([
      ["invoicer", "packages", "packages/invoicer/"],
      ["ledger", "core", "packages/ledger/src/index.ts"],
      ["mailer", "packages", "packages/mailer/"],
      ["portal", "app", "apps/portal/main.ts"],
    ]);
    expect(deps(spec, "portal")).toEqual(["invoicer", "ledger"]);
    expect(deps(spec, "invoicer")).toEqual(["ledger"]);
    expect(spec.warnings).toEqual([]);
    expect(spec.notes?.map((n) => [n.code, n.file])).toEqual([
      ["PACKAGE_SPEC_READ", "packages/invoicer/CLAUDE.md"],
      ["PACKAGE_SPEC_READ", "packages/mailer/AGENTS.md"],
    ]);
  });

  it("makes no layer of a folder of packages whose specs are all notes", () => {
    const spec = load({ ...files, "packages/invoicer/CLAUDE.md": "# Notes\n", "packages/mailer/AGENTS.md": "# Notes\n", ".claude/layers/core/modules/MAIL_AGENT.md": "# Mail\n**Files**: `packages/`\n" });
    expect(spec.layers.map((l) => l.id).sort()).toEqual(["app", "core"]);
    expect(spec.notes).toBeUndefined();
  });
});

describe("module specs kept as docs, linked from CLAUDE.md's list of modules", () => {
  const files = {
    ".claude/settings.json": "{}\n",
    "CLAUDE.md": "# Atlas\n\nSee [the guide](docs/guide.md).\n\n## Modules\n- [tiles](docs/modules/tiles.md): renders map tiles\n- [cache](docs/modules/cache.md): tile cache\n",
    "docs/guide.md": "# Guide\n",
    "docs/modules/tiles.md": "# Tiles\nRenders tiles.\n\n## Files\n- `src/tiles/render.go`\n\n## Depends On\n- cache\n",
    "docs/modules/cache.md": "# Cache\nLRU cache of tiles.\n\n## Files\n- `src/cache/lru.go`\n",
    "docs/modules/api.md": "# API\nHTTP endpoints.\n\n## Files\n- `src/api/server.go`\n\n## Depends On\n- tiles\n",
  };

  it("are the modules, in a layer named for their folder, when no module spec is found elsewhere", () => {
    const spec = loadSpec(makeProject(files));
    expect(spec.system.specFile).toBe("CLAUDE.md");
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile])).toEqual([
      ["tiles", "modules", "docs/modules/tiles.md"],
      ["cache", "modules", "docs/modules/cache.md"],
    ]);
    expect(deps(spec, "tiles")).toEqual(["cache"]);
    expect(spec.warnings).toEqual([]);
  });

  it("are read again once a link is added, with the parse cache too", () => {
    const root = makeProject(files);
    saveSpecCache(loadSpec(root, { cache: true }));
    writeFileSync(join(root, "CLAUDE.md"), `${files["CLAUDE.md"]}- [api](docs/modules/api.md): the HTTP API\n`);
    const spec = loadSpec(root, { cache: true });
    expect(spec.modules.map((m) => m.id)).toEqual(["tiles", "cache", "api"]);
    expect(deps(spec, "api")).toEqual(["tiles"]);
  });
});

describe("a project written for Cursor or Copilot", () => {
  const files = {
    ".cursor/rules/billing.mdc": "---\ndescription: Billing\nglobs: src/billing/**\n---\n# Billing\nInvoices.\n",
    ".cursor/rules/style.mdc": "---\nalwaysApply: true\n---\nUse strict mode.\n",
    ".github/copilot-instructions.md": "# Project\n",
  };

  it("is told that its rules are not read and how one becomes a module spec, with or without a .claude/ folder", () => {
    const hint = "the Cursor rules in .cursor/rules/ (billing.mdc, style.mdc) are not read: a rule for a part of the code (its `globs:`) is a module spec as .claude/modules/<name>.md (`mkdir -p .claude/modules && cp .cursor/rules/billing.mdc .claude/modules/billing.md`); nor is .github/copilot-instructions.md";
    expect(() => loadSpec(makeProject(files))).toThrow(hint);
    expect(noModuleSpecs(makeProject({ ...files, ".claude/settings.json": "{}\n" }))).toContain(hint);
  });
});
