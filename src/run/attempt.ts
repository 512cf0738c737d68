import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Agent, AgentResult, AttemptKind, Usage } from "../agents/types.js";
import type { PlanModule } from "../plan/types.js";
import type { GateResult } from "../validate/types.js";
import type { AttemptText } from "../store/types.js";
import type { ProjectPaths } from "./paths.js";
import type { RunEvent } from "./events.js";
import { NO_USAGE } from "../agents/types.js";
import { loadTemplate, renderTemplate, type PromptVars } from "./prompt.js";
import { changedFiles, snapshot, type Snapshot } from "./snapshot.js";
import { restoreTree, uncommitted } from "./restore.js";
import { formatGateFailure } from "../validate/gates.js";
import { redact, redactQuoting } from "../redact/index.js";
import { failure, type AttemptFailure } from "./failure.js";
import { extend } from "../extend.js";
import type { FileStats } from "../file-stats.js";
import { ATTEMPT_TIMEOUT_SETTING, timedOutAfter } from "../timer.js";
import { attemptSignal } from "./attempt-limits.js";

export interface AttemptInput {
  runId: string;
  request: string;
  module: PlanModule;
  n: number;
  kind: AttemptKind;
  previousError?: string;
  memories?: string;
  mcpServers?: Record<string, import("../agents/types.js").McpServerConfig>;
  timeoutMs: number;
  /** The attempt may not change files; enforced: a change fails it. Read-only attempts skip the module gate. */
  readOnly?: boolean;
  /** What the context builder chose within the token budget (src/prompt/context.ts); over the defaults below. */
  context?: PromptVars;
  /** Extra prompt template values (diagnosis, log, benchmark figures, ...). */
  vars?: PromptVars;
  /** The template to render, when not the kind's own (`diagnose` for a debug analysis). */
  template?: string;
  /**
   * The gate alone, on an earlier attempt's work already in `cwd`: that attempt's agent finished and
   * the run stopped during its gate (`resume`). No prompt, no agent.
   */
  work?: EarlierWork;
}

/** An attempt whose agent finished, its work kept, and whose gate the run stopped: what its record says of it. */
export interface EarlierWork {
  n: number;
  summary: string;
  filesChanged: string[];
}

export interface AttemptOutcome {
  ok: boolean;
  cancelled: boolean;
  /** Why it failed and whether a retry can help; absent when it passed or was cancelled. */
  failure?: AttemptFailure;
  summary: string;
  filesChanged: string[];
  /** How the agent found `filesChanged` (see AgentResult). */
  filesSource: "own" | "tree" | "unknown";
  usage: Usage;
  gate?: GateResult;
  promptPath: string;
  durationMs: number;
  /** Where the agent worked (a worktree is released for the next attempt once the attempt is recorded). */
  cwd: string;
  /** A queued run's attempt: the worker that ran it (`host:pid`). */
  worker?: string;
  /** Its commit's merge into the integration branch, or the conflict, when the run is isolated. */
  merge?: { ok: boolean; commit: string; into?: string; files: string[]; conflict?: string };
  raw?: unknown;
}

export interface AttemptDeps {
  paths: ProjectPaths;
  /** Where the agent works: the attempt's worktree, or the project (the default). */
  cwd?: string;
  agent: Agent;
  /** Aborts when the run is cancelled. */
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  now: () => number;
  /** Module gate after a successful agent attempt; undefined when no checks apply. */
  validate?: (module: PlanModule, signal: AbortSignal) => Promise<GateResult | undefined>;
  /** Called between the agent and the gate with what the agent spent, said and changed, to record the `validating` state. */
  onValidating?: (usage: Usage, agent: { summary: string; filesChanged: string[] }) => void;
  /** Keeps the prompt before the agent gets it, and the outcome as text at the end: the attempt's record in the store. */
  keepText?: (text: AttemptText) => void;
  /**
   * The run's stats of the project's files (src/file-stats.ts): the template is looked for
   * through them. After the agent, the files it listed are looked at again when it lists every
   * change (`exactChanges`), else all of them are; after a gate that ran a command, all of them.
   */
  stats?: FileStats;
}

/** The prompt file's path for attempt `n`, relative to the project. */
export function promptPathOf(paths: ProjectPaths, runId: string, moduleId: string, n: number): string {
  return paths.relAttempt(runId, moduleId, n, ".prompt.md");
}

/**
 * One attempt: prompt, agent, module gate (or the gate alone, on an earlier attempt's work: `work`). Never throws for an agent's failure. The prompt
 * and the outcome's text are kept with the attempt's record (`keepText`); the file
 * `promptFile` is written by an agent that reads one (`command`), not for every attempt.
 */
