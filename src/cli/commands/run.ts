import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Option } from "commander";
import type { CliContext } from "../main.js";
import type { Store } from "../../store/types.js";
import type { Plan } from "../../plan/types.js";
import type { SpecTree } from "../../spec/types.js";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import type { Config } from "../../config/schema.js";
import { tuneForListedRun, tuneForModules, tuneForRun } from "../heap.js";
import { RunLock } from "../../run/lock.js";
import { specTextLifetime } from "../../run/spec-text-lifetime.js";
import { StartInterrupt } from "../interrupt.js";
import { emptyPlan } from "../empty-plan.js";
import { overrides, runFlags, sharedConflict, workspaceFlags, type RunFlags } from "./run-flags.js";
import { agentMissing, announceGates, announceOwnCommands, announceSandbox, announceValidation, checkAgent, checkQueue, showPlanner } from "./run-announce.js";
import { drive } from "./run-drive.js";

export function registerRun(program: Command, ctx: CliContext): void {
  const command = program
    .command("run")
    .description("plan the request and run agents on its modules: parallel, validated, checkpointed")
    .argument("<request>", 'what to do, e.g. "implement system"')
    .addOption(new Option("-t, --type <type>", "task type, instead of detecting it").choices([...TASK_TYPES]))
    .option("-l, --log <path>", "an error log whose stack traces decide the scope (debug); default: a log the request names")
    .option("--scope <scope>", "scope, instead of reading it from the request: system, layer/<id> or module/<id>[,module/<id>...]")
    .option("-y, --yes", "run every module without asking when the request matched no module (needed without a terminal)")
    .option("--planner", "let a planner model split the request into per-module tasks first (config `planner`, else the run's model agent)")
    .option("--no-planner", "run without the planner model even when the config names one")
    .option("--include-dirty", "isolated runs: commit the checkout's uncommitted changes to the integration branch first (default: the run starts from HEAD without them)");
  runFlags(command, "config `queue.url`")
    .option("--no-queue", "run attempts in this process even when the config names a queue (`queue.url`)")
    .action(async (request: string, flags: StartFlags) => {
      tuneForRun();
      const early = new StartInterrupt(flags.json ? process.stderr : process.stdout, "no run was recorded; run the command again to start it");
      try {
        ctx.exitCode = await startRun(request, flags, early);
      } finally {
        early.dispose();
      }
    });

  const resume = program
    .command("resume")
    .description("continue the latest unfinished run (or RUN) without redoing finished modules")
    .argument("[run]", "run id (default: the latest unfinished run)");
  runFlags(resume, "the run's own queue, else config `queue.url`")
    .option(
      "--no-queue",
      "a queued run: go on in this process as an unqueued run does (its Redis gone for good, say), in the isolation it started with; first its jobs left on the queue are withdrawn (their workers told to stop), or, Redis not answering, a warning names the modules whose jobs workers may still hold",
    )
    .action(async (runId: string | undefined, flags: RunFlags) => {
      tuneForRun();
      const early = new StartInterrupt(flags.json ? process.stderr : process.stdout, "the run is as it was; `orchestrate resume` continues it");
      try {
        ctx.exitCode = await resumeRun(runId, flags, early);
      } finally {
        early.dispose();
      }
    });
}

type StartFlags = RunFlags & { log?: string; scope?: string; yes?: boolean; planner?: boolean };

