import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const M = ".claude/layers/core/modules";

function deps(spec: SpecTree, id: string): [string, string, number][] {
  return spec.modules.find((m) => m.id === id)!.dependencies.map((d) => [d.id, d.via, d.line]);
}

/** Base modules every test can depend on: Python, TS and Go files. */
const BASE = {
  [`${M}/MONEY_AGENT.md`]: moduleSpec({ module: "ledger/money.py", body: "## Provides\n- `Money`\n- `Currency`\n" }),
  [`${M}/JOURNAL_AGENT.md`]: moduleSpec({ module: "ledger/core/journal.py", related: ["ledger/core/__init__.py"], body: "## Provides\n- `JournalEntry`\n" }),
  [`${M}/CART_AGENT.md`]: moduleSpec({ module: "src/domain/cart.ts", body: "## Provides\n```ts\nexport class Cart {}\n```\n" }),
  [`${M}/SHARED_AGENT.md`]: moduleSpec({ module: "src/shared/index.ts" }),
  [`${M}/GOCART_AGENT.md`]: moduleSpec({ module: "internal/gocart/cart.go", related: ["internal/gocart/item.go"] }),
};

function load(extra: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...BASE, ...extra }));
}

describe("dependency sources", () => {
  it("1. front matter depends_on, which wins over the prose", () => {
    const spec = load({
      [`${M}/X_AGENT.md`]: moduleSpec({ frontMatter: "depends_on: [money, nowhere]", module: "x.py", body: "## Depends On\n- journal\n" }),
    });
    expect(deps(spec, "x")).toEqual([["money", "front-matter", 2]]);
    expect(spec.warnings).toContainEqual({ code: "UNRESOLVED_DEPENDENCY", message: "x: front matter depends_on names `nowhere`, which is no module", file: `${M}/X_AGENT.md`, line: 2 });
  });

  it("2. a list of module ids under a Depends On heading, in its written forms", () => {
    const body = "## 🔗 Depends On\n- money\n- `journal` — posts entries\n- CART_AGENT\n- **shared**\n- nothing_like_this\n";
    const spec = load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "x.py", body }) });
    const line = (n: number) => 6 + n; // the heading is on line 6 of the generated spec
    expect(deps(spec, "x")).toEqual([
      ["money", "list", line(1)],
      ["journal", "list", line(2)],
      ["cart", "list", line(3)],
      ["shared", "list", line(4)],
    ]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY").map((w) => [w.message, w.line])).toEqual([
      ["x: `nothing_like_this` under \"Depends On\" names no module, owned file or provided name", line(5)],
    ]);
  });

  it("3a. Python imports: module files, packages, submodules named by from-import, relative imports; stdlib and third-party ignored", () => {
    const code = [
      "from ledger.money import Money",
      "import ledger.core",
      "from decimal import Decimal",
      "import requests",
      "import json, os.path",
      "from ledger.core import journal",
      "from ledger.nothing import Ghost",
    ].join("\n");
    const spec = load({
      [`${M}/X_AGENT.md`]: moduleSpec({ module: "ledger/x.py", body: `## Depends On\n\`\`\`python\n${code}\n\`\`\`\n` }),
      [`${M}/Y_AGENT.md`]: moduleSpec({ module: "ledger/core/y.py", body: "## Depends On\n```python\nfrom .journal import JournalEntry\nfrom ..money import Money\n```\n" }),
    });
    expect(deps(spec, "x")).toEqual([
      ["money", "import", 8],
      ["journal", "import", 9],
    ]);
    expect(deps(spec, "y")).toEqual([
      ["journal", "import", 8],
      ["money", "import", 9],
    ]);
    const unresolved = spec.warnings.filter((w) => w.code === "UNRESOLVED_IMPORT");
    expect(unresolved).toEqual([{ code: "UNRESOLVED_IMPORT", message: "x: import `ledger.nothing` matches no file a module owns", file: `${M}/X_AGENT.md`, line: 14 }]);
  });

  it("3b. TS/JS imports: project paths, relative to the module's own file, .js for .ts, index files", () => {
    const code = ['import { Cart } from "src/domain/cart";', 'import { helper } from "../shared/index.js";', 'import express from "express";', 'import { readFile } from "node:fs/promises";'].join("\n");
    const spec = load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "src/app/x.ts", body: `## Depends On\n\`\`\`ts\n${code}\n\`\`\`\n` }) });
    expect(deps(spec, "x").map(([id, via]) => [id, via])).toEqual([
      ["cart", "import"],
      ["shared", "import"],
    ]);
    const dir = load({ [`${M}/Y_AGENT.md`]: moduleSpec({ module: "src/app/y.ts", body: '## Depends On\n```js\nimport "../shared";\n```\n' }) });
    expect(deps(dir, "y").map(([id]) => id)).toEqual(["shared"]);
  });

  it("3c. Go imports resolve by package folder; other imports are external", () => {
    const code = 'import (\n  "fmt"\n  "github.com/acme/shop/internal/gocart"\n  "github.com/other/lib"\n)';
    const spec = load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "cmd/x/main.go", body: `## Depends On\n\`\`\`go\n${code}\n\`\`\`\n` }) });
    expect(deps(spec, "x")).toEqual([["gocart", "import", 10]]);
    expect(spec.warnings.filter((w) => w.code.startsWith("UNRESOLVED"))).toEqual([]);
  });

  it("3d. Java and Kotlin imports resolve by package path under any source root; the JDK and libraries are external", () => {
    const jvm = {
      [`${M}/JMONEY_AGENT.md`]: moduleSpec({ module: "src/main/java/com/acme/shop/money/Money.java" }),
      [`${M}/JCART_AGENT.md`]: moduleSpec({ module: "app/src/main/kotlin/com/acme/shop/cart/Cart.kt" }),
    };
    const code = "import java.util.List;\nimport static com.acme.shop.money.Money.add;\nimport com.acme.shop.cart.*;\nimport org.junit.Test;";
    const spec = load({ ...jvm, [`${M}/X_AGENT.md`]: moduleSpec({ module: "src/main/java/com/acme/shop/X.java", body: `## Depends On\n\`\`\`java\n${code}\n\`\`\`\n` }) });
    expect(deps(spec, "x").map(([id, via]) => [id, via])).toEqual([
      ["jmoney", "import"],
      ["jcart", "import"],
    ]);
    expect(spec.warnings.filter((w) => w.code.startsWith("UNRESOLVED") || w.code === "DEPENDS_ON_UNRESOLVED")).toEqual([]);
  });

  it("3e. Ruby requires resolve under a load path folder (lib/), require_relative beside the module's file; gems are external, an unknown path of the project's own is a warning", () => {
    const gem = {
      [`${M}/RAMOUNT_AGENT.md`]: moduleSpec({ module: "lib/tally/amount.rb" }),
      [`${M}/RBOOK_AGENT.md`]: moduleSpec({ module: "lib/tally/ledger/book.rb", related: ["lib/tally/ledger/entry.rb"] }),
    };
    const code = 'require "json"\nrequire "tally/amount"\nrequire_relative "ledger/entry"\nrequire "tally/missing"';
    const spec = load({ ...gem, [`${M}/X_AGENT.md`]: moduleSpec({ module: "lib/tally/cli.rb", body: `## Depends On\n\`\`\`ruby\n${code}\n\`\`\`\n` }) });
    expect(deps(spec, "x").map(([id, via]) => [id, via])).toEqual([
      ["ramount", "import"],
      ["rbook", "import"],
    ]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_IMPORT").map((w) => w.message)).toEqual(["x: import `tally/missing` matches no file a module owns"]);
  });

  it("4. names another module declares under Provides, written in the Depends On prose", () => {
    const body = "## Depends On\nAmounts are `Money` values; carts are Cart objects. Uses `Decimal` from the standard library.\n";
    const spec = load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "x.py", body }) });
    expect(deps(spec, "x").map(([id, via]) => [id, via])).toEqual([
      ["money", "symbol"],
      ["cart", "symbol"],
    ]);
  });

  it("keeps the strongest source when several name the same module, ignores self-references", () => {
    const body = "## Depends On\nUses `Money`.\n- money\n```python\nfrom ledger.money import Money\nfrom ledger.x import me\n```\n";
    const spec = load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "ledger/x.py", body }) });
    expect(deps(spec, "x")).toEqual([["money", "list", 8]]);
  });

  it("warns about a name two modules provide instead of guessing", () => {
    const spec = load({
      [`${M}/OTHER_AGENT.md`]: moduleSpec({ module: "other.py", body: "## Provides\n- `Money`\n" }),
      [`${M}/X_AGENT.md`]: moduleSpec({ module: "x.py", body: "## Depends On\nUses `Money`.\n" }),
    });
    expect(deps(spec, "x")).toEqual([]);
    expect(spec.warnings.map((w) => w.code)).toContain("AMBIGUOUS_SYMBOL");
  });

  it("ignores imports in code blocks outside the Depends On section", () => {
    const body = "## Interfaces\n```python\nfrom ledger.money import Money\n```\n## Depends On\n- journal\n";
    expect(deps(load({ [`${M}/X_AGENT.md`]: moduleSpec({ module: "x.py", body }) }), "x").map(([id]) => id)).toEqual(["journal"]);
  });
});

