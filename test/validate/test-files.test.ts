import { describe, expect, it } from "vitest";
import { moduleTestFiles, testLookups } from "../../src/validate/test-files.js";
import { makeProject, writeFiles } from "../helpers/project.js";

describe("moduleTestFiles", () => {
  it("looks by name only for the files whose test the module does not own: asked on every attempt", () => {
    const asked: string[] = [];
    const exists = (path: string) => (asked.push(path.slice("/p/".length)), path === "/p/app/test_api.py");
    const found = moduleTestFiles("/p", ["app/ledger.py", "app/api.py", "tests/test_ledger.py"], exists);
    expect(found).toEqual(["tests/test_ledger.py", "app/test_api.py"]);
    // `app/ledger.py`'s test is owned: none of its names is looked for.
    expect(asked.filter((p) => p.includes("ledger"))).toEqual([]);
    expect(asked).toContain("app/test_api.py");
  });

  it("names each candidate under its folder, and at the root for a file there", () => {
    const asked: string[] = [];
    moduleTestFiles("/p/", ["cli.py", "src/app/cart.ts"], (path) => (asked.push(path), false));
    expect(asked).toEqual(expect.arrayContaining(["/p/test_cli.py", "/p/tests/test_cli.py", "/p/src/app/cart.test.ts", "/p/src/app/__tests__/cart.test.ts", "/p/__tests__/cart.test.ts"]));
    expect(asked.some((p) => p.includes("//") || p.includes("/./"))).toBe(false);
  });

  it("looks in the project holding the module's files, in a repository without one at its root", () => {
    const root = makeProject({
      "backend/pyproject.toml": "[project]\nname = \"greenhouse\"\n",
      "backend/climate/sensors.py": "def read(): pass\n",
      "backend/tests/test_sensors.py": "def test_read(): pass\n",
      "frontend/package.json": "{\"scripts\": {\"test\": \"vitest\"}}\n",
      "frontend/src/dial.ts": "export const dial = 1;\n",
      "frontend/test/dial.test.ts": "test('dial', () => {});\n",
    });
    expect(moduleTestFiles(root, ["backend/climate/sensors.py"])).toEqual(["backend/tests/test_sensors.py"]);
    expect(moduleTestFiles(root, ["frontend/src/dial.ts", "backend/climate/sensors.py"])).toEqual(["frontend/test/dial.test.ts", "backend/tests/test_sensors.py"]);
    // With a project at the root, its runner is the one discovery takes, and the root's folders are looked in.
    writeFiles(root, { "pyproject.toml": "[project]\nname = \"greenhouse\"\n", "tests/test_sensors.py": "def test_read(): pass\n" });
    expect(moduleTestFiles(root, ["backend/climate/sensors.py"])).toEqual(["tests/test_sensors.py"]);
    // A project of a toolchain the root has none of is looked in still: frontend/ beside a root go.mod, as its module gate does.
    writeFiles(root, { "go.mod": "module example.com/greenhouse\n" });
    expect(moduleTestFiles(root, ["frontend/src/dial.ts"])).toEqual(["frontend/test/dial.test.ts"]);
  });

  it("with lookups kept across modules, looks for no name in a folder where none of a file's tests can be, and asks each folder once", () => {
    const files = new Set(["/p/app/test_api.py"]);
    const folders = new Set(["/p/", "/p/app"]);
    const askedFiles: string[] = [];
    const askedFolders: string[] = [];
    const exists = (path: string) => (askedFiles.push(path), files.has(path));
    const lookups = testLookups((path) => (askedFolders.push(path), folders.has(path)));
    // Ten modules of a folder not written yet (`pkg/`): no candidate of theirs is asked for.
    let afterFirst = 0;
    for (let i = 0; i < 10; i++) {
      expect(moduleTestFiles("/p", [`pkg/m${i}.py`, `pkg/m${i}_extra.ts`], exists, lookups)).toEqual([]);
      afterFirst ||= askedFolders.length;
    }
    expect(askedFiles.filter((p) => /m\d/.test(p))).toEqual([]);
    // Their folders (`tests`, `test`, `pkg`, `pkg/tests`, `__tests__`, `pkg/__tests__`) were asked about for the first module only.
    expect(askedFolders).toEqual(expect.arrayContaining(["/p/tests", "/p/pkg", "/p/pkg/tests", "/p/pkg/__tests__"]));
    expect(askedFolders.length).toBe(afterFirst);
    // Where a folder exists, the files are found as without lookups.
    expect(moduleTestFiles("/p", ["app/api.py"], exists, lookups)).toEqual(["app/test_api.py"]);
    expect(moduleTestFiles("/p", ["app/api.py"], exists)).toEqual(["app/test_api.py"]);
  });
});
