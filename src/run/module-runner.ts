import { existsSync } from "node:fs";
import { commitSubject } from "./commit-subject.js";
import type { PlanModule } from "../plan/types.js";
import type { AttemptEnd, ModuleState } from "../store/types.js";
import { WorkspaceError, type Worktree } from "../workspace/index.js";
import type { GateResult } from "../validate/types.js";
import { WORKSPACE_CHECK } from "./base-gate.js";
import { NO_USAGE } from "../agents/types.js";
import type { RunContext } from "./context.js";
import type { AttemptPlan } from "./workflow.js";
import { promptPathOf, runAttempt, type AttemptOutcome, type EarlierWork } from "./attempt.js";
import { gatePending, workBack } from "./regate.js";
import { recordProcess } from "./orphans.js";
import { queuedAttempt } from "./queued-attempt.js";
import { failure } from "./failure.js";
import { carried, carriedFromStore, carriedNote } from "./carry.js";
import { buildContext, DEFAULT_PROMPT_TOKENS, type PromptContext } from "../prompt/context.js";
import { extend } from "../extend.js";
import { describeStrays, strayFiles } from "./ownership.js";
import { brokenElsewhere } from "./broken-elsewhere.js";

export type { AttemptPlan } from "./workflow.js";

type SlotPlan = AttemptPlan & { previousError?: string; carryPrevious?: boolean; onFailure: ModuleState; onSuccess?: ModuleState; work?: EarlierWork };

/** Runs a module to done or failed: attempts until one passes its checks or the retries are spent. */
export async function runModule(ctx: RunContext, module: PlanModule, plan: AttemptPlan): Promise<void> {
  // A module with no attempt yet (every module of a new run) has no earlier failures to read.
  const all = ctx.attempts.get(module.id) ? ctx.store.getAttempts(ctx.runId, module.id) : [];
  // Since the last attempt of the kind that ended well: an optimize attempt is not the retry of its benchmark's failed one.
  const ofKind = all.filter((a) => a.kind === plan.kind);
  const earlier = ofKind.slice(ofKind.findLastIndex((a) => a.state === "done") + 1);
  let failures = earlier.filter((a) => a.state === "failed").length;
  const lastFailed = earlier.findLast((a) => a.state === "failed");
  let previousError = lastFailed?.error;
  // Resumed: the retry goes on from the failed attempt's work as the killed process's would have.
  let carryPrevious = lastFailed ? carriedFromStore(ctx.store, ctx.runId, module.id, lastFailed.n) : false;
  // Resumed after a stop during its gate: the agent's work is kept, and only its gate runs again.
  let work = gatePending(all, plan.kind, plan.readOnly);

  while (!ctx.halted()) {
    const overBudget = ctx.budget.moduleExceeded(module.id);
    if (overBudget) {
      ctx.setState(module, "failed", overBudget);
      ctx.hooks.afterModule?.(ctx.runId, module, "failed", ctx.plan.request);
      return blockDependents(ctx, module.id);
    }
    const onFailure: ModuleState = failures >= ctx.options.retries ? "failed" : "pending";
    const made = await attemptOnce(ctx, module, extend(plan, { ...(previousError ? { previousError, carryPrevious } : {}), onFailure, ...(work ? { work } : {}) }));
    if (!made) break;
    work = undefined;
    const { outcome, state } = made;
    if (state === "done" || state === "failed") ctx.hooks.afterModule?.(ctx.runId, module, state, ctx.plan.request);
    if (state === "failed") return blockDependents(ctx, module.id);
    if (state === "done" || outcome.cancelled) return;
    failures++;
    previousError = outcome.failure?.message;
    carryPrevious = carried(outcome.failure?.code);
  }
  // Halted before the module's next attempt: it waits for `resume`.
  ctx.scheduler.set(module.id, "pending");
}

/**
 * One attempt, checkpointed: started and finished in one transaction each, the
 * module left `done`, `pending` (cancelled), or `onFailure` when it failed.
 * It waits for one of the run's agent slots and starts nothing once the run is
 * halted (stopping, or over budget): then it returns undefined.
 */