describe("dependencies on Vue and Svelte components", () => {
  const UI = ".claude/layers/web/modules";
  const files = {
    [`${UI}/FORMAT_AGENT.md`]: moduleSpec({ module: "src/ui/format.ts" }),
    [`${UI}/BADGES_AGENT.md`]: moduleSpec({ module: "src/ui/badges/" }),
    "src/ui/format.ts": "export const price = (n: number) => `$${n}`;\n",
    "src/ui/badges/CartBadge.vue": "<template>\n  <b>{{ n }}</b>\n</template>\n",
    "src/ui/badges/Total.svelte": '<script context="module" lang="ts">\n  export interface PriceTag {\n    cents: number;\n  }\n</script>\n\n<p>total</p>\n',
  };

  it("reads a ```svelte or ```vue block under Depends On by its scripts: its import is a dependency, not a heading that names nothing", () => {
    const body = '## Depends On\n\n```svelte\n<p>See docs/*.md</p>\n<script lang="ts">\n  import { price } from "./format";\n</script>\n```\n';
    const spec = load({ ...files, [`${UI}/BASKET_AGENT.md`]: moduleSpec({ module: "src/ui/Basket.svelte", body }) });
    expect(deps(spec, "basket")).toEqual([["format", "import", 11]]);
    expect(spec.warnings.filter((w) => w.file === `${UI}/BASKET_AGENT.md`)).toEqual([]);
  });

  it("resolves a stub's names through what components define: a component's name and its scripts' exports", () => {
    const body = "## Depends On\n\n```ts\nfunction show(badge: CartBadge, tag: PriceTag): void;\n```\n";
    const spec = load({ ...files, [`${M}/SCREEN_AGENT.md`]: moduleSpec({ module: "src/screen.ts", body }) });
    expect(deps(spec, "screen")).toEqual([["badges", "symbol", 9]]);
    expect(spec.warnings.filter((w) => w.file === `${M}/SCREEN_AGENT.md`)).toEqual([]);
  });
});
