import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { SOLUTION } from "../helpers/langs.js";

const GATED = { "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n  module:\n    - { name: architecture, kind: architecture }\n", "recorded/.keep": "" };

describe("init --from-code on a C# solution", () => {
  it("writes a module per project in its layer; check is clean, plan orders them, and a run's architecture gate passes the code as it is", () => {
    const root = makeProject({ ...SOLUTION, ...GATED });
    const init = runCli(["init", "--from-code", root]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/4 modules in 4 layers/);
    const spec = loadSpec(root);
    expect(spec.warnings).toEqual([]);
    expect(Object.fromEntries(spec.modules.map((m) => [m.id, [m.layer, m.dependencies.map((d) => d.id).sort()]]))).toEqual({
      domain: ["core", []],
      infrastructure: ["infrastructure", ["domain"]],
      application: ["services", ["domain", "infrastructure"]],
      api: ["interface", ["application", "infrastructure"]],
    });
    const check = runCli(["check", "--project", root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const plan = runCli(["plan", "implement system", "--project", root, "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { waves: string[][] }).waves).toEqual([["domain"], ["infrastructure"], ["application"], ["api"]]);
    const run = runCli(["run", "implement system", "--yes", "--project", root]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);

  it("a run whose agent writes a using of a later layer's project fails the architecture gate at that line", async () => {
    const root = makeProject({ ...SOLUTION, ...GATED });
    expect(runCli(["init", "--from-code", root]).code).toBe(0);
    // Recorded after init: the simulate agent's recordings are no code of the project's.
    writeFiles(root, { "recorded/domain/src/Shop.Domain/Cart.cs": "using Shop.Application;\n\nnamespace Shop.Domain;\n\npublic sealed class Cart { }\n" });
    const run = runCli(["run", "implement system", "--yes", "--project", root]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/domain: attempt 1 failed: architecture failed: 1 violation/);
    const output = await cliHere(["status", "--output", "domain", "--project", root]);
    expect(output.stdout).toContain("src/Shop.Domain/Cart.cs:1: imports `Shop.Application` (module application, layer services), but layer core comes before services");
  }, 120_000);
});