export async function attemptOnce(ctx: RunContext, module: PlanModule, plan: SlotPlan): Promise<{ outcome: AttemptOutcome; state: ModuleState } | undefined> {
  const release = await ctx.slots.acquire();
  try {
    if (ctx.halted()) return undefined;
    return await attemptInSlot(ctx, module, plan);
  } finally {
    release();
  }
}

async function attemptInSlot(ctx: RunContext, module: PlanModule, plan: SlotPlan): Promise<{ outcome: AttemptOutcome; state: ModuleState }> {
  const { store, runId, agent } = ctx;
  const { kind } = plan;
  const n = (ctx.attempts.get(module.id) ?? 0) + 1;
  const key = `${module.id}#${n}`;
  const promptPath = promptPathOf(ctx.paths, runId, module.id, n);
  // The events first and the one write last: the store needs no savepoint to keep them together (Store.batch's `single`).
  ctx.batch(() => {
    ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "running", attempt: n });
    ctx.emit({ type: "attempt:start", runId, moduleId: module.id, attempt: n, kind, agent: agent.name, promptPath, ...(plan.work ? { regate: plan.work.n } : {}) });
    store.startAttempt(runId, module.id, { kind, agent: agent.name, promptPath, at: ctx.now() });
  }, { single: true });
  ctx.attempts.set(module.id, n);
  ctx.scheduler.set(module.id, "running");

  // Isolated: the attempt works in its own worktree of the integration head, which holds its dependencies' work.
  let tree: Worktree | undefined;
  let outcome: AttemptOutcome;
  let others = 0;
  // Queued (src/queue): a worker elsewhere runs it from the integration head and pushes its commit, fetched here.
  const queued = ctx.executor ? await queuedAttempt(ctx, module, plan, n, key, promptPath) : undefined;
  if (queued) outcome = queued;
  else {
    let failed: AttemptOutcome | undefined;
    try {
      tree = ctx.isolation ? await ctx.isolation.open(runId, module.id, n, ctx.signal) : undefined;
    } catch (error) {
      failed = workspaceFailed(ctx, promptPath, error);
    }
    outcome = failed ?? (await agentAttempt(ctx, module, await withWork(ctx, module.id, plan, n, tree), n, key, tree, (o) => (others = o)));
  }

  const filesUnknown = tree || queued ? undefined : unknownFiles(outcome, others);
  if (filesUnknown) outcome = { ...outcome, filesChanged: [] };
  ctx.budget.settle(key, module.id, outcome.usage);
  if (outcome.ok && plan.verify) {
    const problem = await plan.verify(outcome);
    if (problem) outcome = { ...outcome, ok: false, failure: failure("VERIFY_FAILED", problem) };
  }
  if (!outcome.ok) outcome = brokenElsewhere(ctx, module.id, outcome, tree?.dir ?? ctx.paths.root);
  if (outcome.ok && !plan.readOnly) outcome = checkOwnership(ctx, module, n, outcome);
  // The attempt's changes are exactly its worktree's: what it committed, merged before the module is done.
  if (tree && !plan.readOnly && outcome.ok) outcome = await land(ctx, module, n, tree, outcome, plan);
  if (tree && plan.readOnly && outcome.ok) {
    // Its worktree's status is exact, where the snapshot skips folders (dist/, node_modules/): any change fails it.
    const changed = await ctx.isolation!.changes(tree);
    if (changed.length) outcome = { ...outcome, ok: false, filesChanged: changed, failure: failure("READ_ONLY_CHANGED", `read-only attempt changed ${changed.length} file${changed.length === 1 ? "" : "s"}: ${changed.join(", ")}`) };
  }
  if (queued && outcome.ok && !plan.readOnly) outcome = await land(ctx, module, n, { commit: queued.commit, files: queued.files ?? [] }, outcome, plan);

  const state: ModuleState = outcome.ok ? (plan.onSuccess ?? "done") : outcome.cancelled ? "pending" : outcome.failure?.retryable === false ? "failed" : plan.onFailure;
  const reason = outcome.ok || outcome.cancelled ? undefined : state === "failed" ? `failed after attempt ${n}` : `attempt ${n} failed; retrying`;
  // A module waiting for its retry stays `running` to the scheduler, which would otherwise hand it out again.
  ctx.scheduler.set(module.id, state === "pending" && !outcome.cancelled && !outcome.ok ? "running" : state);
  const merged = outcome.merge;
  ctx.batch(() => {
    if (merged) ctx.emit({ type: "merge", runId, moduleId: module.id, attempt: n, ...merged });
    if (outcome.gate) ctx.emit({ type: "gate", runId, result: outcome.gate });
    ctx.emit({ type: "attempt:end", runId, moduleId: module.id, attempt: n, ok: outcome.ok, ...(outcome.cancelled ? { cancelled: true } : {}), ...(outcome.failure ? { error: outcome.failure.message, failure: outcome.failure.code, retryable: outcome.failure.retryable } : {}), durationMs: outcome.durationMs, usage: outcome.usage, summary: outcome.summary, ...(filesUnknown ? { filesUnknown } : {}), ...(outcome.worker ? { worker: outcome.worker } : {}) });
    ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state, attempt: n, ...(reason ? { reason } : {}) });
    store.finishAttempt(runId, module.id, n, attemptEnd(ctx, outcome), state, reason);
    if (merged?.into) store.finishMerge(runId, module.id, n, "merged", merged.into);
  }, { single: !merged?.into });
  if (tree) await ctx.isolation!.close(tree, outcome.ok || plan.readOnly ? undefined : ctx.paths.attempt(runId, module.id, n, ".diff")).catch((error: unknown) => ctx.emit({ type: "warning", runId, message: `${module.id}: its worktree could not be removed: ${(error as Error).message}` }));
  return { outcome, state };
}

