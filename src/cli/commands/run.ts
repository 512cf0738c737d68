import type { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Option } from "commander";
import type { CliContext } from "../main.js";
import type { RunSummary } from "../../run/orchestrator.js";
import type { Orchestrator } from "../../run/orchestrator.js";
import type { Store } from "../../store/types.js";
import type { Plan } from "../../plan/types.js";
import type { SpecTree } from "../../spec/types.js";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import type { Overrides } from "../../run/project.js";
import type { RunOptions } from "../../config/options.js";
import type { ValidationPlan } from "../../validate/discover.js";
import type { ClaudeCodeRun } from "../render/sandbox.js";
import { ConfigError, UsageError } from "../../errors.js";
import type { Config } from "../../config/schema.js";
import { missingPrerequisite } from "../../agents/prerequisites.js";
import { MAX_TIMER_MS } from "../../timer.js";
import { tuneForListedRun, tuneForModules, tuneForRun } from "../heap.js";
import { RunLock } from "../../run/lock.js";
import { specTextLifetime } from "../../run/spec-text-lifetime.js";
import { StartInterrupt } from "../interrupt.js";
import { agentFlag } from "../agent-flag.js";
import { emptyPlan } from "../empty-plan.js";
import { baseGateLines, ownershipLine } from "../../report/found.js";