/** A new run: route the request, plan it (with the planner model when asked), check the agent, drive it. Returns the exit code. */
async function startRun(request: string, flags: StartFlags, early: StartInterrupt): Promise<number> {
  const out = flags.json ? process.stderr : process.stdout;
  // Ctrl-C before the run started: said by `early` at once; here, at the next step, the run is not started.
  const stopped = () => {
    if (!early.interrupted) return false;
    out.write(early.stoppedLine());
    return true;
  };
  // Bad flags are said before the tree is read, and before any line.
  const given = overrides(flags);
  const [{ loadSpec, saveSpecCache, forgetTextMemos }, { openOrchestrator }, { confirmFallback }, { withPlanner }] = await Promise.all([import("../../spec/load.js"), import("../../workflows/open.js"), import("../confirm.js"), import("../../planner/index.js")]);
  if (stopped()) return 130;
  // The last run of this tree and request kept both: neither is loaded or planned again.
  const recalled = await recalledRun(request, flags);
  const spec = recalled?.tree ?? loadSpec(flags.project, { cache: true, listed: tuneForListedRun });
  const routed = recalled?.plan ?? (await routedPlan(spec, request, flags));
  const empty = emptyPlan("run", spec, routed);
  if (empty) throw empty;
  tuneForModules(routed.modules.length);
  // The run's agent and config are checked before the planner spends anything.
  // A queued run's Redis and remote are asked before the store is made: a queue not there leaves no .orchestrate/ behind.
  const { orchestrator, store, options, validation, config, file } = await openOrchestrator(spec.root, given, {
    spec,
    workspace: workspaceFlags(flags),
    preflight: (o) => {
      // The config's `isolation: shared` (a flag's was judged with the other flags).
      const shared = sharedConflict(flags, o.isolation, "orchestrate.config.yaml");
      return shared ? Promise.reject(shared) : checkQueue(o, spec.root);
    },
  });
  let plan = routed;
  try {
    // Another live run is said first and alone: before the planner spends anything and before the sandbox and validation lines.
    new RunLock(store).check();
    if (stopped()) return closed(store, 130);
    plan = await withPlanner(spec, routed, { ...(flags.planner !== undefined ? { planner: flags.planner } : {}), overrides: given, typeGiven: flags.type !== undefined, store, config: { config, ...(file ? { file } : {}) }, signal: early.signal });
    if (stopped()) return closed(store, 130);
    await showPlanner(plan, flags);
    // `process.stdin` is made only to ask: making it costs 6-20 ms (Node sets up a stream on the file, pipe or terminal), and few runs ask.
    await confirmFallback(plan, options.agent, flags.yes === true, { get input() { return process.stdin; }, output: process.stderr });
    await checkAgent(spec.root, options.agent, config, flags);
    // Kept as loaded (before the run lets its texts go) for the next run of the same tree: see recalledRun.
    if (!recalled) await keepRunTree(spec);
    saveSpecCache(spec);
    forgetTextMemos();
    // A module read from a misspelled word is said however the run was allowed (`--yes`, simulate).
    for (const w of plan.warnings) if (w.code === "SCOPE_SPELLING") out.write(`scope: ${w.message}\n`);
    // Loaded only when something asks: the gates' line, or claude-code's (a read-only run's attempts have no Bash).
    const readOnly = options.agent === "claude-code" || !validation.none ? (await import("../../workflows/registry.js")).workflows()(plan.analysis.type).readOnly : false;
    await announceSandbox(options, flags, spec.root, { section: config.claudeCode, readOnly });
    if (!validation.none && !readOnly) await announceGates(spec.root, config, flags);
    await announceOwnCommands(spec.root, config, options, flags, plan.analysis.type === "optimize");
    await announceValidation(validation, plan, plan.analysis.type === "optimize" ? (await import("../../workflows/optimize.js")).unmeasuredNotice(plan, config.optimize) : undefined, flags);
    if (stopped()) return closed(store, 130);
  } catch (error) {
    store.close();
    throw error;
  }
  const replayDir = options.simulate.replayDir ?? "recorded";
  if (options.agent === "simulate" && !existsSync(join(spec.root, replayDir))) {
    // The default agent changes nothing without recordings: say so rather than let "done" mislead.
    process.stderr.write(`orchestrate: agent \`simulate\` is an offline preview and the project has no ${replayDir}/ folder to replay, so modules will be done without changes; set \`agent\` in orchestrate.config.yaml (or --agent) to run a real one\n`);
  }
  // The spec texts are let go as the run quotes them, not held to its end (34 MB at 10,000 modules).
  orchestrator.on(specTextLifetime(plan, store, spec));
  return drive(orchestrator, store, flags, (o) => o.run(plan), spec.root, early);
}

/** `resume`: the latest unfinished run, or `runId`. Returns the exit code. */
async function resumeRun(runId: string | undefined, flags: RunFlags, early: StartInterrupt): Promise<number> {
  // Flags that cannot go together are said before anything is read.
  const given = overrides(flags);
  const [{ findProjectRoot }, { openOrchestrator }] = await Promise.all([import("../../spec/load.js"), import("../../workflows/open.js")]);
  const root = findProjectRoot(flags.project);
  // No store, no run: said without making one (`resume nope` left an empty .orchestrate/ behind).
  if (!existsSync(join(root, ".orchestrate", "state.db"))) throw (await import("../../run/recover.js")).noRun(runId);
  // Nothing to resume is said first, not after lines about a run that will not start; a queued run goes on on its queue (unless --no-queue).
  const queued = flags.queue === false ? undefined : await resumeQueueOf(root, runId, flags);
  const { orchestrator, store, options, config } = await openOrchestrator(root, { ...given, ...(queued?.queue ? { queue: queued.queue } : {}) }, { workspace: workspaceFlags(flags) });
  try {
    const { resumeTarget, attemptsLeft } = await import("../../run/recover.js");
    const run = resumeTarget(store, runId);
    // A resumed run keeps the isolation it started with: a shared one's `--apply` would do nothing without a word.
    const shared = sharedConflict(flags, store.getWorkspace(run.id)?.isolation, `run ${run.id} started with it`, true);
    if (shared) throw shared;
    // A live coordinator is refused before its jobs could be taken from it.
    new RunLock(store).check();
    // Only gates and the docs left: no attempt will run, so the agent's login or key is not asked for;
    // a failing layer gate's fix round then stops the run, resumable, rather than start attempts bound to fail.
    if (attemptsLeft(store, run)) await checkAgent(root, options.agent, config, flags);
    else if (!options.queue) {
      const missing = agentMissing(options.agent, config);
      if (missing) orchestrator.withoutAgent(missing);
    }
    await checkQueue(options, root);
    await announceSandbox(options, flags, root, { section: config.claudeCode });
    await announceGates(root, config, flags);
    await announceOwnCommands(root, config, options, flags, run.plan.analysis.type === "optimize");
    if (flags.queue === false) await withdrawQueued(store, run, config, flags);
  } catch (error) {
    store.close();
    throw error;
  }
  if (early.interrupted) {
    (flags.json ? process.stderr : process.stdout).write(early.stoppedLine());
    return closed(store, 130);
  }
  return drive(orchestrator, store, flags, (o) => o.resume(runId), root, early);
}