/**
 * What a retry in a new worktree is told of its failed attempt's changes, which that worktree
 * (made from the integration head) does not hold: carried into it, or where they are kept.
 */
async function previousWork(ctx: RunContext, moduleId: string, n: number, tree: Worktree, carry: boolean): Promise<string | undefined> {
  const patch = ctx.paths.attempt(ctx.runId, moduleId, n - 1, ".diff");
  if (carry && (await ctx.isolation!.carry(tree, patch))) return carriedNote(n - 1);
  if (!existsSync(patch)) return undefined;
  return `Attempt ${n - 1}'s changes are not in your workspace, which starts again from the run's integration branch; they are kept as a patch in ${patch}.`;
}

/** What the attempt starts from in its worktree: the earlier work its gate runs on (`work`), else a failed attempt's work (`previousWork`). */
async function withWork(ctx: RunContext, moduleId: string, plan: SlotPlan, n: number, tree: Worktree | undefined): Promise<SlotPlan> {
  const { work } = plan;
  const lost = work ? await workBack(ctx, moduleId, work, tree) : undefined;
  if (work && !lost) return plan;
  if (work) ctx.emit({ type: "warning", runId: ctx.runId, message: `${moduleId}: attempt ${work.n}'s work cannot be gated again (${lost}): attempt ${n} runs the agent again` });
  const { work: _, ...rest } = plan;
  const note = tree && plan.previousError && !plan.readOnly ? await previousWork(ctx, moduleId, n, tree, plan.carryPrevious === true) : undefined;
  return note ? { ...rest, vars: { ...plan.vars, previousWork: note } } : rest;
}

