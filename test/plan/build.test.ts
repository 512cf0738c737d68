import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/plan/build.js";
import type { Scope, TaskAnalysis } from "../../src/analyze/types.js";
import { CycleError } from "../../src/errors.js";
import { tree } from "../helpers/tree.js";

const analysis = (scope: Scope = { kind: "system" }): TaskAnalysis => ({ type: "implement", scope, because: ["implement"] });

// A small diamond across three layers, plus an independent branch.
const SPEC = tree(
  [
    "money: base",
    "errors: base",
    "journal: core <- money, errors",
    "accounts: core <- money",
    "balances: core <- journal, accounts",
    "reports: app <- balances",
    "cli: app <- reports, errors",
  ],
  ["base", "core", "app"],
);

describe("buildPlan", () => {
  it("produces minimal waves: one more than the latest wave among the dependencies", () => {
    const plan = buildPlan(SPEC, analysis(), "implement system");
    expect(plan.waves).toEqual([["money", "errors"], ["journal", "accounts"], ["balances"], ["reports"], ["cli"]]);
    expect(plan.modules.find((m) => m.id === "balances")!.dependsOn).toEqual(["journal", "accounts"]);
  });

  it("finds the critical path, first module to last", () => {
    expect(buildPlan(SPEC, analysis()).criticalPath).toEqual(["money", "journal", "balances", "reports", "cli"]);
  });

  it("has the JSON shape of DESIGN.md", () => {
    const plan = buildPlan(SPEC, analysis(), "implement system");
    expect(Object.keys(plan)).toEqual(["request", "analysis", "layers", "modules", "waves", "criticalPath", "warnings"]);
    expect(plan.layers.map((l) => l.id)).toEqual(["base", "core", "app"]);
    expect(plan.modules[2]).toEqual({ id: "journal", layer: "core", spec: ".claude/layers/core/modules/JOURNAL_AGENT.md", files: ["src/core/journal.py"], dependsOn: ["money", "errors"], specText: expect.any(String), specDigest: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("restricts to a layer; dependencies outside the scope count as done", () => {
    const plan = buildPlan(SPEC, analysis({ kind: "layer", id: "core" }));
    expect(plan.modules.map((m) => m.id)).toEqual(["journal", "accounts", "balances"]);
    expect(plan.waves).toEqual([["journal", "accounts"], ["balances"]]);
    expect(plan.modules[0]!.dependsOn).toEqual([]);
    expect(plan.layers).toEqual([{ id: "core", modules: ["journal", "accounts", "balances"] }]);
  });

  it("restricts to modules", () => {
    const plan = buildPlan(SPEC, analysis({ kind: "modules", ids: ["cli", "reports"] }));
    expect(plan.waves).toEqual([["reports"], ["cli"]]);
    expect(plan.criticalPath).toEqual(["reports", "cli"]);
  });

  it("orders layers by their edges, whatever the folder names, with the written order as tie-breaker", () => {
    const spec = tree(["a: zeta", "b: alpha <- a", "c: middle", "d: beta"], ["beta", "middle"]);
    const plan = buildPlan(spec, analysis());
    // zeta must precede alpha (edge); beta and middle are written; the rest by name.
    expect(plan.layers.map((l) => l.id)).toEqual(["beta", "middle", "zeta", "alpha"]);
    expect(plan.warnings).toEqual([]);
  });

  it("warns LAYER_ORDER_CONFLICT when the written order contradicts the edges, and follows the edges", () => {
    const spec = tree(["ui: app <- model", "model: domain"], ["app", "domain"]);
    const plan = buildPlan(spec, analysis());
    expect(plan.layers.map((l) => l.id)).toEqual(["domain", "app"]);
    expect(plan.warnings).toEqual([
      {
        code: "LAYER_ORDER_CONFLICT",
        message: "SYSTEM_ORCHESTRATOR.md lists layer `app` before `domain`, but ui (app) depends on model (domain); planning `domain` first",
        file: ".claude/system/SYSTEM_ORCHESTRATOR.md",
      },
    ]);
  });

  it("warns when layers depend on each other both ways and falls back to the written order", () => {
    const spec = tree(["a: one <- b", "b: two", "c: two <- d", "d: one"], ["two", "one"]);
    const plan = buildPlan(spec, analysis());
    expect(plan.layers.map((l) => l.id)).toEqual(["two", "one"]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["LAYER_ORDER_CONFLICT"]);
  });

  it("reports a cycle with only its members, in dependency order", () => {
    const spec = tree(["start: x", "gamma: x <- alpha, start", "alpha: x <- beta", "beta: x <- gamma", "end: x <- alpha"]);
    expect(() => buildPlan(spec, analysis())).toThrow(CycleError);
    try {
      buildPlan(spec, analysis({ kind: "modules", ids: ["start"] }));
    } catch (error) {
      expect((error as CycleError).cycle).toEqual(["alpha", "beta", "gamma"]);
      // Each edge of the cycle names the spec line that declares it (the test tree's are all `x:1`).
      expect((error as CycleError).message).toBe(
        "Dependency cycle: alpha -> beta -> gamma -> alpha; remove one of these dependencies: x:1 (alpha depends on beta), x:1 (beta depends on gamma), x:1 (gamma depends on alpha)",
      );
      expect((error as CycleError).edges.map((e) => `${e.from}->${e.to}`)).toEqual(["alpha->beta", "beta->gamma", "gamma->alpha"]);
      expect((error as CycleError).place).toEqual({ file: "x", line: 1 });
      expect((error as CycleError).code).toBe("DEPENDENCY_CYCLE");
      return;
    }
    throw new Error("a cycle outside the scope must still be an error");
  });

  it("handles a 10,000-module chain without recursion limits", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? "m0: l" : `m${i}: l <- m${i - 1}`));
    const plan = buildPlan(tree(lines), analysis());
    expect(plan.waves.length).toBe(10_000);
    expect(plan.criticalPath.length).toBe(10_000);
  });
});
