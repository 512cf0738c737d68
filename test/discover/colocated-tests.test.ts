import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

describe("discover: tests beside the code they test", () => {
  it("a feature folder's `order.test.ts` is the module of `order.ts`, though it imports another feature as much", () => {
    const root = makeProject({
      "package.json": '{ "name": "stall", "scripts": { "test": "vitest run" } }\n',
      "src/shared/ids.ts": "export function newId(prefix: string): string {\n  return `${prefix}1`;\n}\n",
      "src/goods/item.ts": "import { newId } from \"../shared/ids.js\";\nexport const ITEM = newId(\"item\");\nexport interface Item { sku: string; cents: number }\nexport function item(sku: string, cents: number): Item {\n  return { sku, cents };\n}\n",
      "src/goods/shelf.ts": 'import type { Item } from "./item.js";\nexport class Shelf {\n  items: Item[] = [];\n}\n',
      "src/goods/index.ts": 'export * from "./item.js";\nexport * from "./shelf.js";\n',
      "src/sales/sale.ts": 'import type { Item } from "../goods/index.js";\nexport function total(items: Item[]): number {\n  return items.reduce((n, i) => n + i.cents, 0);\n}\n',
      "src/sales/receipt.ts": 'import { total } from "./sale.js";\nimport type { Item } from "../goods/index.js";\nexport function receipt(items: Item[]): string {\n  return `total ${total(items)}`;\n}\n',
      "src/sales/index.ts": 'export * from "./sale.js";\nexport * from "./receipt.js";\n',
      "src/app.ts": 'import { receipt } from "./sales/index.js";\nimport { item } from "./goods/index.js";\nconsole.log(receipt([item("a", 1)]));\n',
      "src/sales/sale.test.ts": 'import { it } from "vitest";\nimport { total } from "./sale.js";\nimport { item } from "../goods/index.js";\nit("sums", () => total([item("a", 1)]));\n',
    });
    const d = discover(root);
    // Both features are in one layer: the layer does not tell them apart.
    expect(d.modules.find((m) => m.id === "goods")!.layer).toBe(d.modules.find((m) => m.id === "sales")!.layer);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("sales")!.tests).toEqual(["src/sales/sale.test.ts"]);
    expect(byId.get("goods")!.tests).toEqual([]);
  });
});

describe("discover: a folder named spec", () => {
  it("under src/ is code of that name (a parser of specs), its files modules; at the root it is the tests it holds", () => {
    const root = makeProject({
      "package.json": '{ "name": "specreader", "scripts": { "test": "node --test" } }\n',
      "src/spec/parse.ts": "export function parse(text: string): string[] {\n  return text.split(\"\\n\");\n}\n",
      "src/spec/load.ts": 'import { parse } from "./parse.js";\nexport function load(text: string): number {\n  return parse(text).length;\n}\n',
      "src/cli.ts": 'import { load } from "./spec/load.js";\nconsole.log(load("a\\nb"));\n',
      "spec/load.spec.ts": 'import { load } from "../src/spec/load.js";\nif (load("a") !== 1) throw new Error("load");\n',
    });
    const d = discover(root);
    const owner = (file: string) => d.modules.find((m) => m.files.includes(file))?.id;
    expect(owner("src/spec/parse.ts")).toBeDefined();
    expect(owner("src/spec/load.ts")).toBeDefined();
    expect(d.modules.find((m) => m.tests.includes("spec/load.spec.ts"))?.id).toBe(owner("src/spec/load.ts"));
  });
});
