import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { SpecError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

/** Spec trees written the way other people write them: shapes seen only outside our examples. */

const CORE = ".claude/layers/core/modules";
const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core, then web.\n" };

function load(files: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...SYSTEM, ...files }), { cache: false });
}

function module(spec: SpecTree, id: string) {
  const m = spec.modules.find((x) => x.id === id);
  if (!m) throw new Error(`no module ${id}: ${spec.modules.map((x) => x.id).join(", ")}`);
  return m;
}

function deps(spec: SpecTree, id: string): string[] {
  return module(spec, id).dependencies.map((d) => d.id).sort();
}

function codes(spec: SpecTree): string[] {
  return spec.warnings.map((w) => `${w.code} ${w.file ?? ""}${w.line ? `:${w.line}` : ""}`);
}

describe("front matter of a Claude Code subagent", () => {
  it("a colon in `description` (YAML would refuse it) is read as text, and the tree loads", () => {
    const spec = load({
      [`${CORE}/STORE_AGENT.md`]: "---\nname: store-engineer\ndescription: Owns the store. Use for: saving, loading links.\ntools: Read, Edit, Bash(go test:*)\nmodel: sonnet\n---\n\n**Module**: `internal/store/store.go`\n",
      [`${CORE}/LINKS_AGENT.md`]: "---\nname: links\ndescription: Owns links: ids and lookups\ndepends_on: [store]\n---\n\n**Module**: `internal/links/links.go`\n",
    });
    expect(module(spec, "store").frontMatter).toMatchObject({ description: "Owns the store. Use for: saving, loading links.", tools: "Read, Edit, Bash(go test:*)", model: "sonnet" });
    expect(deps(spec, "links")).toEqual(["store"]);
  });

  it("a bad line under a key orchestrate reads is still the error, with its line", () => {
    const root = makeProject({ ...SYSTEM, [`${CORE}/LINKS_AGENT.md`]: "---\nname: links\nlayer: core: web\n---\n\n**Module**: `a.go`\n" });
    try {
      loadSpec(root, { cache: false });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).place).toMatchObject({ file: `${CORE}/LINKS_AGENT.md`, line: 3 });
    }
  });
});

describe("a module named in its front matter (`name: payment-service`, as Claude Code subagents are)", () => {
  const files = {
    [`${CORE}/PAYMENTS_AGENT.md`]: "---\nname: payment-service\ndescription: Charges cards\n---\n\n**Module**: `src/pay.py`\n",
    [`${CORE}/LEDGER_AGENT.md`]: "---\nname: ledger\n---\n\n**Module**: `src/ledger.py`\n",
    [`${CORE}/CHECKOUT_AGENT.md`]: "# Checkout\n\n**Module**: `src/checkout.py`\n\nDepends on: payment-service, Payment Service\n",
    [`${CORE}/REFUNDS_AGENT.md`]: "---\ndepends_on: [payment-service]\n---\n\n**Module**: `src/refunds.py`\n",
  };

  it("keeps the file name's id, and `Depends on:` or `depends_on` by that name resolves to it", () => {
    const spec = load(files);
    expect(spec.modules.map((m) => m.id).sort()).toEqual(["checkout", "ledger", "payments", "refunds"]);
    expect(deps(spec, "checkout")).toEqual(["payments"]);
    expect(deps(spec, "refunds")).toEqual(["payments"]);
    expect(codes(spec)).toEqual([]);
  });

  it("names nothing when two modules give themselves the name, or it reads as another module's id", () => {
    const spec = load({
      [`${CORE}/CARDS_AGENT.md`]: "---\nname: payments\n---\n\n**Module**: `src/cards.py`\n",
      [`${CORE}/PAYMENTS_AGENT.md`]: "---\nname: billing\n---\n\n**Module**: `src/pay.py`\n",
      [`${CORE}/INVOICES_AGENT.md`]: "---\nname: billing\n---\n\n**Module**: `src/inv.py`\n",
      [`${CORE}/SHOP_AGENT.md`]: "**Module**: `src/shop.py`\n\nDepends on: payments, billing\n",
    });
    expect(deps(spec, "shop")).toEqual(["payments"]);
    expect(codes(spec)).toEqual([`UNRESOLVED_DEPENDENCY ${CORE}/SHOP_AGENT.md:3`]);
  });
});

