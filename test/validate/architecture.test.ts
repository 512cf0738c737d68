import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkArchitecture, treeIndex } from "../../src/validate/architecture.js";
import { loadSpec } from "../../src/spec/load.js";
import type { ModuleSpec, SpecTree } from "../../src/spec/types.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";
const CORE = "# Core\n\n### Allowed Imports\n- `ledger.money`\n- `ledger.core`\n\n### Forbidden Imports\n- `ledger.services`\n";
const JOURNAL_RULES = "## Architecture Rules\n### Forbidden Imports\n- `ledger.core.fx`\n";

/** Line (1-based) of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

/** A Python project: foundation (money, events) -> core (fx, journal) -> services (reports, importer). */
function ledger(sources: Record<string, string>): SpecTree {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: foundation, core, services.\n",
    [`${L}/foundation/modules/MONEY_AGENT.md`]: moduleSpec({ module: "ledger/money.py" }),
    [`${L}/foundation/modules/EVENTS_AGENT.md`]: moduleSpec({ module: "ledger/events.py" }),
    [`${L}/core/CORE_ORCHESTRATOR.md`]: CORE,
    [`${L}/core/modules/FX_AGENT.md`]: moduleSpec({ module: "ledger/core/fx.py", body: "### Allowed Imports\n- `ledger.money`\n" }),
    [`${L}/core/modules/JOURNAL_AGENT.md`]: moduleSpec({ module: "ledger/core/journal.py", related: ["tests/test_journal.py"], body: JOURNAL_RULES }),
    [`${L}/services/modules/REPORTS_AGENT.md`]: moduleSpec({ module: "ledger/reports.py" }),
    [`${L}/services/modules/IMPORTER_AGENT.md`]: moduleSpec({ module: "ledger/services/importer.py" }),
    "ledger/money.py": "class Money: ...\n",
    "ledger/events.py": "class Bus: ...\n",
    "ledger/reports.py": "def summary(): ...\n",
    "ledger/services/importer.py": "def load(): ...\n",
    ...sources,
  });
  return loadSpec(root);
}

describe("checkArchitecture: Python", () => {
  it("finds nothing in code that keeps the rules (stdlib, own layer, allowed modules, a missing test file)", () => {
    const spec = ledger({
      // fx's own allowed list leaves out journal, but modules of the same layer are always allowed.
      "ledger/core/fx.py": "import decimal\nfrom ledger.money import Money\nfrom ledger.core.journal import Journal\n",
      "ledger/core/journal.py": "import os, json\nfrom ledger.money import Money  # noqa\nfrom .. import money\n",
    });
    expect(spec.system.layerOrder).toEqual(["foundation", "core", "services"]);
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["fx", "journal", "money"] })).toEqual([]);
  });

  it("reports forbidden prefixes, inner layers importing outer ones, with file:line, ignoring comments and strings", () => {
    const journal = [
      '"""The journal.',
      "",
      "import ledger.services.importer",
      '"""',
      "# from ledger.reports import summary",
      "import os",
      "from ledger.money import Money",
      "from ledger.reports import summary",
      "from ledger.services import importer",
      "from . import fx",
      "text = 'from ledger.reports import summary'",
      "",
    ].join("\n");
    const spec = ledger({ "ledger/core/journal.py": journal, "tests/test_journal.py": "import unittest\n\nimport ledger.services.importer as imp\n" });
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["journal"] });
    const coreLine = lineOf(CORE, "`ledger.services`");
    const journalSpec = spec.modules.find((m) => m.id === "journal")!;
    const fxRule = journalSpec.forbiddenImports[0]!;
    expect(found).toEqual([
      {
        file: "ledger/core/journal.py",
        line: 8,
        specifier: "ledger.reports",
        message: "imports `ledger.reports` (module reports, layer services), but layer core comes before services in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
      },
      {
        file: "ledger/core/journal.py",
        line: 9,
        specifier: "ledger.services",
        message: `imports \`ledger.services\`, forbidden for layer core by \`ledger.services\` (${L}/core/CORE_ORCHESTRATOR.md:${coreLine})`,
      },
      {
        file: "ledger/core/journal.py",
        line: 10,
        specifier: ".",
        message: `imports \`from . import fx\`, forbidden for module journal by \`ledger.core.fx\` (${fxRule.file}:${fxRule.line})`,
      },
      {
        file: "tests/test_journal.py",
        line: 3,
        specifier: "ledger.services.importer",
        message: `imports \`ledger.services.importer\`, forbidden for layer core by \`ledger.services\` (${L}/core/CORE_ORCHESTRATOR.md:${coreLine})`,
      },
    ]);
    expect(fxRule.file).toBe(`${L}/core/modules/JOURNAL_AGENT.md`);
  });

  it("reports a project import outside the allowed lists: the module's first, then the layer's", () => {
    const spec = ledger({
      "ledger/core/fx.py": "from ledger.money import Money\nfrom ledger.events import Bus\n",
      "ledger/core/journal.py": "from ledger.money import Money\n\n\nfrom ledger.events import Bus\nimport requests\n",
    });
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["journal", "fx"] });
    const fxRule = spec.modules.find((m) => m.id === "fx")!.allowedImports[0]!;
    expect(found.map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([
      `ledger/core/fx.py:2: imports \`ledger.events\` (module events, layer foundation), which is not in the allowed imports of module fx (${fxRule.file}:${fxRule.line})`,
      `ledger/core/journal.py:4: imports \`ledger.events\` (module events, layer foundation), which is not in the allowed imports of layer core (${L}/core/CORE_ORCHESTRATOR.md:${lineOf(CORE, "`ledger.money`")})`,
    ]);
  });

  it("checks only the target modules, and an outer layer may import inner ones", () => {
    const spec = ledger({ "ledger/reports.py": "from ledger.core.journal import Journal\nfrom ledger.money import Money\n", "ledger/core/journal.py": "import ledger.reports\n" });
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["reports", "unknown"] })).toEqual([]);
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["journal"] })).toHaveLength(1);
    // Without a layer order there is no order to break, but the layer's allowed list still applies.
    expect(checkArchitecture(spec, [], { modules: ["journal"] }).map((v) => v.message)).toEqual([
      `imports \`ledger.reports\` (module reports, layer services), which is not in the allowed imports of layer core (${L}/core/CORE_ORCHESTRATOR.md:${lineOf(CORE, "`ledger.money`")})`,
    ]);
  });
});

