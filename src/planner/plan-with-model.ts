import type { Agent } from "../agents/types.js";
import { PLANNER_MODULE, type PlannerAttempt } from "../analyze/types.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import type { AttemptText, Store } from "../store/types.js";
import { redact, writePrivate } from "../redact/index.js";
import { agentServerConfig } from "../agent-mcp/server-config.js";
import { runAttempt } from "../run/attempt.js";
import { newRunId, ProjectPaths } from "../run/paths.js";
import { applyPlan } from "./apply.js";
import { plannerVars } from "./digest.js";
import { checkSubmission, type CheckedPlan } from "./submission.js";

/** A first try and, when its plan is rejected, one more carrying the error. */
const TRIES = 2;

export interface PlannerDeps {
  store: Store;
  agent: Agent;
  /** The agent's name and model, as `plan` shows them. */
  agentName: string;
  model: string;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * One read-only planning attempt before the modules (two when the first plan is
 * rejected): the model reads the request, the system spec and every module's digest and
 * answers through `submit_plan` on orchestrate's agent MCP server, which stores it under
 * the attempt's key; the answer is checked against the tree and applied to `routed`. When
 * no valid plan comes, `routed` stands, with a `PLANNER_FAILED` warning; the attempts'
 * usage travels with the plan either way, so the run counts it.
 */
export async function planWithModel(spec: SpecTree, routed: Plan, deps: PlannerDeps, opts: { typeGiven?: boolean } = {}): Promise<Plan> {
  const now = deps.now ?? Date.now;
  const id = newRunId(new Date(now()));
  const paths = new ProjectPaths(spec.root);
  const vars = plannerVars(spec, routed);
  const module: PlanModule = { id: PLANNER_MODULE, layer: "planning", spec: spec.system.specFile ?? "", files: [], dependsOn: [], specText: "" };
  const signal = deps.signal ?? new AbortController().signal;
  const attempts: PlannerAttempt[] = [];
  let checked: CheckedPlan | undefined;
  let previousError: string | undefined;

  for (let n = 1; n <= TRIES && !checked && !signal.aborted; n++) {
    const startedAt = now();
    const key = `${id}#${n}`;
    const outcome = await runAttempt(
      {
        runId: id,
        request: routed.request,
        module,
        n,
        kind: "analyze",
        template: "planner",
        readOnly: true,
        vars,
        timeoutMs: deps.timeoutMs,
        mcpServers: { orchestrate: agentServerConfig(spec.root, key, PLANNER_MODULE, { planner: true }) },
        ...(previousError ? { previousError } : {}),
      },
      // Its attempts are the run's, before the run's record exists: their texts stay files, as they were (one planning per run).
      { paths, agent: deps.agent, signal, emit: () => {}, now, keepText: (text) => keepPlannerText(paths.attempt(id, PLANNER_MODULE, n, ""), text) },
    );
    const submitted = deps.store.getPlanSubmission(key);
    const result = submitted === undefined
      ? { error: outcome.failure ? `the planner failed before calling submit_plan: ${outcome.failure.message}` : "the planner ended without calling submit_plan" }
      : checkSubmission(submitted, spec);
    if ("plan" in result) checked = result.plan;
    else previousError = result.error;
    attempts.push({
      n,
      ok: checked !== undefined,
      ...(checked ? {} : { error: previousError! }),
      summary: outcome.summary,
      promptPath: outcome.promptPath,
      usage: outcome.usage,
      startedAt,
      endedAt: now(),
    });
  }

  const info = { agent: deps.agentName, model: deps.model, id, attempts };
  if (checked) return applyPlan(spec, routed, checked, info, opts);
  const why = signal.aborted ? "the planning was cancelled" : `no valid plan after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"}: ${previousError}`;
  return {
    ...routed,
    analysis: { ...routed.analysis, planner: { ...info, rationale: "", decided: "none" } },
    warnings: [...routed.warnings, { code: "PLANNER_FAILED", message: `The planner (${deps.agentName}) gave ${why}; the router's plan stands` }],
  };
}

function keepPlannerText(base: string, text: AttemptText): void {
  if (text.prompt !== undefined) writePrivate(`${base}.prompt.md`, text.prompt);
  if (text.output !== undefined) writePrivate(`${base}.output.md`, redact(text.output));
}