describe("layers nested two levels deep", () => {
  const files = {
    ".claude/layers/backend/BACKEND_ORCHESTRATOR.md": "# Backend\n\n## Forbidden Imports\n- `web`\n",
    ".claude/layers/backend/api/API_ORCHESTRATOR.md": "# API sub-layer\n",
    ".claude/layers/backend/api/modules/VEHICLES_AGENT.md": "# Vehicles\n**Module**: `backend/api/vehicles.go`\n## Depends On\n- positions\n",
    ".claude/layers/backend/workers/modules/POSITIONS_AGENT.md": "# Positions\n**Module**: `backend/workers/positions.go`\n",
    ".claude/layers/backend/workers/PINGER_AGENT.md": "# Pinger\n**Module**: `backend/workers/pinger.go`\n",
    ".claude/layers/backend/archive/OLD_VEHICLES_AGENT.md": "# Old\n**Module**: `old.go`\n",
    ".claude/layers/frontend/web/modules/MAP_AGENT.md": "# Map\n**Module**: `web/src/Map.tsx`\n## Depends On\n- vehicles\n",
  };

  it("a sub-layer's modules (in its modules/ folder or beside its spec) are modules of the top layer", () => {
    const spec = load(files);
    expect(spec.layers.map((l) => [l.id, l.modules.slice().sort()])).toEqual([
      ["backend", ["pinger", "positions", "vehicles"]],
      ["frontend", ["map"]],
    ]);
    expect(module(spec, "vehicles").specFile).toBe(".claude/layers/backend/api/modules/VEHICLES_AGENT.md");
    expect(deps(spec, "map")).toEqual(["vehicles"]);
    expect(deps(spec, "vehicles")).toEqual(["positions"]);
    // A folder with neither modules/ nor an orchestrator (an archive of old specs) is not a sub-layer.
    expect(spec.modules.map((m) => m.id)).not.toContain("old_vehicles");
  });

  it("check says the sub-layer's own spec is not read, and which layer's rules apply", async () => {
    const { unreadSpecs } = await import("../../src/spec/unread.js");
    const unread = unreadSpecs(load(files)).map((w) => [w.file, w.message]);
    expect(unread).toContainEqual([".claude/layers/backend/api/API_ORCHESTRATOR.md", expect.stringMatching(/sub-layer.*layer backend.*BACKEND_ORCHESTRATOR\.md/)]);
    expect(unread).toContainEqual([".claude/layers/backend/archive/OLD_VEHICLES_AGENT.md", expect.stringMatching(/Not read/)]);
  });
});