function tsModule(id: string, layer: string, files: string[], rules: Partial<Pick<ModuleSpec, "forbiddenImports" | "allowedImports">> = {}): ModuleSpec {
  return {
    id,
    layer,
    specFile: `${L}/${layer}/${id.toUpperCase()}_AGENT.md`,
    fields: {},
    primaryFile: files[0]!,
    files,
    dependencies: [],
    provides: [],
    allowedImports: rules.allowedImports ?? [],
    forbiddenImports: rules.forbiddenImports ?? [],
    frontMatter: {},
    body: "",
  };
}

function shop(sources: Record<string, string>): SpecTree {
  const root = makeProject(sources);
  const modules = [
    tsModule("cart", "domain", ["src/domain/cart.ts"], { forbiddenImports: [{ pattern: "src/ui", file: `${L}/domain/CART_AGENT.md`, line: 12 }, { pattern: "react", file: `${L}/domain/CART_AGENT.md`, line: 13 }] }),
    tsModule("server", "api", ["src/api/server.ts"], { forbiddenImports: [{ pattern: "ui", file: `${L}/api/SERVER_AGENT.md`, line: 7 }] }),
    tsModule("ui", "ui", ["src/ui/button.tsx", "src/ui/index.ts"]),
  ];
  const layers = ["domain", "api", "ui"].map((id) => ({ id, modules: modules.filter((m) => m.layer === id).map((m) => m.id), allowedImports: [], forbiddenImports: [] }));
  return { root, system: { layerOrder: ["domain", "api", "ui"], crossCutting: [], body: "" }, layers, modules, warnings: [] };
}

describe("checkArchitecture: files that are not regular files", () => {
  it("skips a module's path that is a folder or a FIFO without reading it (a FIFO would block the read)", () => {
    const spec = ledger({ "ledger/core/journal.py": "from ledger.reports import summary\n" });
    mkdirSync(join(spec.root, "ledger/core/fx.py"));
    rmSync(join(spec.root, "ledger/reports.py"));
    execFileSync("mkfifo", [join(spec.root, "ledger/reports.py")]);
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["fx", "journal", "reports"] });
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual(["ledger/core/journal.py:1"]);
  });
});

