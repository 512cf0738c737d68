import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const gate = (root: string) => {
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line}: ${v.message}`);
};

describe("discover: tsconfig path aliases", () => {
  // The config a user would have: comments, trailing commas, `paths` in a base file it extends.
  const base = `{
  // shared by the packages
  "compilerOptions": {
    "baseUrl": ".",
    "paths": {
      "#kit/*": ["src/kit/*",],
      "#store": ["src/store/index.ts"],
    },
  },
}
`;
  const project = () =>
    makeProject({
      "tsconfig.base.json": base,
      "tsconfig.json": '{ "extends": "./tsconfig.base.json", /* local */ "include": ["src"] }\n',
      "src/kit/format.ts": "export function money(n: number) {\n  return `${n}`;\n}\n",
      "src/store/index.ts": 'import { money } from "#kit/format";\n\nexport function total() {\n  return money(1);\n}\n',
      "src/cli/main.ts": 'import { total } from "#store";\nimport { money } from "#kit/format.js";\n\nexport function main() {\n  return money(total());\n}\n',
      "src/cli/util.ts": 'import { money } from "src/kit/format";\n\nexport function show() {\n  return money(2);\n}\n',
    });

  it("resolves imports through `paths` (followed through `extends`) and `baseUrl`", () => {
    const d = discover(project());
    const deps = Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]));
    expect(deps).toEqual({ format: [], store: ["format"], main: ["format", "store"], util: ["format"] });
  });

  it("the gate resolves aliased imports too: an alias into a later layer is reported", () => {
    const root = project();
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "shop")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/kit/format.ts": 'import { main } from "#cli/main";\n\nexport function money(n: number) {\n  return `${n}${main()}`;\n}\n' });
    // No `#cli/*` alias yet: a bare name the project does not own is a third party's.
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "tsconfig.base.json": base.replace('"#store"', '"#cli/*": ["src/cli/*"],\n      "#store"') });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/kit\/format\.ts:1: imports `#cli\/main`.*(?:forbidden|comes before)/)]);
  });
});

describe("discover: a Python src layout", () => {
  it("writes Forbidden Imports as the code imports them (`shop.cli`), and the gate reports `from shop.cli import ...` in a lower layer", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "shop"\n',
      "src/shop/__init__.py": "from shop.cli import run\n",
      "src/shop/models.py": "class Item:\n    pass\n",
      "src/shop/cli/__init__.py": "from shop.cli.main import run\n",
      "src/shop/cli/main.py": "from shop.models import Item\n\n\ndef run():\n    return Item()\n",
      "src/shop/cli/args.py": "from shop.models import Item\n\n\ndef parse():\n    return Item\n",
    });
    const d = discover(root);
    writeFiles(root, Object.fromEntries(specFiles(d, "shop")));
    const spec = loadSpec(root);
    const lower = spec.layers.find((l) => l.id === d.layers[0]!.id)!;
    expect(lower.forbiddenImports.map((r) => r.pattern)).toContain("shop.cli");
    // The package file of a later layer is a path: `shop` would forbid `shop.models` too.
    expect(lower.forbiddenImports.map((r) => r.pattern)).not.toContain("shop");
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/shop/models.py": "from shop.cli.args import parse\n\n\nclass Item:\n    pass\n" });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/shop\/models\.py:1: imports `shop\.cli\.args`, forbidden for layer \w+ by `shop\.cli`/)]);
    // Without the rule, the layer order still catches it: the gate finds `shop` under src/.
    const layerFile = `.claude/layers/${lower.id}/${lower.id.toUpperCase()}_ORCHESTRATOR.md`;
    writeFiles(root, { [layerFile]: readFileSync(join(root, layerFile), "utf8").replace(/### Forbidden Imports[\s\S]*$/, "") });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/shop\/models\.py:1: imports `shop\.cli\.args` \(module cli, layer \w+\), but layer \w+ comes before/)]);
  });
});
