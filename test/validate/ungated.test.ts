import { describe, expect, it } from "vitest";
import { describeValidation, validationOf, type DiscoverySpec } from "../../src/validate/discover.js";
import type { GatesConfig } from "../../src/validate/config.js";
import { makeProject } from "../helpers/project.js";

const ROOT = makeProject({ "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n", "tests/test_units.py": "", "tests/test_errors.py": "" });
const TESTS = [{ name: "tests", kind: "command" as const, run: "sleep 8; python3 -m pytest -q tests/test_units.py" }];

function spec(frontMatter: string[] = []): DiscoverySpec {
  return {
    layers: ["foundation", "services"],
    modules: [
      { id: "units", files: ["src/units.py", "tests/test_units.py"], layer: "foundation" },
      { id: "errors", files: ["src/errors.py", "tests/test_errors.py"], layer: "foundation" },
      { id: "gravity", files: ["src/gravity.py"], layer: "services" },
    ],
    frontMatterValidation: frontMatter.length > 0,
    frontMatterModules: frontMatter,
    frontMatterChecks: frontMatter.length > 0,
    importRules: false,
    ownsPython: true,
  };
}

const lines = (config: GatesConfig, frontMatter?: string[], modules?: ReadonlySet<string>) => describeValidation(validationOf(ROOT, spec(frontMatter), config), modules);
const note = (named: string) => `no module gate for ${named}: module gates are configured for other modules only, and a configured level is not discovered (give them theirs in orchestrate.config.yaml, or set \`gates.module\` for every module)`;

describe("modules a partly configured module level leaves without a gate (real18)", () => {
  it("names them where one module's gate is configured: before, `gates configured: module` alone, and their tests never ran", () => {
    expect(lines({ modules: { units: { gates: { module: TESTS } } } })).toContain(note("errors, gravity"));
  });

  it("names none that a layer's gates, a spec's `validation:` or a deliberate empty list cover", () => {
    expect(lines({ modules: { units: { gates: { module: TESTS } } }, layers: { services: { gates: { module: TESTS } } } })).toContain(note("errors"));
    expect(lines({ modules: { units: { gates: { module: TESTS } }, gravity: { gates: { module: [] } } } }, ["errors"]).join("\n")).not.toContain("no module gate");
  });

  it("says nothing where every module has its gate: `gates.module` set, or no module level configured", () => {
    expect(lines({ gates: { module: TESTS } }).join("\n")).not.toContain("no module gate");
    expect(lines({}).join("\n")).not.toContain("no module gate");
  });

  it("names only the run's own modules", () => {
    expect(lines({ modules: { units: { gates: { module: TESTS } } } }, [], new Set(["units"])).join("\n")).not.toContain("no module gate");
    expect(lines({ modules: { units: { gates: { module: TESTS } } } }, [], new Set(["units", "gravity"]))).toContain(note("gravity"));
  });
});