describe("checkArchitecture: TypeScript", () => {
  it("reports a relative import into a forbidden folder, a forbidden package, a module id pattern and the layer order", () => {
    const cart = [
      "/* Carts.",
      '   import { Button } from "../ui/button.js";',
      "*/",
      'import { z } from "zod";',
      'import React from "react";',
      'import { render } from "react-dom";',
      'import { Button } from "../ui/button.js";',
      '// import { serve } from "../api/server.js";',
      'const help = `',
      'import { serve } from "../api/server.js";',
      '`;',
      'const { serve } = await import("../api/server.js");',
      'const re = /import "x"/; const s = "import \'../ui/index.js\'";',
    ].join("\n");
    const spec = shop({
      "src/domain/cart.ts": cart,
      "src/api/server.ts": 'import { Cart } from "../domain/cart.js";\nexport * from "../ui/index.js";\n',
      "src/ui/button.tsx": 'import { cart } from "../domain/cart.js";\nimport { serve } from "../api/server.js";\n',
    });
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["cart", "server", "ui"] });
    expect(found.map((v) => `${v.file}:${v.line}: ${v.specifier}: ${v.message}`)).toEqual([
      `src/api/server.ts:2: ../ui/index.js: imports \`../ui/index.js\`, forbidden for module server by \`ui\` (${L}/api/SERVER_AGENT.md:7)`,
      `src/domain/cart.ts:5: react: imports \`react\`, forbidden for module cart by \`react\` (${L}/domain/CART_AGENT.md:13)`,
      `src/domain/cart.ts:7: ../ui/button.js: imports \`../ui/button.js\`, forbidden for module cart by \`src/ui\` (${L}/domain/CART_AGENT.md:12)`,
      "src/domain/cart.ts:12: ../api/server.js: imports `../api/server.js` (module server, layer api), but layer domain comes before api in the layer order",
    ]);
  });

  it("reads through the given readFile and skips files it cannot read", () => {
    const spec = shop({});
    const files: Record<string, string> = { [`${spec.root}/src/domain/cart.ts`]: 'import "../ui/index.js";\n' };
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["cart", "server"] }, (abs) => files[abs]);
    expect(found.map((v) => [v.file, v.line, v.specifier])).toEqual([["src/domain/cart.ts", 1, "../ui/index.js"]]);
  });
});