export async function runAttempt(input: AttemptInput, deps: AttemptDeps): Promise<AttemptOutcome> {
  const { paths, agent } = deps;
  const started = deps.now();
  if (input.work) return gated(input, deps, started, workOutcome(input, input.work, deps));
  const promptFile = paths.attempt(input.runId, input.module.id, input.n, ".prompt.md");
  const attemptDir = paths.attempt(input.runId, input.module.id, input.n);
  // The plan carries the spec's text; only a plan stored before it did sends us to the file.
  const spec = moduleSpecText(paths.root, input.module);
  // The spec's text, found clean when the run was stored, is not read again in the prompt quoting it.
  const { specDigest } = input.module;
  const rendered = renderPrompt(paths.root, input, spec, deps.stats);
  const prompt = specDigest && input.module.specText !== undefined ? redactQuoting(rendered, spec, specDigest) : redact(rendered);
  deps.keepText?.({ prompt });

  const cwd = deps.cwd ?? paths.root;
  const before = input.readOnly ? snapshot(cwd) : undefined;
  // In the project's own tree, what git says is uncommitted now tells which files HEAD can put back (src/run/restore.ts); a worktree is thrown away instead.
  const dirty = input.readOnly && !deps.cwd ? await uncommitted(cwd) : undefined;
  const limit = attemptSignal(deps.signal, input.timeoutMs);
  const { signal } = limit;
  let result: AgentResult;
  let threw = false;
  try {
    result = await agent.run(
      {
        runId: input.runId,
        moduleId: input.module.id,
        layer: input.module.layer,
        attempt: input.n,
        kind: input.kind,
        prompt,
        promptFile,
        attemptDir,
        cwd,
        files: input.module.files,
        specExcerpt: spec,
        ...(input.previousError ? { previousError: input.previousError } : {}),
        mcpServers: input.mcpServers ?? {},
        timeoutMs: input.timeoutMs,
        ...(input.readOnly ? { readOnly: true } : {}),
      },
      { signal, emit: (event) => deps.emit({ type: "agent", runId: input.runId, moduleId: input.module.id, attempt: input.n, event }) },
    );
  } catch (error) {
    threw = true;
    result = { ok: false, summary: "the agent threw", error: error instanceof Error ? (error.stack ?? error.message) : String(error), filesChanged: [], usage: { ...NO_USAGE } };
  }

  // What the run knows of its files holds while they are known to be unchanged: an agent that lists every file it changes changed those alone.
  if (deps.stats) {
    if (agent.exactChanges === true && result.filesSource === "own") deps.stats.changed(result.filesChanged.map((file) => join(cwd, file)));
    else deps.stats.forget();
  }

  let outcome: AttemptOutcome = {
    ok: result.ok,
    cancelled: !result.ok && deps.signal.aborted,
    summary: result.summary,
    filesChanged: result.filesChanged,
    filesSource: result.filesSource ?? "tree",
    usage: result.usage,
    promptPath: promptPathOf(paths, input.runId, input.module.id, input.n),
    durationMs: 0,
    cwd,
    raw: result.raw,
  };
  limit.dispose();
  if (!result.ok && !outcome.cancelled) {
    const message = result.error ?? "the agent reported failure without an error";
    outcome.failure = limit.timedOut ? failure("TIMED_OUT", timedOutAfter(input.timeoutMs, ATTEMPT_TIMEOUT_SETTING)) : threw ? failure("AGENT_THREW", message) : failure(result.nonRetryable ? "AGENT_FATAL" : "AGENT_FAILED", message);
  }
  if (before) {
    const changed = changedFiles(before, snapshot(cwd));
    if (changed.length > 0) {
      const put = deps.cwd ? "" : await putBack(cwd, changed, before, dirty, `${attemptDir}/left`, paths);
      outcome = { ...outcome, ok: false, filesChanged: changed, failure: failure("READ_ONLY_CHANGED", `read-only attempt changed ${changed.length} file${changed.length === 1 ? "" : "s"}: ${changed.join(", ")}${put}`) };
    }
  }

  return gated(input, deps, started, outcome);
}

/** The module gate of an attempt whose agent passed, then its duration and its text kept. */
async function gated(input: AttemptInput, deps: AttemptDeps, started: number, agentOutcome: AttemptOutcome): Promise<AttemptOutcome> {
  let outcome = agentOutcome;
  if (outcome.ok && deps.validate && !input.readOnly) {
    deps.onValidating?.(outcome.usage, { summary: outcome.summary, filesChanged: outcome.filesChanged });
    const gate = await deps.validate(input.module, deps.signal);
    // An architecture check only reads; any other check may run a command that writes.
    if (gate?.checks.some((c) => c.kind !== "architecture")) deps.stats?.forget();
    if (gate) {
      outcome = extend(outcome, { gate });
      if (!gate.ok) {
        outcome.ok = false;
        outcome.cancelled = deps.signal.aborted;
        if (!outcome.cancelled) outcome.failure = failure("GATE_FAILED", formatGateFailure(gate, deps.cwd ?? deps.paths.root));
      }
    }
  }
  outcome.durationMs = deps.now() - started;
  deps.keepText?.({ output: renderOutput(input, outcome) });
  return outcome;
}

