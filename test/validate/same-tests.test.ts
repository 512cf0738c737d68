import { describe, expect, it } from "vitest";
import { planValidation, validationOf, type DiscoverySpec } from "../../src/validate/discover.js";
import { loadSpec } from "../../src/spec/load.js";
import type { GatesConfig } from "../../src/validate/config.js";
import { testRunsOf } from "../../src/validate/same-tests.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// A project whose config gates its modules with its own test runner: discovery adds no system gate running those tests again.
const spec: DiscoverySpec = { layers: ["core"], modules: [{ id: "ledger", files: ["core/src/main/java/x/Ledger.java"] }], frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
const maven = { "pom.xml": "<project><modules><module>core</module></modules></project>\n", "core/pom.xml": "<project/>\n", "core/src/main/java/x/Ledger.java": "class Ledger {}\n" };
const command = (run: string) => ({ name: "tests", kind: "command" as const, run });

function system(files: Record<string, string>, config: GatesConfig): { system: string[]; notes: string[] } {
  const v = validationOf(makeProject(files), spec, config);
  return { system: v.discovered.filter((d) => d.level === "system").map((d) => d.check.run!), notes: v.notes };
}

describe("a discovered system gate beside configured module gates", () => {
  it("Maven: module gates running `mvn ... test` leave out the discovered `mvn -B test`, and say why", () => {
    expect(system(maven, { gates: { module: [command("mvn -B -q test -pl core")] } })).toEqual({
      system: [],
      notes: ["system gate `mvn -B test` not discovered: the configured module gate `mvn -B -q test -pl core` runs `mvn test` already (set `gates.system` in orchestrate.config.yaml to run one over the whole project)"],
    });
    // A module's own gate, through the wrapper, with a later phase: the same tests.
    expect(system(maven, { modules: { ledger: { gates: { module: [command("cd core && ./mvnw verify")] } } } }).system).toEqual([]);
  });

  it("module gates that run other things (a linter, another goal) keep the discovered system gate", () => {
    expect(system(maven, { gates: { module: [command("mvn -B checkstyle:check"), { name: "cov", kind: "coverage", min: 80 }] } })).toEqual({ system: ["mvn -B test"], notes: [] });
    const npm = { "package.json": JSON.stringify({ scripts: { test: "vitest run", lint: "eslint ." } }) };
    expect(system(npm, { gates: { module: [command("npm run lint")] } }).system).toEqual(["npm test"]);
    expect(system(npm, { gates: { layer: [command("npm run test -- src/{layer}")] } }).system).toEqual([]);
  });

  it("a module's `validation:` front matter running `mvn ... test` leaves out the discovered `mvn -B test` too, and says why", () => {
    const gate = 'validation:\n  - { name: tests, kind: command, run: "cd core && ./mvnw -q test" }';
    const root = makeProject({ ...maven, ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/modules/LEDGER_AGENT.md": moduleSpec({ module: "core/src/main/java/x/Ledger.java", frontMatter: gate }) });
    const v = planValidation(root, loadSpec(root), {});
    expect(v.discovered.filter((d) => d.level === "system")).toEqual([]);
    expect(v.notes).toEqual(["system gate `mvn -B test` not discovered: module `ledger`'s `validation:` front matter gate `cd core && ./mvnw -q test` runs `mvn test` already (set `gates.system` in orchestrate.config.yaml to run one over the whole project)"]);
    // A front matter gate that runs something else (a linter) keeps it.
    const lint = makeProject({ ...maven, ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/modules/LEDGER_AGENT.md": moduleSpec({ module: "core/src/main/java/x/Ledger.java", frontMatter: "validation:\n  module:\n    - { name: style, kind: command, run: mvn -B checkstyle:check }" }) });
    expect(planValidation(lint, loadSpec(lint), {}).discovered.filter((d) => d.level === "system").map((d) => d.check.run)).toEqual(["mvn -B test"]);
  });

  it("reads what test run a command line is, through wrappers and launchers", () => {
    expect(testRunsOf("mvn -B -pl core -am test")).toEqual(new Set(["mvn test"]));
    expect(testRunsOf("./gradlew :core:check")).toEqual(new Set(["gradle test"]));
    expect(testRunsOf("mvn checkstyle:check")).toEqual(new Set(["mvn checkstyle:check"]));
    expect(testRunsOf("./gradlew check")).toEqual(new Set(["gradle test"]));
    expect(testRunsOf("CI=1 uv run pytest -q tests/a && npx jest a")).toEqual(new Set(["pytest", "jest"]));
    expect(testRunsOf("python3 -m pytest {files}")).toEqual(new Set(["pytest"]));
    expect(testRunsOf("yarn t")).toEqual(new Set(["yarn test"]));
    expect(testRunsOf("cargo test -p ledger; go vet ./...")).toEqual(new Set(["cargo test", "go vet"]));
  });
});