/** A Go module `github.com/acme/shop`: core (money) -> infra (store, with a vendored look-alike path) -> api. */
function goShop(sources: Record<string, string>): SpecTree {
  const root = makeProject({
    "go.mod": "module github.com/acme/shop\n\ngo 1.22\n",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, infra, api.\n",
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `api/handlers.go`\n- `internal/store/`\n",
    [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money/money.go", related: ["pkg/money/money_test.go"] }),
    [`${L}/infra/modules/STORE_AGENT.md`]: moduleSpec({ module: "internal/store/store.go" }),
    [`${L}/api/modules/API_AGENT.md`]: moduleSpec({ module: "api/handlers.go" }),
    "internal/store/store.go": 'package store\n\nimport "github.com/acme/shop/pkg/money"\n\nvar _ = money.Add\n',
    "api/handlers.go": "package api\n",
    ...sources,
  });
  return loadSpec(root);
}

describe("checkArchitecture: Go", () => {
  it("reads import blocks with the go.mod module path, skipping comments, raw strings, stdlib and third parties", () => {
    const money = [
      "// Package money.",
      "package money",
      "",
      "/*",
      'import "github.com/acme/shop/api"',
      "*/",
      "import (",
      '\t"fmt"',
      '\tstore "github.com/acme/shop/internal/store"',
      "\t// \"github.com/acme/shop/api\"",
      '\t"github.com/other/lib/internal/store"',
      ")",
      "",
      'import "github.com/acme/shop/api"',
      "",
      "const doc = `",
      'import "github.com/acme/shop/api"',
      "`",
      "",
      "func Add() { fmt.Println(store.X) }",
    ].join("\n");
    const spec = goShop({ "pkg/money/money.go": money, "pkg/money/money_test.go": 'package money\n\nimport "github.com/acme/shop/api"\n' });
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["money", "store"] });
    expect(found.map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([
      `pkg/money/money.go:9: imports \`github.com/acme/shop/internal/store\`, forbidden for layer core by \`internal/store/\` (${L}/core/CORE_ORCHESTRATOR.md:5)`,
      `pkg/money/money.go:14: imports \`github.com/acme/shop/api\`, forbidden for layer core by \`api/handlers.go\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `pkg/money/money_test.go:3: imports \`github.com/acme/shop/api\`, forbidden for layer core by \`api/handlers.go\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
    ]);
  });

  it("checks a file the spec does not list in the package folder of a module's files (an agent's new file)", () => {
    const spec = goShop({ "pkg/money/money.go": "package money\n" });
    writeFileSync(join(spec.root, "pkg/money/format.go"), 'package money\n\nimport "github.com/acme/shop/api"\n');
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["money"], filesAt: spec.root });
    expect(found.map((v) => `${v.file}:${v.line}: ${v.specifier}`)).toEqual(["pkg/money/format.go:3: github.com/acme/shop/api"]);
  });
});

describe("checkArchitecture: Java and Kotlin", () => {
  it("reports an import of a later layer's class or package, ignoring comments, the JDK and libraries", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, web.\n",
      [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `com.acme.shop.web`\n",
      [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "src/main/java/com/acme/shop/money/Money.java" }),
      [`${L}/web/modules/API_AGENT.md`]: moduleSpec({ module: "src/main/kotlin/com/acme/shop/web/Api.kt" }),
      [`${L}/web/modules/ADMIN_AGENT.md`]: moduleSpec({ module: "src/main/java/com/acme/admin/Admin.java" }),
      "src/main/java/com/acme/shop/money/Money.java": [
        "package com.acme.shop.money;",
        "",
        "import java.util.List;",
        "// import com.acme.admin.Admin;",
        "/*",
        "import com.acme.admin.Admin;",
        "*/",
        "import com.acme.shop.web.Api;",
        "import static com.acme.admin.Admin.run;",
        "import org.junit.Test;",
        "",
        "public final class Money {}",
      ].join("\n"),
      "src/main/kotlin/com/acme/shop/web/Api.kt": "package com.acme.shop.web\n\nimport com.acme.shop.money.Money\n",
      "src/main/java/com/acme/admin/Admin.java": "package com.acme.admin;\n",
    });
    const spec = loadSpec(root);
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: ["money", "api"] });
    expect(found.map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([
      `src/main/java/com/acme/shop/money/Money.java:8: imports \`com.acme.shop.web.Api\`, forbidden for layer core by \`com.acme.shop.web\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `src/main/java/com/acme/shop/money/Money.java:9: imports \`com.acme.admin.Admin.run\` (module admin, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
    ]);
  });
});

describe("checkArchitecture: Ruby that loads by name (Rails, Zeitwerk)", () => {
  it("judges the constants a file uses as imports of the files that define them; libraries' constants, the file's own and comments are no imports", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, services, interface.\n",
      [`${L}/core/modules/ORDER_AGENT.md`]: moduleSpec({ module: "app/models/order.rb" }),
      [`${L}/core/modules/CUSTOMER_AGENT.md`]: moduleSpec({ module: "app/models/customer.rb" }),
      [`${L}/services/modules/CHECKOUT_AGENT.md`]: moduleSpec({ module: "app/services/checkout.rb", body: "### Forbidden Imports\n- `Billing`\n" }),
      [`${L}/services/modules/BILLING_AGENT.md`]: moduleSpec({ related: ["app/services/billing/"] }),
      [`${L}/interface/modules/ORDERS_CONTROLLER_AGENT.md`]: moduleSpec({ module: "app/controllers/orders_controller.rb" }),
      "app/models/order.rb": [
        "class Order < ApplicationRecord",
        "  # OrdersController renders us",
        "  belongs_to :customer",
        "  def owner = Customer.find(customer_id)",
        "  def path = OrdersController.path_for(self)",
        "  def self.build = Order.new",
        "end",
      ].join("\n"),
      "app/models/customer.rb": "class Customer < ApplicationRecord\nend\n",
      "app/services/checkout.rb": "class Checkout\n  def self.call(order) = Billing::Invoice.new(order)\nend\n",
      "app/services/billing/invoice.rb": "module Billing\n  class Invoice\n    def initialize(order) = Tax.new(order, Customer)\n  end\nend\n",
      "app/services/billing/tax.rb": "module Billing\n  Tax = Struct.new(:order, :customer)\nend\n",
      "app/controllers/orders_controller.rb": "class OrdersController < ApplicationController\n  def index = (@orders = Order.all)\nend\n",
    });
    const spec = loadSpec(root);
    const found = checkArchitecture(spec, spec.system.layerOrder, { modules: spec.modules.map((m) => m.id) });
    expect(found.map((v) => `${v.file}:${v.line} ${v.specifier}: ${v.message}`)).toEqual([
      "app/models/order.rb:5 OrdersController: imports `OrdersController` (module orders_controller, layer interface), but layer core comes before interface in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
      `app/services/checkout.rb:2 Billing::Invoice: imports \`Billing::Invoice\`, forbidden for module checkout by \`Billing\` (${L}/services/modules/CHECKOUT_AGENT.md:7)`,
    ]);
  });
});

describe("checkArchitecture: the tree's index", () => {
  it("is built once per tree object, so a run's checks cost O(files checked), not O(modules) each", () => {
    const spec = ledger({ "ledger/core/fx.py": "from ledger.services.importer import load\n" });
    const index = treeIndex(spec);
    expect(treeIndex(spec)).toBe(index);
    expect(index.resolver().ownership.owner("ledger/core/fx.py")).toBe("fx");
    expect(index.resolver()).toBe(index.resolver());
    // The cached index gives the same answer on the second check as on the first.
    const first = checkArchitecture(spec, spec.system.layerOrder, { modules: ["fx"] });
    expect(first).toHaveLength(1);
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["fx"] })).toEqual(first);
    // A reloaded tree is a new object with its own index.
    const reloaded = loadSpec(spec.root);
    expect(treeIndex(reloaded)).not.toBe(index);
  });
});
