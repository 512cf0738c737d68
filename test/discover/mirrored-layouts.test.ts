import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { validationOf } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

/** The module gates `plan` would discover for the tree `init --from-code` writes: each module owns its files and its tests. */
function moduleGates(root: string): string[] {
  const d = discover(root);
  const modules = d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] }));
  const spec = { layers: d.layers.map((l) => l.id), modules, frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: true };
  return validationOf(root, spec, {}).discovered.filter((x) => x.level === "module").map((x) => `${x.target}: ${x.check.run}`);
}

describe("discover: tests in a tree of their own, as module gates", () => {
  it("a Python src layout's tests/ mirroring the package: each module's gate runs the test attached to it", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "tally"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      "src/tally/__init__.py": "",
      "src/tally/core/__init__.py": "",
      "src/tally/core/money.py": "class Money:\n    cents = 0\n",
      "src/tally/core/entry.py": "from .money import Money\n\n\nclass Entry:\n    amount = Money()\n",
      "src/tally/report/__init__.py": "",
      "src/tally/report/sheet.py": "from ..core.entry import Entry\n\n\ndef sheet(entries):\n    return [Entry() for _ in entries]\n",
      "tests/core/test_money.py": "from tally.core.money import Money\n\n\ndef test_zero():\n    assert Money().cents == 0\n",
      "tests/report/test_sheet.py": "from tally.report.sheet import sheet\n\n\ndef test_empty():\n    assert sheet([]) == []\n",
    });
    // Before: none, since no test is named `tests/test_money.py` or sits beside its code.
    expect(moduleGates(root)).toEqual(["money: python3 -m pytest -q tests/core/test_money.py", "sheet: python3 -m pytest -q tests/report/test_sheet.py"]);
  });

  it("an npm workspace package's __tests__ beside its src/: the package's gate runs them", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"], scripts: { test: "vitest run" } }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core" }),
      "packages/core/src/index.ts": 'export * from "./money";\n',
      "packages/core/src/money.ts": "export const zero = 0;\n",
      "packages/db/package.json": JSON.stringify({ name: "@acme/db", dependencies: { "@acme/core": "*" } }),
      "packages/db/src/index.ts": 'import { zero } from "@acme/core";\n\nexport const start = zero;\n',
      "packages/db/__tests__/start.test.ts": 'import { start } from "../src/index";\n\nif (start !== 0) throw new Error("start");\n',
    });
    expect(moduleGates(root)).toEqual(["db: npm test -- packages/db/__tests__/start.test.ts"]);
  });
});