/**
 * The queue `resume` runs `runId` (or the latest unfinished run) on: `--queue` and `--queue-remote`,
 * else the run's own (as its record keeps it), else the config's. Undefined when the project has
 * no store yet (the resume then finds no run). A run whose Redis password is not kept, and not
 * given again, is refused with the line that says what to pass.
 */
async function resumeQueueOf(root: string, runId: string | undefined, flags: RunFlags): Promise<{ queue?: { url?: string; remote?: string } } | undefined> {
  const [{ openExistingStore }, { queueToResume }] = await Promise.all([import("../../store/open.js"), import("../../run/resume-queue.js")]);
  const store = openExistingStore(root);
  if (!store) return undefined;
  const given = { ...(flags.queue ? { url: flags.queue } : {}), ...(flags.queueRemote ? { remote: flags.queueRemote } : {}) };
  try {
    return await queueToResume(store, runId, given, async () => (await (await import("../../config/kept.js")).loadKeptConfig(root)).config.queue);
  } finally {
    store.close();
  }
}

/**
 * `resume --no-queue` of a queued run: its jobs left on its queue withdrawn before this process runs
 * their modules (said in a line), or, its Redis not answering, a warning naming the modules whose jobs
 * workers may still hold. Refused while a live worker will not give a job up.
 */
async function withdrawQueued(store: Store, run: { id: string; options: string }, config: Config, flags: RunFlags): Promise<void> {
  const { withdrawForLocal } = await import("../../queue/withdraw.js");
  const said = await withdrawForLocal(store, run.id, run.options, config.queue);
  if (said.line) (flags.json ? process.stderr : process.stdout).write(`${said.line}\n`);
  if (said.warning) process.stderr.write(`orchestrate: warning: ${said.warning}\n`);
}

/** What routes a run's request besides its text: a log given is read by planning, so such a plan is never kept. */
function planOptions(flags: StartFlags): { type?: TaskType; log?: string; scope?: string } {
  return { ...(flags.type ? { type: flags.type } : {}), ...(flags.log ? { log: flags.log } : {}), ...(flags.scope !== undefined ? { scope: flags.scope } : {}) };
}

/**
 * The tree and the request's plan as the last run of them kept them (spec/tree-recall.ts), while
 * no spec or owned folder changed: a run of 1,000 modules then reads back its tree rather than
 * loading its kept specs (about 100 -> 20 ms of CPU). Undefined otherwise: the tree is loaded.
 */
async function recalledRun(request: string, flags: StartFlags): Promise<{ tree: SpecTree; plan: Plan } | undefined> {
  if (flags.log !== undefined) return undefined;
  const [{ runPlanName, planFromKept }, { recallTree }] = await Promise.all([import("../run-plan-memo.js"), import("../../spec/tree-recall.js")]);
  const found = recallTree(flags.project, runPlanName({ request, ...planOptions(flags) }), tuneForListedRun);
  const plan = found && planFromKept(found.value, found.tree);
  return plan ? { tree: found!.tree, plan } : undefined;
}

/** Keeps a loaded tree whose run plan is kept, for `recalledRun`; a tree too large for that keeps none, and one kept before goes. */
async function keepRunTree(spec: SpecTree): Promise<void> {
  const [{ keepsRunPlan }, { forgetTree, keepTree }] = await Promise.all([import("../run-plan-memo.js"), import("../../spec/tree-recall.js")]);
  if (keepsRunPlan(spec)) keepTree(spec);
  else forgetTree(spec.root);
}

/**
 * The request's plan for the loaded tree: the one `plan` (or an earlier run) kept for this
 * tree and request (cli/run-plan-memo.ts) when there is one, else made now and kept for the next.
 */
async function routedPlan(spec: SpecTree, request: string, flags: StartFlags): Promise<Plan> {
  const options = planOptions(flags);
  const [{ runPlanName, planFromKept, keptPlanOf, keepsRunPlan }, { keptDerived, keepDerived }] = await Promise.all([import("../run-plan-memo.js"), import("../../spec/load.js")]);
  // A log given is read by planning: such a plan is made each time.
  const name = flags.log === undefined && keepsRunPlan(spec) ? runPlanName({ request, ...options }) : undefined;
  const kept = name === undefined ? undefined : planFromKept(keptDerived(spec, name), spec);
  if (kept) return kept;
  const routed = (await import("../../plan/request.js")).planRequest(spec, request, options);
  const bytes = name === undefined ? undefined : keptPlanOf(routed);
  if (name !== undefined && bytes) keepDerived(spec, name, bytes);
  return routed;
}

function closed(store: Store, code: number): number {
  store.close();
  return code;
}

