import { describe, expect, it } from "vitest";
import { planRequest } from "../../src/plan/request.js";
import { applyPlan, routerConfident } from "../../src/planner/apply.js";
import { checkSubmission } from "../../src/planner/submission.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

function tree(): ReturnType<typeof loadSpec> {
  const spec = (id: string, body: string, deps = "") => moduleSpec({ module: `src/${id}.js`, body: `## Purpose\n\n${body}\n${deps}` });
  return loadSpec(
    makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
      ".claude/layers/core/modules/LEDGER_AGENT.md": spec("ledger", "Keeps the accounts."),
      ".claude/layers/core/modules/INVOICE_AGENT.md": spec("invoice", "Bills customers.", "\n## Depends On\n\n- `ledger`\n"),
      ".claude/layers/core/modules/MAILER_AGENT.md": spec("mailer", "Sends mail."),
    }),
  );
}

const INFO = { agent: "anthropic", model: "m", id: "20261201-000000-abcd", attempts: [] };

describe("planner: checking and applying a submission", () => {
  it("rejects a type outside the six, an invented module and a module named twice, in one message", () => {
    const spec = tree();
    const result = checkSubmission({ type: "fix", modules: [{ id: "billing", task: "t", acceptance: [] }, { id: "ledger", task: "t", acceptance: [] }, { id: "ledger", task: "u", acceptance: [] }], rationale: "" }, spec);
    expect(result).toEqual({ error: expect.stringMatching(/type `fix` is not one of implement, debug, refactor, analyze, optimize, general; no module `billing` in this project; the modules are .*; module `ledger` named more than once/) });
    expect(checkSubmission({ type: "debug" }, spec)).toEqual({ error: expect.stringMatching(/^submit_plan's input is malformed: modules: /) });
  });

  it("a router that fell back lets the planner choose type and scope; a chosen module's dependency stays context", () => {
    const spec = tree();
    const routed = planRequest(spec, "customers see the wrong totals on their bills");
    const checked = checkSubmission({ type: "debug", modules: [{ id: "invoice", task: "Fix the total's rounding.", acceptance: ["totals match the ledger"] }], rationale: "Totals are the invoice's." }, spec);
    if (!("plan" in checked)) throw new Error(checked.error);
    const plan = applyPlan(spec, { ...routed, analysis: { ...routed.analysis, confidence: 0.3 } }, checked.plan, INFO);
    expect(plan.analysis).toMatchObject({ type: "debug", scope: { kind: "modules", ids: ["invoice"] }, planner: { decided: "scope", rationale: "Totals are the invoice's." } });
    expect(spec.modules.find((m) => m.id === "invoice")!.dependencies.map((d) => d.id)).toEqual(["ledger"]);
    expect(plan.modules.map((m) => [m.id, m.task, m.acceptance, m.dependsOn])).toEqual([["invoice", "Fix the total's rounding.", ["totals match the ledger"], []]]);
    expect(plan.warnings.map((w) => w.code)).not.toContain("SCOPE_FALLBACK");
  });

  it("a confident router keeps its type and scope; the planner's tasks reach only the modules in it", () => {
    const spec = tree();
    const routed = planRequest(spec, "implement module/ledger");
    expect(routerConfident(routed)).toBe(true);
    const checked = checkSubmission({ type: "refactor", modules: [{ id: "ledger", task: "Add accounts.", acceptance: [] }, { id: "mailer", task: "Mail.", acceptance: [] }], rationale: "r" }, spec);
    if (!("plan" in checked)) throw new Error(checked.error);
    const plan = applyPlan(spec, routed, checked.plan, INFO);
    expect(plan.analysis).toMatchObject({ type: "implement", scope: { kind: "modules", ids: ["ledger"] }, planner: { decided: "tasks" } });
    expect(plan.modules.map((m) => [m.id, m.task, m.acceptance])).toEqual([["ledger", "Add accounts.", undefined]]);
  });

  it("--type given: the planner's scope is taken, the user's type kept", () => {
    const spec = tree();
    const routed = planRequest(spec, "customers see the wrong totals", { type: "analyze" });
    const checked = checkSubmission({ type: "debug", modules: [{ id: "invoice", task: "t", acceptance: [] }], rationale: "r" }, spec);
    if (!("plan" in checked)) throw new Error(checked.error);
    const plan = applyPlan(spec, { ...routed, analysis: { ...routed.analysis, confidence: 0 } }, checked.plan, INFO, { typeGiven: true });
    expect(plan.analysis.type).toBe("analyze");
  });
});
