import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

describe("discover: a project of one entry file is named after the project (real18)", () => {
  it("main.py beside a pyproject.toml takes its [project] name, and a note says so", () => {
    const root = makeProject({
      "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "tide-tables"\nversion = "0.2.0"\n',
      "main.py": "def high_water(day):\n    return day * 2\n\n\nif __name__ == \"__main__\":\n    print(high_water(3))\n",
    });
    const d = discover(root);
    // Before: the module was `main`.
    expect(d.modules.map((m) => [m.id, m.files])).toEqual([["tide_tables", ["main.py"]]]);
    expect(d.notes).toContain("module tide_tables (main.py) is named after the project (the name in pyproject.toml, `tide-tables`), not `main`: a project's one entry file stands for the project");
  });

  it("index.ts takes package.json's name without its scope; app.py with its test takes a Poetry name", () => {
    const ts = makeProject({ "package.json": '{ "name": "@harbour/knot-tyer", "version": "1.0.0" }\n', "index.ts": "export function tie(rope: string): string {\n  return `${rope}-knot`;\n}\n" });
    expect(discover(ts).modules.map((m) => m.id)).toEqual(["knot_tyer"]);
    const py = makeProject({
      "pyproject.toml": '[tool.poetry]\nname = "kite_log"\n',
      "app.py": "def launch(wind):\n    return wind > 3\n",
      "test_app.py": "from app import launch\n\n\ndef test_launch():\n    assert launch(5)\n",
    });
    const d = discover(py);
    expect(d.modules.map((m) => [m.id, m.tests])).toEqual([["kite_log", ["test_app.py"]]]);
  });

  it("a project of several modules keeps main as main", () => {
    const root = makeProject({ "pyproject.toml": '[project]\nname = "tide-tables"\n', "main.py": "def run():\n    return 1\n", "tides.py": "def high():\n    return 2\n" });
    expect(discover(root).modules.map((m) => m.id).sort()).toEqual(["main", "tides"]);
  });
});