/** The agent's part of an attempt: prompt, agent and module gate, in `cwd` (its worktree) or the project. */
async function agentAttempt(ctx: RunContext, module: PlanModule, plan: AttemptPlan & { previousError?: string; work?: EarlierWork }, n: number, key: string, tree: Worktree | undefined, setOthers: (others: number) => void): Promise<AttemptOutcome> {
  const { store, runId, agent } = ctx;
  const cwd = tree?.dir;
  // The gate alone (an earlier attempt's work) has no prompt to build.
  const context = plan.work ? undefined : promptContext(ctx, module, cwd);
  const mcpServers = ctx.hooks.mcpServersFor?.(module, runId);
  // A read-only attempt changes nothing (a change fails it), so it is no writer; neither is one in its own worktree.
  const endWriting = plan.readOnly || cwd ? () => 0 : ctx.writers.begin();
  const validateModule = ctx.hooks.validateModule;
  const spec = module.specDigest && module.specText !== undefined ? { digest: module.specDigest, text: module.specText } : undefined;
  try {
    return await runAttempt(
      {
        runId,
        request: ctx.plan.request,
        module,
        n,
        kind: plan.kind,
        timeoutMs: ctx.options.timeoutMs,
        ...(plan.previousError ? { previousError: plan.previousError } : {}),
        ...(context ? { context: context.vars } : {}),
        ...(plan.work ? { work: plan.work } : {}),
        ...(mcpServers ? { mcpServers } : {}),
        ...(plan.readOnly ? { readOnly: true } : {}),
        ...(plan.template ? { template: plan.template } : {}),
        ...(plan.vars ? { vars: plan.vars } : {}),
      },
      {
        paths: ctx.paths,
        ...(cwd ? { cwd } : {}),
        agent,
        signal: ctx.signal,
        now: ctx.now,
        emit: (event) => {
          if (event.type === "agent" && event.event.type === "process") return recordProcess(store, { runId, moduleId: module.id, n, now: ctx.now() }, event.event);
          if (event.type === "agent" && event.event.type === "usage") {
            ctx.budget.update(key, module.id, event.event.usage);
            ctx.halted();
          }
          ctx.emit(event);
        },
        // In the project, the gate reads through the run's stats; a worktree is the attempt's own.
        ...(validateModule ? { validate: async (m: PlanModule, signal: AbortSignal) => {
          if (!tree) return validateModule(m, signal, undefined, ctx.files);
          // The work kept first: what the gate adds in the worktree (`target/`, `.pytest_cache/`) is not the attempt's; what it changes in the work's files (`Cargo.lock`) is, once it passed.
          const lost = await ctx.isolation!.beforeGate(tree).then(() => undefined, (error: unknown) => {
            if (error instanceof WorkspaceError) return error;
            throw error;
          });
          return lost ? worktreeLost(m.id, lost) : validateModule(m, signal, tree.dir);
        } } : {}),
        stats: ctx.files,
        keepText: (text) => store.keepAttemptText(runId, module.id, n, text, spec),
        onValidating: (agentUsage, said) => {
          store.setModuleState(runId, module.id, "validating", ctx.now());
          ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "validating", attempt: n, agentUsage, ...(said.summary ? { agentSummary: said.summary } : {}), ...(said.filesChanged.length ? { agentFiles: said.filesChanged } : {}) });
        },
      },
    );
  } finally {
    setOthers(endWriting());
  }
}

/**
 * Commits a passing attempt's worktree and merges it into the integration branch before
 * the module is done (so its dependents start from a head that holds it). A conflict fails
 * the attempt with the files and hunks; the retry starts from the new head.
 */
async function land(ctx: RunContext, module: PlanModule, n: number, work: Worktree | { commit?: string | undefined; files: string[] }, outcome: AttemptOutcome, plan: AttemptPlan & { onSuccess?: ModuleState }): Promise<AttemptOutcome> {
  const message = `${module.id}: ${commitSubject(outcome.summary) || plan.kind}\n\nRequest: ${ctx.plan.request}\nRun: ${ctx.runId}, attempt ${n} (${plan.kind})`;
  const done = { ...outcome, filesSource: "own" as const };
  try {
    const payload = { end: attemptEnd(ctx, done), state: plan.onSuccess ?? "done" };
    // A worker's attempt arrives as its commit (fetched from the queue's remote); a local one as its worktree, committed here.
    const landed = "path" in work ? await ctx.isolation!.land(work, ctx.runId, module.id, n, message, payload) : await ctx.isolation!.landCommit(work.commit, work.files, ctx.runId, module.id, n, message, payload);
    // Said, as it is committed: the tree the gate passed holds it, though the agent did not write it.
    if (landed.gate) ctx.emit({ type: "warning", runId: ctx.runId, message: `${module.id}: its gate changed ${landed.gate.join(", ")}, committed with attempt ${n}'s work (the files as the gate passed them)` });
    if (!landed.commit) return { ...done, filesChanged: [] };
    if (landed.ok) return { ...done, filesChanged: landed.files, merge: { ok: true, commit: landed.commit, files: landed.files, ...(landed.into ? { into: landed.into } : {}) } };
    return { ...done, ok: false, filesChanged: landed.files, failure: failure("MERGE_CONFLICT", landed.conflict), merge: { ok: false, commit: landed.commit, files: landed.files, conflict: landed.conflict } };
  } catch (error) {
    return { ...done, ok: false, failure: failure("WORKSPACE_FAILED", `the attempt's work could not be merged: ${(error as Error).message}`) };
  }
}