/** What a gate-only attempt is, in its record and its progress line. */
export function regateNote(n: number): string {
  return `The gate again on attempt ${n}'s work: the run stopped during attempt ${n}'s gate, after its agent finished; no agent ran.`;
}

/** Where a gate-only attempt starts: the earlier attempt's agent passed, with its summary and files; nothing spent. */
function workOutcome(input: AttemptInput, work: EarlierWork, deps: AttemptDeps): AttemptOutcome {
  return { ok: true, cancelled: false, summary: work.summary, filesChanged: work.filesChanged, filesSource: "own", usage: { ...NO_USAGE }, promptPath: promptPathOf(deps.paths, input.runId, input.module.id, input.n), durationMs: 0, cwd: deps.cwd ?? deps.paths.root };
}

/** Puts the project's tree back as it was before a read-only attempt changed it, and says so: `; put back: a.py (…)`. */
async function putBack(cwd: string, changed: string[], before: Snapshot, dirty: ReadonlySet<string> | undefined, keep: string, paths: ProjectPaths): Promise<string> {
  try {
    const { restored, left } = await restoreTree(cwd, changed, new Set(changed.filter((p) => !before.has(p))), dirty, keep);
    const kept = restored.length ? `; put back: ${restored.join(", ")} (the attempt's versions kept in ${paths.rel(keep)}/)` : "";
    const why = dirty ? "it had uncommitted changes, or is not tracked" : "not a git repository";
    return `${kept}${left.length ? `; not put back (${why}): ${left.join(", ")}` : ""}`;
  } catch (error) {
    return `; could not be put back: ${(error as Error).message}`;
  }
}

/** The prompt text of an attempt, before redaction; `plan --prompt` shows it too. */
export function renderPrompt(root: string, input: AttemptInput, spec: string, stats?: FileStats): string {
  return renderTemplate(loadTemplate(root, input.template ?? input.kind, stats), {
    module: input.module.id,
    layer: input.module.layer,
    // A module the planner gave a task of its own gets that task, not the whole request.
    request: input.module.task ? undefined : input.request,
    task: input.module.task,
    acceptance: input.module.acceptance?.map((a) => `- ${a}`).join("\n"),
    files: input.module.files.map((f) => `- ${f}`).join("\n") || "- (none listed)",
    dependencies: input.module.dependsOn.map((d) => `- ${d}`).join("\n"),
    specFile: input.module.spec,
    spec,
    memories: input.memories,
    previousError: input.previousError,
    previousAttempt: input.n - 1,
    ...input.context,
    ...input.vars,
  });
}

/** The spec an attempt's prompt shows: the text the plan carries, else the file (a plan stored without texts, general's system step). */
export function moduleSpecText(root: string, module: PlanModule): string {
  return module.specText ?? readSpec(root, module.spec);
}

function readSpec(root: string, specFile: string): string {
  try {
    return readFileSync(join(root, specFile), "utf8");
  } catch {
    return `(spec file ${specFile} could not be read)`;
  }
}

/** The attempt's outcome as text: what `status --output` prints. */
function renderOutput(input: AttemptInput, o: AttemptOutcome): string {
  const lines = [
    `# ${input.module.id}, attempt ${input.n} (${input.kind}): ${o.ok ? "done" : o.cancelled ? "cancelled" : "failed"}`,
    "",
    `Duration: ${o.durationMs} ms. Tokens: ${o.usage.inputTokens} in, ${o.usage.outputTokens} out. Cost: $${o.usage.costUsd.toFixed(4)}.`,
    "",
    ...(input.work ? [regateNote(input.work.n), ""] : []),
    "## Summary",
    o.summary || "(none)",
  ];
  if (o.failure) lines.push("", `## Error (${o.failure.code}${o.failure.retryable ? "" : ", not retryable"})`, "```", o.failure.message, "```");
  if (o.filesChanged.length) lines.push("", "## Files changed", ...o.filesChanged.map((f) => `- ${f}`));
  if (o.gate) lines.push("", "## Gate", ...o.gate.checks.map((c) => `- ${c.ok ? "✓" : c.blocking ? "✗" : "!"} ${c.name}: ${c.message}`));
  if (o.raw !== undefined) lines.push("", "## Raw", "```json", JSON.stringify(o.raw, null, 2), "```");
  return `${lines.join("\n")}\n`;
}
