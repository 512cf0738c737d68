import { afterAll, describe, expect, it } from "vitest";
import { serialize } from "node:v8";
import { KEPT_UP_TO_MODULES, keepsRunPlan, keptPlanOf, planFromKept } from "../../src/cli/run-plan-memo.js";
import { planRequest } from "../../src/plan/request.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec, removeProjects } from "../helpers/project.js";

afterAll(removeProjects);

const M = ".claude/layers";

function tree() {
  return loadSpec(
    makeProject({
      [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Purpose\nCounts money.\n" }),
      [`${M}/app/CHECKOUT_AGENT.md`]: moduleSpec({ module: "shop/checkout.py", body: "## Depends On\n- money\n" }),
    }),
  );
}

describe("the run plan kept for a tree", () => {
  it("comes back as the plan made from the tree, sharing the tree's texts and file lists", () => {
    const spec = tree();
    const plan = planRequest(spec, "implement system");
    const back = planFromKept(keptPlanOf(plan), spec)!;
    expect(back).toEqual(plan);
    expect(JSON.stringify(back)).toBe(JSON.stringify(plan));
    const checkout = back.modules.find((m) => m.id === "checkout")!;
    expect(checkout.files).toBe(spec.modules.find((m) => m.id === "checkout")!.files);
  });

  it("is not kept for a plan that read a log, and is no plan when it is not one or names a module the tree lacks", () => {
    const spec = tree();
    const plan = planRequest(spec, "implement system");
    expect(keptPlanOf({ ...plan, log: { path: "x.log", excerpt: "" } })).toBeUndefined();
    expect(planFromKept(undefined, spec)).toBeUndefined();
    expect(planFromKept(new Uint8Array([1, 2, 3]), spec)).toBeUndefined();
    expect(planFromKept(serialize({ request: "x" }), spec)).toBeUndefined();
    expect(planFromKept(keptPlanOf(plan), { ...spec, modules: spec.modules.filter((m) => m.id !== "money") })).toBeUndefined();
  });

  it("is kept only for trees up to KEPT_UP_TO_MODULES modules: a larger run plans again, its peak memory as before", () => {
    const spec = tree();
    const plan = planRequest(spec, "implement system");
    const many = Array.from({ length: KEPT_UP_TO_MODULES + 1 }, (_, i) => ({ ...plan.modules[0]!, id: `m${i}` }));
    expect(keptPlanOf({ ...plan, modules: many.slice(0, KEPT_UP_TO_MODULES) })).toBeInstanceOf(Uint8Array);
    expect(keptPlanOf({ ...plan, modules: many })).toBeUndefined();
    expect(keepsRunPlan({ modules: new Array(KEPT_UP_TO_MODULES) })).toBe(true);
    expect(keepsRunPlan({ modules: new Array(KEPT_UP_TO_MODULES + 1) })).toBe(false);
  });
});