/**
 * Files the passing attempt changed that its module does not own: an `ownership` event (the run's
 * warning line, `status`, `report`), and with `ownership: fail` a failed attempt whose retry is told which files to leave.
 */
function checkOwnership(ctx: RunContext, module: PlanModule, n: number, outcome: AttemptOutcome): AttemptOutcome {
  const check = ctx.hooks.ownership;
  const strays = check ? strayFiles(module.id, module.files, outcome.filesChanged, check) : undefined;
  if (!check || !strays) return outcome;
  const failed = check.mode === "fail" && strays.others.length > 0;
  ctx.emit({ type: "ownership", runId: ctx.runId, moduleId: module.id, attempt: n, ...strays, ...(failed ? { failed } : {}) });
  if (!failed) return outcome;
  const message = `${describeStrays(module.id, strays.others)}: config \`ownership: fail\` allows changes to the module's own files only; leave the other modules' files as they were`;
  return { ...outcome, ok: false, failure: failure("OWNERSHIP", message) };
}

/** What the store keeps of an attempt's end. */
function attemptEnd(ctx: RunContext, outcome: AttemptOutcome): AttemptEnd {
  return {
    state: outcome.ok ? "done" : outcome.cancelled ? "cancelled" : "failed",
    summary: outcome.summary,
    ...(outcome.failure ? { error: outcome.failure.message } : {}),
    filesChanged: outcome.filesChanged,
    usage: outcome.usage,
    ...(outcome.gate ? { gates: outcome.gate } : {}),
    ...(outcome.worker ? { worker: outcome.worker } : {}),
    endedAt: ctx.now(),
  };
}

/** An attempt whose worktree could not be made: no agent ran. */
function workspaceFailed(ctx: RunContext, promptPath: string, error: unknown): AttemptOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, cancelled: ctx.signal.aborted, failure: failure("WORKSPACE_FAILED", message), summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE }, promptPath, durationMs: 0, cwd: ctx.paths.root };
}

/** The module gate of an attempt whose worktree could not keep its work (deleted under it, a full disk): a failed check, so the attempt fails and its retries apply. */
function worktreeLost(moduleId: string, error: WorkspaceError): GateResult {
  return { level: "module", target: moduleId, ok: false, durationMs: 0, checks: [{ name: WORKSPACE_CHECK, kind: "command", blocking: true, ok: false, message: error.message.split("\n")[0]!, output: error.message, durationMs: 0 }] };
}

/**
 * Why the files this attempt changed cannot be known, when they cannot: the agent could
 * not tell, or it diffed the shared tree while other attempts changed it too. Then the
 * record lists none rather than other modules' files (workspaces per attempt will make it exact).
 */
function unknownFiles(outcome: AttemptOutcome, others: number): string | undefined {
  if (outcome.filesSource === "unknown") return "the agent cannot tell without git";
  if (outcome.filesSource === "tree" && others > 0) return `${others} other attempt${others === 1 ? "" : "s"} changed the same working tree meanwhile`;
  return undefined;
}

/** The attempt's spec, task, dependency interfaces and memories, within the configured token budget. */
export function promptContext(ctx: Pick<RunContext, "paths" | "plan" | "byId" | "hooks" | "options" | "files">, module: PlanModule, dir?: string): PromptContext {
  const { plan } = ctx;
  // The run's stats are of the project's files; an attempt's worktree is read afresh.
  const stats = dir === undefined ? ctx.files : undefined;
  return buildContext({ root: dir ?? ctx.paths.root, module, request: plan.request, modules: ctx.byId, external: plan.external, memoriesFor: ctx.hooks.memoriesFor, memoriesOf: ctx.hooks.memoriesOf, maxTokens: ctx.options.prompt?.maxTokens ?? DEFAULT_PROMPT_TOKENS, agentReads: ctx.options.prompt?.agentReads, gates: ctx.hooks.gateCommands?.(module), stats });
}

export function blockDependents(ctx: RunContext, failed: string): void {
  for (const { id, reason } of ctx.scheduler.blockedBy(failed)) ctx.setState(ctx.byId.get(id)!, "blocked", reason);
}