describe("terse specs: fields written without bold", () => {
  it("`- file:` / `- deps:` / `- depends:` list items and `Depends on:` lines are read as the fields they name", () => {
    const spec = load({
      [`${CORE}/STORE_AGENT.md`]: "# store\n- file: `notes/store.py`\n- sqlite wrapper, get/put/delete\n",
      [`${CORE}/SEARCH_AGENT.md`]: "# search\n- file: notes/search.py\n- depends: store\n- full text over notes\n",
      [`${CORE}/HTTP_AGENT.md`]: "# http\n- files: `notes/http.py`, `notes/routes.py`\n- deps: store, search\n",
      [`${CORE}/CLI_AGENT.md`]: "# cli\nModule: `notes/cli.py`\nDepends on: http\n",
    });
    expect(module(spec, "store").files).toEqual(["notes/store.py"]);
    expect(module(spec, "search").files).toEqual(["notes/search.py"]);
    expect(module(spec, "http").files).toEqual(["notes/http.py", "notes/routes.py"]);
    expect(module(spec, "cli").primaryFile).toBe("notes/cli.py");
    expect(deps(spec, "search")).toEqual(["store"]);
    expect(deps(spec, "http")).toEqual(["search", "store"]);
    expect(deps(spec, "cli")).toEqual(["http"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a plain `module:` or `file:` line that names no path is prose, not a file", () => {
    const spec = load({ [`${CORE}/STORE_AGENT.md`]: "# store\n**Module**: `notes/store.py`\n\n## Acceptance\n- module: must load in under a second\n- file: one per note\n" });
    expect(module(spec, "store").files).toEqual(["notes/store.py"]);
  });

  it("a bold field in a list item is read: `- **Module**: \\`a.py\\``", () => {
    const spec = load({
      [`${CORE}/STORE_AGENT.md`]: "# Store\n\n- **Module**: `notes/store.py`\n- **Type**: data\n",
      [`${CORE}/SEARCH_AGENT.md`]: "# Search\n\n- **Module**: `notes/search.py`\n- **Depends On**: `store`\n",
    });
    expect(module(spec, "store").primaryFile).toBe("notes/store.py");
    expect(deps(spec, "search")).toEqual(["store"]);
  });
});

describe("specs written on Windows: CRLF, a byte order mark, tabs", () => {
  const bom = "\uFEFF";
  const crlf = (text: string) => bom + text.replace(/\n/g, "\r\n");

  it("tab-indented items under `**Related Files**:` (one paragraph in markdown) are the module's files", () => {
    const spec = load({
      [`${CORE}/PRICING_AGENT.md`]: crlf("# Pricing\n\n**Module**: `src\\Engine\\Pricing.cs`\n**Related Files**:\n\t- `src\\Engine\\Discounts.cs`\n\t- `tests\\Engine\\PricingTests.cs`\n"),
    });
    expect(module(spec, "pricing").files).toEqual(["src/Engine/Pricing.cs", "src/Engine/Discounts.cs", "tests/Engine/PricingTests.cs"]);
    expect(module(spec, "pricing").fileLines).toMatchObject({ "src/Engine/Discounts.cs": 5, "tests/Engine/PricingTests.cs": 6 });
  });
});

describe("modules named by display name, in other cases, with other separators", () => {
  it("`**Booking Service Agent** — why`, `Notification Service`, and a field of display names resolve to their modules", () => {
    const spec = load({
      [`${CORE}/APPOINTMENT_AGENT.md`]: "# Appointment\n**Module**: `src/appointment.ts`\n",
      [`${CORE}/NOTIFICATION_SERVICE_AGENT.md`]: "# Notification Service\n**Module**: `src/notify.ts`\n",
      [`${CORE}/BOOKING_SERVICE_AGENT.md`]: "# Booking\n**Module**: `src/booking.ts`\n\n## 2. Dependencies 🔗\n\n**Depends on:**\n- **Appointment Agent** — for the overlap check\n- **Notification Service** — to send the confirmation\n",
      [`${CORE}/REST_API_AGENT.md`]: "# REST API\n**Module**: `src/api.ts`\n\n**Depends on:** Booking Service Agent, Notification Service\n",
      [`${CORE}/ADMIN_AGENT.md`]: "# Admin\n**Module**: `src/admin.ts`\n\n## Depends On\n- Booking Service (for the calendar)\n- Appointment for its type\n",
    });
    expect(deps(spec, "booking_service")).toEqual(["appointment", "notification_service"]);
    expect(deps(spec, "rest_api")).toEqual(["booking_service", "notification_service"]);
    expect(deps(spec, "admin")).toEqual(["appointment", "booking_service"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a display name after an article (`The Task Service agent`, `a Notification Service`) names its module", () => {
    const spec = load({
      [`${CORE}/TASK_SERVICE_AGENT.md`]: "# Task Service\n**Module**: `src/tasks.ts`\n",
      [`${CORE}/NOTIFICATION_SERVICE_AGENT.md`]: "# Notification Service\n**Module**: `src/notify.ts`\n",
      [`${CORE}/ROUTES_AGENT.md`]: "# Routes\n**Module**: `src/routes.ts`\n\n## Depends On\n\n- The Task Service agent (creates and finishes tasks)\n- a Notification Service, for mail\n",
    });
    expect(deps(spec, "routes")).toEqual(["notification_service", "task_service"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a name matches a module id whatever its case and separators (`Recipe Store`, `RECIPE-STORE`, `user accounts`)", () => {
    const spec = load({
      [`${CORE}/RecipeStore_AGENT.md`]: "# Recipe Store\n**Module**: `server/recipes.py`\n",
      [`${CORE}/User-Accounts_AGENT.md`]: "# User Accounts\n**Module**: `server/accounts.py`\n\n## Depends On\n- Recipe Store\n",
      [`${CORE}/SHOPPING_LIST_AGENT.md`]: "# Shopping\n**Module**: `server/shopping.py`\n\n## Depends On\n- RECIPE-STORE\n- user accounts\n",
    });
    expect(deps(spec, "user-accounts")).toEqual(["recipestore"]);
    expect(deps(spec, "shopping_list")).toEqual(["recipestore", "user-accounts"]);
  });

  it("a display name that names nothing is one warning naming it whole, on its line", () => {
    const file = `${CORE}/WEB_AGENT.md`;
    const spec = load({ [`${CORE}/AUTH_AGENT.md`]: "# Auth\n**Module**: `a.py`\n", [file]: "# Web\n**Module**: `web.py`\n\n## Depends On\n- auth\n- Login page (part of auth)\n" });
    expect(deps(spec, "web")).toEqual(["auth"]);
    expect(spec.warnings.filter((w) => w.file === file).map((w) => [w.code, w.line, w.message])).toEqual([["UNRESOLVED_DEPENDENCY", 6, expect.stringContaining("`Login page`")]]);
  });

  it("two ids that read alike without separators are not guessed between", () => {
    const spec = load({
      [`${CORE}/RECIPESTORE_AGENT.md`]: "# A\n**Module**: `a.py`\n",
      [`${CORE}/RECIPE-STORE_AGENT.md`]: "# B\n**Module**: `b.py`\n",
      [`${CORE}/WEB_AGENT.md`]: "# Web\n**Module**: `web.py`\n\n## Depends On\n- Recipe Store\n",
    });
    expect(deps(spec, "web")).toEqual([]);
    expect(codes(spec)).toEqual([`MODULE_IDS_ALIKE ${CORE}/RECIPESTORE_AGENT.md`, `UNRESOLVED_DEPENDENCY ${CORE}/WEB_AGENT.md:5`]);
  });
});

describe("the layer order the system spec states", () => {
  const modules = {
    ".claude/layers/core/modules/TASKS_AGENT.md": "# Tasks\n**Module**: `todo/tasks.py`\n",
    ".claude/layers/app/modules/CLI_AGENT.md": "# CLI\n**Module**: `todo/cli.py`\n",
    ".claude/layers/web/modules/PAGES_AGENT.md": "# Pages\n**Module**: `web/pages.tsx`\n",
  };
  const order = (system: string) => loadSpec(makeProject({ ...modules, ".claude/system/SYSTEM_ORCHESTRATOR.md": system }), { cache: false }).system.layerOrder;

  it("a `Layers:` line wins over a layer's name in the title", () => {
    expect(order("# Todo app\n\nLayers: core, app, web.\n")).toEqual(["core", "app", "web"]);
  });

  it("a stated build order wins over a table that lists the layers top-down", () => {
    const text = "# Invoicing\n\n## 2. Layers\n\n| # | Layer | Purpose |\n|---|---|---|\n| 1 | web | pages |\n| 2 | app | cli |\n| 3 | core | tasks |\n\nBuild order is bottom-up: core, app, web.\n";
    expect(order(text)).toEqual(["core", "app", "web"]);
  });

  it("an order named in passing is no stated order: the `Layers:` line still decides", () => {
    const text = "# Todo\n\n**Layers**: CORE_ORCHESTRATOR → APP_ORCHESTRATOR → Web\n\n## Workflow\n\n1. Read the web and app specs.\n2. Dispatch modules in dependency order. Each agent gets its spec.\n3. The web gate runs after the app and core gates.\n";
    expect(order(text)).toEqual(["core", "app", "web"]);
  });

  it("layers the stated order leaves out follow, in the order the text names them", () => {
    expect(order("# Web and app\n\nLayer order: core first.\n\nThen app, then web.\n")).toEqual(["core", "web", "app"]);
  });
});

describe("mistakes people make, each one clear line", () => {
  it("a file owned by two modules names both specs and the line of each", () => {
    const spec = load({
      [`${CORE}/LABELS_AGENT.md`]: "# Labels\n\n**Module**: `todo/tags.py`\n",
      [`${CORE}/TAGS_AGENT.md`]: "# Tags\n**Module**: `todo/tags.py`\n",
    });
    const twice = spec.warnings.find((w) => w.code === "FILE_OWNED_TWICE")!;
    expect(twice).toMatchObject({ file: `${CORE}/TAGS_AGENT.md`, line: 2 });
    expect(twice.message).toContain(`labels (${CORE}/LABELS_AGENT.md:3) and tags`);
  });

  it("an empty spec file is said to be empty, not to name no files", () => {
    const spec = load({ [`${CORE}/EMPTY_AGENT.md`]: "", [`${CORE}/BLANK_AGENT.md`]: "\n  \n" });
    expect(codes(spec)).toEqual([`EMPTY_SPEC ${CORE}/BLANK_AGENT.md`, `EMPTY_SPEC ${CORE}/EMPTY_AGENT.md`]);
  });

  it("a layer folder or module file name that is no id says what to rename it to", () => {
    const bad = (files: Record<string, string>) => {
      try {
        load(files);
      } catch (error) {
        return (error as SpecError).message;
      }
      return "loaded";
    };
    expect(bad({ ".claude/layers/Back End/modules/A_AGENT.md": "# A\n" })).toMatch(/Layer folder `Back End` is not a valid id.*; rename it to `back_end`$/);
    expect(bad({ [`${CORE}/Recipe Store_AGENT.md`]: "# A\n" })).toMatch(/Module id `recipe store`.*; rename it to `RECIPE_STORE_AGENT\.md`$/);
  });
});

describe("a tab-indented list under Depends On (markdown reads it as code)", () => {
  it("its items are the dependencies, on their lines", () => {
    const spec = load({
      [`${CORE}/STOCK_AGENT.md`]: "# Stock\r\n**Module**: `src/Stock.cs`\r\n",
      [`${CORE}/PRICING_AGENT.md`]: "\uFEFF# Pricing\r\n\r\n**Module**: `src/Pricing.cs`\r\n\r\n## Depends On\r\n\t- stock\r\n\t- `src/Stock.cs`\r\n",
    });
    expect(deps(spec, "pricing")).toEqual(["stock"]);
    expect(module(spec, "pricing").dependencies[0]).toMatchObject({ id: "stock", via: "list", line: 6 });
    expect(codes(spec)).toEqual([]);
  });

  it("a code block of other text under Depends On is still read as code", () => {
    const spec = load({
      [`${CORE}/STOCK_AGENT.md`]: "# Stock\n**Module**: `app/stock.py`\n",
      [`${CORE}/PRICING_AGENT.md`]: "# Pricing\n**Module**: `app/pricing.py`\n\n## Depends On\n\n    from app.stock import Stock\n",
    });
    expect(deps(spec, "pricing")).toEqual(["stock"]);
  });
});