interface RunFlags {
  project: string;
  agent?: string;
  concurrency?: string;
  schedule?: "ready" | "waves";
  retries?: string;
  timeout?: string;
  type?: TaskType;
  json?: boolean;
  /** `--dashboard` alone is `true`: a free port. */
  dashboard?: string | true;
  isolation?: "worktree" | "shared";
  apply?: boolean;
  includeDirty?: boolean;
  keepWorktrees?: boolean;
  /** `--no-queue`: false. */
  queue?: string | false;
  queueRemote?: string;
}

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
  const spec = loadSpec(flags.project, { cache: true, listed: tuneForListedRun });
  const routed = await routedPlan(spec, request, flags);
  const empty = emptyPlan("run", spec, routed);
  if (empty) throw empty;
  tuneForModules(routed.modules.length);
  // The run's agent and config are checked before the planner spends anything.
  const { orchestrator, store, options, validation, config, file } = await openOrchestrator(spec.root, given, { spec, workspace: workspaceFlags(flags) });
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
    await checkQueue(options, spec.root);
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
  // Nothing to resume is said first, not after lines about a run that will not start; a queued run goes on on its queue (unless --no-queue).
  const queued = flags.queue === false ? undefined : await resumeQueueOf(root, runId, flags);
  const { orchestrator, store, options, config } = await openOrchestrator(root, { ...given, ...(queued?.queue ? { queue: queued.queue } : {}) }, { workspace: workspaceFlags(flags) });
  try {
    const { resumeTarget, attemptsLeft } = await import("../../run/recover.js");
    const run = resumeTarget(store, runId);
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

/**
 * The request's plan for the loaded tree: the one `plan` (or an earlier run) kept for this
 * tree and request (cli/run-plan-memo.ts) when there is one, else made now and kept for the next.
 */
async function routedPlan(spec: SpecTree, request: string, flags: StartFlags): Promise<Plan> {
  const options = { ...(flags.type ? { type: flags.type } : {}), ...(flags.log ? { log: flags.log } : {}), ...(flags.scope !== undefined ? { scope: flags.scope } : {}) };
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

/** What the planner model decided, before the modules start (progress's stream); its failure as a warning. */
async function showPlanner(plan: Plan, flags: RunFlags): Promise<void> {
  if (!plan.analysis.planner) return;
  const [{ renderPlanner }, { colorsFor }] = await Promise.all([import("../render/plan.js"), import("../style.js")]);
  const out = flags.json ? process.stderr : process.stdout;
  out.write(`${renderPlanner(plan, colorsFor(out)).join("\n")}\n`);
  for (const w of plan.warnings) if (w.code === "PLANNER_FAILED") process.stderr.write(`orchestrate: warning: ${w.message}\n`);
}

/** The first line of a run: where agent-issued commands run (progress's stream); a claude-code run whose Bash sandbox cannot start is refused. */
async function announceSandbox(options: RunOptions, flags: RunFlags, root: string, claudeCode: ClaudeCodeRun): Promise<void> {
  const { sandboxLine } = await import("../render/sandbox.js");
  const line = await sandboxLine(options, root, claudeCode);
  if (line) (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Where the gates' command checks run: `gates: bwrap (network off)`, or unconfined and why. */
async function announceGates(root: string, config: Config, flags: RunFlags): Promise<void> {
  const { gateConfinement } = await import("../../run/confinement.js");
  const { line } = await gateConfinement(root, config);
  (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
}

/**
 * Where the commands the run starts itself run, as gates' command checks do: `workspace.setup`
 * (with its own network, `workspace.network`) when worktrees are set up, an optimize run's benchmarks.
 */
async function announceOwnCommands(root: string, config: Config, options: RunOptions, flags: RunFlags, optimize: boolean): Promise<void> {
  const setup = options.workspace?.setup !== undefined && options.isolation !== "shared";
  if (!setup && !optimize) return;
  const { setupConfinement, benchConfinement } = await import("../../run/confinement.js");
  const out = flags.json ? process.stderr : process.stdout;
  if (setup) out.write(`${(await setupConfinement(root, config)).line}\n`);
  if (optimize) out.write(`${(await benchConfinement(root, config)).line}\n`);
}

/**
 * An agent that cannot work (no API key, Claude Code not installed or not logged in) is refused
 * before the run record exists, naming what is missing and where the agent was chosen.
 */
async function checkAgent(root: string, agent: string, config: Config, flags: RunFlags): Promise<void> {
  const missing = agentMissing(agent, config);
  if (!missing) return;
  if (flags.agent) throw new UsageError(`\`--agent ${flags.agent}\` (command line): ${missing}`);
  // Only on the way to an error: the config loader (zod, yaml) stays out of the CLI's start-up.
  const { loadConfig } = await import("../../config/load.js");
  const { file } = loadConfig(root);
  const text = file ? readFileSync(join(root, file), "utf8") : "";
  const line = text.split(/\r?\n/).findIndex((l) => /^["']?agent["']?\s*:/.test(l)) + 1;
  throw new ConfigError("CONFIG_INVALID", `\`agent: ${agent}\`: ${missing}`, { ...(file ? { file } : {}), key: "agent", ...(line > 0 ? { line } : {}) });
}

/** What `agent` lacks to run here (its login, its API key), from its config section and the environment. */
function agentMissing(agent: string, config: Config): string | undefined {
  const sections: Record<string, unknown> = { anthropic: config.anthropic, openai: config.openai, "claude-code": config.claudeCode };
  return missingPrerequisite(agent, sections[agent] as Record<string, unknown> | undefined);
}

/** A queued run's Redis and git remote, asked before the run is recorded: down, each module's attempt would fail in turn. */
async function checkQueue(options: RunOptions, root: string): Promise<void> {
  if (options.queue) await (await import("../../queue/preflight.js")).checkQueue(options.queue, root);
}

/** The run's next lines: what validates it (or that nothing does; the plan's modules' gates alone), and an optimize run's missing benchmarks. */
async function announceValidation(validation: ValidationPlan, plan: Plan, bench: { message: string } | undefined, flags: RunFlags): Promise<void> {
  const type = plan.analysis.type;
  const [{ validationLines }, { workflows }, { readOnlyValidation }] = await Promise.all([import("../render/validation.js"), import("../../workflows/registry.js"), import("../../run/workflow.js")]);
  const out = flags.json ? process.stderr : process.stdout;
  // A read-only run (analyze) runs no gate, whatever the project has.
  const lines = workflows()(type).readOnly ? readOnlyValidation(type).lines.map((l) => `validation: ${l}`) : validationLines(validation, new Set(plan.modules.map((m) => m.id)));
  for (const line of lines) out.write(`${line}\n`);
  if (bench) out.write(`benchmark: ${bench.message}\n`);
}

/** The flags `run` and `resume` share; `queueDefault`: where the queue comes from without `--queue`. */
function runFlags(command: Command, queueDefault: string): Command {
  return command
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("-a, --agent <name>", "agent: simulate, command, claude-code, anthropic, openai (default: config, else simulate)")
    .option("-c, --concurrency <n>", "modules running at once (default: config, else 4)")
    .addOption(new Option("-s, --schedule <policy>", "ready: start modules as soon as their dependencies are done; waves: barrier between waves").choices(["ready", "waves"]))
    .option("-r, --retries <n>", "extra attempts after a failed one (default: config, else 1)")
    .option("--timeout <ms>", "time limit of one attempt in ms (default: config, else 1800000)")
    .option("--json", "print the run's status as JSON at the end (progress goes to stderr)")
    .option("--dashboard [port]", "serve the live web dashboard on 127.0.0.1 while the run lasts (default port: a free one; the URL goes to stderr)")
    .addOption(new Option("--isolation <mode>", "worktree: each attempt in its own git worktree, merged into the branch orchestrate/<run> (default in a git repository); shared: all agents in the working tree; a resumed run keeps the isolation it started with").choices(["worktree", "shared"]))
    .option("--apply", "isolated runs: at the end, fast-forward (or merge) the integration branch into your branch when your checkout is clean")
    .option("--keep-worktrees", "isolated runs: keep each attempt's worktree and branch (under .orchestrate/worktrees/) for inspection; `orchestrate clean` removes them")
    .option("--queue <url>", `run attempts on \`orchestrate worker\` processes through Redis (redis://HOST:PORT) instead of in this process (default: ${queueDefault})`)
    .option("--queue-remote <git-url>", `queued runs: the git remote workers fetch from and push to (default: ${queueDefault.replaceAll("queue.url", "queue.remote")})`);
}

function workspaceFlags(flags: RunFlags & { includeDirty?: boolean }): { apply?: boolean; includeDirty?: boolean; keep?: boolean } {
  return { ...(flags.apply ? { apply: true } : {}), ...(flags.includeDirty ? { includeDirty: true } : {}), ...(flags.keepWorktrees ? { keep: true } : {}) };
}

function overrides(flags: RunFlags): Overrides {
  const o: Overrides = {};
  if (flags.agent) o.agent = agentFlag(flags.agent);
  if (flags.isolation) o.isolation = flags.isolation;
  // Commander's `conflicts` cannot tell `--no-queue` from `--queue URL`: both set `queue`.
  if (flags.queue === false && flags.queueRemote) throw new UsageError("Expected `--no-queue` (attempts in this process) or `--queue-remote` (a queued run's git remote), got both");
  if (flags.queue === false) o.queue = false;
  else if (flags.queue || flags.queueRemote) o.queue = { ...(flags.queue ? { url: flags.queue } : {}), ...(flags.queueRemote ? { remote: flags.queueRemote } : {}) };
  if (flags.schedule) o.schedule = flags.schedule;
  if (flags.concurrency !== undefined) o.concurrency = integer("--concurrency", flags.concurrency, 1);
  if (flags.retries !== undefined) o.retries = integer("--retries", flags.retries, 0);
  if (flags.timeout !== undefined) o.timeoutMs = integer("--timeout", flags.timeout, 1, MAX_TIMER_MS);
  // Served only once the run starts; its port is checked with the other flags.
  if (typeof flags.dashboard === "string") integer("--dashboard", flags.dashboard, 0, 65_535);
  return o;
}

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  const range = max === Number.MAX_SAFE_INTEGER ? `from ${min} up` : `from ${min} to ${max}`;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`Expected \`${flag}\` to be an integer ${range}, got \`${text}\``);
  return n;
}

/** What the documentation step wrote, and where the entries of modules that changed nothing went instead. */
function docsLines(written: string[], preview: string | undefined, already: string | undefined): string[] {
  const lines = written.length ? [`Docs: updated ${written.join(", ")}`] : [];
  if (already) lines.push(`Docs: ${already}`);
  if (preview) lines.push(`Docs preview: ${preview} (entries not written to the changelog or README: of modules that changed no file, or for a changelog or README that is not markdown)`);
  return lines;
}

/** Where an isolated run's work is and how to bring it in (or what `--apply` did). */
function workspaceLines(summary: RunSummary, flags: RunFlags): string[] {
  const ws = summary.workspace;
  if (!ws) return [];
  if (ws.removed) return [`Work: none committed, so branch ${ws.branch} was removed; your branch and working tree are untouched`];
  const lines = [`Work: branch ${ws.branch} (${ws.base.slice(0, 8)}..${ws.head.slice(0, 8)}); your branch and working tree are untouched`];
  if (ws.applied) lines[0] = `Work: branch ${ws.branch} (${ws.base.slice(0, 8)}..${ws.head.slice(0, 8)}): ${ws.applied.message}`;
  if (summary.state === "interrupted") return lines;
  if (ws.head === ws.base || ws.applied?.ok) return lines;
  // --apply was given and refused: its message says why; the merge command once, and no "next time: --apply".
  if (!ws.applied) lines.push(`Bring it in: git merge ${ws.branch}   (or next time: orchestrate run ... --apply${flags.project !== "." ? ` --project ${flags.project}` : ""})`);
  else if (!ws.applied.message.includes("git merge ")) lines.push(`Bring it in: git merge ${ws.branch}`);
  return lines;
}

/** A failed run's modules, and the command that shows a failure's whole error and output (the progress shows its first line only). */
function failedLine(store: Store, runId: string, flags: RunFlags): string {
  const failed = store.getModules(runId).filter((m) => m.state === "failed").map((m) => m.moduleId);
  if (failed.length === 0) return "";
  const shown = failed.length > 5 ? `${failed.slice(0, 5).join(", ")} and ${failed.length - 5} more` : failed.join(", ");
  const command = `orchestrate status ${runId} --output ${failed[0]!}${flags.project !== "." ? ` --project ${flags.project}` : ""}`;
  return `Failed: ${shown}. ${failed.length === 1 ? "Its" : "A module's"} last attempt's error and output: ${command}\n`;
}

/** Runs with progress and signal handling; returns the exit code: 0 done, 1 failed, 130 interrupted. */
async function drive(orchestrator: Orchestrator, store: Store, flags: RunFlags, start: (o: Orchestrator) => Promise<RunSummary>, root: string, early: StartInterrupt): Promise<number> {
  const { createProgress } = await import("../render/progress.js");
  const dashboard = flags.dashboard === undefined ? undefined : await serveDashboard(root, flags.dashboard, orchestrator);
  const out = flags.json ? process.stderr : process.stdout;
  const progress = createProgress(out, {});
  // What the user must know of the run's workspace, said once as it starts (before the live view draws): not a repository, uncommitted changes left out or committed.
  // Each writer flushes the progress lines held so far first (plain progress writes once a turn), so lines keep their order.
  orchestrator.on((e) => {
    if (e.type !== "workspace" || !e.note) return;
    progress.flush();
    out.write(`workspace: ${e.note}\n`);
  });
  orchestrator.on(progress.listener);
  let docs: string[] = [];
  orchestrator.on((e) => {
    if (e.type === "warning") {
      progress.flush();
      process.stderr.write(`orchestrate: warning: ${e.message}\n`);
    }
    if (e.type === "ownership" && e.others.length) {
      progress.flush();
      process.stderr.write(`orchestrate: warning: ${ownershipLine(e)}\n`);
    }
    if (e.type === "gate:base") {
      progress.flush();
      for (const line of baseGateLines(e)) out.write(`  ${line}\n`);
    }
    if (e.type === "docs" && e.state === "done") docs = docsLines(e.written ?? [], e.preview, e.already);
  });
  // Until the run starts (its lock, its workspace being set up) the progress says nothing of a signal: this line does.
  let started = false;
  let before = 0;
  orchestrator.on((e) => {
    if (e.type === "run:start") started = true;
  });
  early.handOff((signal) => {
    if (!started) {
      progress.flush();
      out.write(before++ === 0 ? `${signal}: stopping before the run's modules start (again to stop at once)\n` : `${signal}: stopping now\n`);
    }
    orchestrator.stop(signal);
  });
  try {
    const summary = await start(orchestrator);
    progress.stop();
    if (flags.json) {
      const run = store.getRun(summary.runId)!;
      const [{ runExtras }, { withWorkspaceHead }, { statusJson }] = await Promise.all([import("../../run/records.js"), import("../../run/workspace-view.js"), import("../render/status.js")]);
      const extras = await withWorkspaceHead(runExtras(store, run.id), root);
      process.stdout.write(`${JSON.stringify(statusJson(run, store.getModules(run.id), store.getAttempts(run.id), ".", undefined, extras), null, 2)}\n`);
    }
    if (summary.report) out.write(`Findings: ${summary.report}\n`);
    for (const line of docs) out.write(`${line}\n`);
    for (const line of workspaceLines(summary, flags)) out.write(`${line}\n`);
    if (summary.reason && summary.state !== "done") out.write(`Why: ${summary.reason}\n`);
    if (summary.state === "failed") out.write(failedLine(store, summary.runId, flags));
    if (summary.docsError) {
      process.stderr.write(`orchestrate: the documentation step failed: ${summary.docsError}; the run is recorded ${summary.state}, and \`orchestrate resume ${summary.runId}\` finishes the step\n`);
      return 1;
    }
    if (summary.state === "interrupted") {
      out.write(`Interrupted. Continue with: orchestrate resume ${summary.runId}${flags.project !== "." ? ` --project ${flags.project}` : ""}\n`);
      return 130;
    }
    return summary.state === "done" ? 0 : 1;
  } finally {
    progress.stop();
    await dashboard?.close();
    store.close();
  }
}

/** `--dashboard`: the dashboard for the run's lifetime; its cancel is this run's Ctrl-C (the orchestrator's `stop`). */
async function serveDashboard(root: string, flag: string | true, orchestrator: Orchestrator): Promise<{ close(): Promise<void> }> {
  const [{ openDashboard }, { portFlag }] = await Promise.all([import("../../dashboard/server/open.js"), import("./dashboard.js")]);
  let live: string | undefined;
  orchestrator.on((event) => {
    if (event.type === "run:start") live = event.runId;
    if (event.type === "run:end") live = undefined;
  });
  const inProcess = { has: (runId: string) => runId === live, stop: () => orchestrator.stop("SIGINT") };
  const dashboard = await openDashboard(root, flag === true ? 0 : portFlag("--dashboard", flag), {
    inProcess: [inProcess],
    onError: (error) => process.stderr.write(`orchestrate dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  });
  process.stderr.write(`orchestrate dashboard: ${dashboard.url}\n`);
  return dashboard;
}
