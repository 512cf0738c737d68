/**
 * The `claude-code` agent: Claude Code itself, driven through the Claude Agent SDK's
 * `query()`, with its own tools and the task's MCP servers.
 *
 * Authentication is Claude Code's: by default the bundled binary uses the login of the
 * user running orchestrate (`claude` then `/login` once, stored under ~/.claude). To use
 * an API key instead, export `ANTHROPIC_API_KEY` or set it in the agent's `env` option;
 * `ANTHROPIC_BASE_URL` there points it at another endpoint (a proxy, a gateway).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import type { Query, SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import { ClaudeStream, mapResult } from "./claude-code-messages.js";
import { claudeSpawner } from "./claude-code-spawn.js";
import { claudeEnv, compileClaudeCodeOptions, queryOptions, sandboxesBash, type ClaudeCodeOptions, type CompiledClaudeCodeOptions } from "./claude-code-options.js";
import { claudeSandboxProblem, sandboxRefusal, sandboxUnavailable } from "./claude-code-sandbox.js";
import { changedBetween, gitSnapshot, gitSnapshotAfter, type GitSnapshot } from "./git-changes.js";
import { cancelledResult, failedResult, tailLines } from "./result.js";
import type { Agent, AgentContext, AgentResult, AgentTask } from "./types.js";
import { ATTEMPT_TIMEOUT_SETTING, MAX_TIMER_MS, timedOutAfter } from "../timer.js";

export type { ClaudeCodeOptions } from "./claude-code-options.js";

const STDERR_TAIL_LINES = 40;
const STDERR_KEEP_CHARS = 16_000;

/**
 * Runs one attempt as one Claude Code session in `task.cwd`. The session's final
 * `result` decides success; changed files come from git when the project is a work tree,
 * else from the Write/Edit calls. Cancellation resolves with `cancelled: true`.
 */
export function createClaudeCodeAgent(options: ClaudeCodeOptions = {}): Agent {
  const compiled = compileClaudeCodeOptions(options);
  /** Last Claude session of each module, by run, and the folder it worked in, for `continueSession`. */
  const sessions = new Map<string, { id: string; cwd: string }>();
  return {
    name: "claude-code",
    async run(task, ctx) {
      const key = `${task.runId}\0${task.moduleId}`;
      const earlier = compiled.continueSession ? sessions.get(key) : undefined;
      const resume = earlier?.id;
      const moved = earlier && movedNote(earlier.cwd, task.cwd);
      let outcome = await runSession(compiled, moved ? { ...task, prompt: moved + task.prompt } : task, ctx, resume);
      if (outcome.resumeFailed) {
        // The session file can be gone (another HOME, a cleaned ~/.claude): start afresh rather than fail.
        ctx.emit({ type: "progress", message: `claude-code: could not resume session ${resume} (${outcome.result.error}); starting a new one` });
        outcome = await runSession(compiled, task, ctx, undefined);
      }
      if (compiled.continueSession && outcome.sessionId) sessions.set(key, { id: outcome.sessionId, cwd: task.cwd });
      return outcome.result;
    },
  };
}

/**
 * What a resumed session is told when its attempt works in another folder (a retry's new
 * worktree): Claude Code keeps the session's first system prompt and environment, so its
 * earlier messages name a folder that is gone, where a Write would land outside the attempt.
 */
function movedNote(before: string, now: string): string | undefined {
  if (before === now) return undefined;
  return `This attempt works in a new folder: ${now}. The folder your earlier messages in this session used, ${before}, is gone: use the same relative paths under ${now}, and read a file again there before you edit it.\n\n`;
}

/** The servers Claude Code reported as failed, with their command lines: what to run by hand to see why. */
function mcpFailure(task: AgentTask, names: string[]): string {
  const shown = names.map((name) => {
    const server = task.mcpServers[name]!;
    const what = "url" in server ? server.url : [server.command, ...(server.args ?? [])].join(" ");
    return `\`${name}\` (${what.length > 80 ? `${what.slice(0, 77)}...` : what})`;
  });
  return `claude-code: MCP server${names.length > 1 ? "s" : ""} ${shown.join(", ")} failed to start or connect, so the attempt was stopped; run it by hand to see why, or raise mcpConnectTimeoutMs in orchestrate.config.yaml if it is slow`;
}

/** Paths the engine itself writes during an attempt, never the agent's changes. */
function enginePaths(task: AgentTask): string[] {
  const paths = [".orchestrate", relative(task.cwd, task.attemptDir), relative(task.cwd, task.promptFile)];
  return paths.filter((p) => p !== "" && !p.startsWith("..")).map((p) => p.split(sep).join("/"));
}

/** The tree's diff in git (`tree`: others' changes meanwhile included), else what its edit tools wrote (`own`). */
async function changedFiles(task: AgentTask, before: GitSnapshot | undefined, stream: ClaudeStream): Promise<{ filesChanged: string[]; filesSource: "own" | "tree" }> {
  const after = before && (await gitSnapshotAfter(task.cwd, before));
  const changed = before && after ? await changedBetween(task.cwd, before, after) : stream.filesFromTools();
  const own = enginePaths(task);
  return { filesChanged: changed.filter((path) => !own.some((o) => path === o || path.startsWith(`${o}/`))), filesSource: before && after ? "tree" : "own" };
}

interface Outcome {
  result: AgentResult;
  sessionId: string | undefined;
  /** A resumed session that ended before any model call: the session could not be loaded. */
  resumeFailed?: boolean;
}

/**
 * An attempt whose Bash is sandboxed fails before Claude Code starts where its sandbox cannot
 * (`claude-code: ... (socat is not installed): install ...`), with a private temporary folder
 * otherwise. `run` refuses such a run up front (cli/render/sandbox.ts); this covers the library,
 * workers on other machines, and a machine changed since.
 */
async function runSession(options: CompiledClaudeCodeOptions, task: AgentTask, ctx: AgentContext, resume: string | undefined): Promise<Outcome> {
  if (!sandboxesBash(options, task)) return runQuery(options, task, ctx, resume, undefined);
  const problem = await claudeSandboxProblem(claudeEnv(options).PATH);
  if (problem) return { result: failedResult(sandboxUnavailable(problem), { nonRetryable: true }), sessionId: undefined };
  const tmpDir = await mkdtemp(join(tmpdir(), "orchestrate-claude-"));
  try {
    return await runQuery(options, task, ctx, resume, tmpDir);
  } finally {
    await rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function runQuery(options: CompiledClaudeCodeOptions, task: AgentTask, ctx: AgentContext, resume: string | undefined, tmpDir: string | undefined): Promise<Outcome> {
  if (ctx.signal.aborted) return { result: cancelledResult("claude-code: cancelled before start"), sessionId: undefined };
  const before = await gitSnapshot(task.cwd);
  if (ctx.signal.aborted) return { result: cancelledResult("claude-code: cancelled before start"), sessionId: undefined };
  const stream = new ClaudeStream(task.cwd, (event) => ctx.emit(event));
  const abortController = new AbortController();
  let session: Query | undefined;
  let timedOut = false;
  // Abort alone closes Claude Code's stdin and waits 2 s before SIGTERM; an interrupt first ends the turn at once.
  const stop = () => {
    session?.interrupt().catch(() => undefined);
    abortController.abort();
  };
  ctx.signal.addEventListener("abort", stop, { once: true });
  // Like every agent: no limit unless finite and positive; a delay over 2^31-1 ms would fire at once.
  const limited = Number.isFinite(task.timeoutMs) && task.timeoutMs > 0;
  const timer = limited
    ? setTimeout(() => {
        timedOut = true;
        stop();
      }, Math.min(task.timeoutMs, MAX_TIMER_MS))
    : undefined;
  let stderr = "";
  const keepStderr = (data: string) => {
    stderr = (stderr + data).slice(-STDERR_KEEP_CHARS);
  };

  let result: SDKResultMessage | undefined;
  let thrown: unknown;
  let mcpFailed: string[] = [];
  ctx.emit({ type: "progress", message: `claude-code: ${resume ? `resuming session ${resume}` : "started"} in ${task.cwd}` });
  try {
    const spawner = claudeSpawner((pid, startTime) => ctx.emit({ type: "process", pid, startTime }), keepStderr);
    const sdkOptions = { ...queryOptions(options, task, { abortController, stderr: keepStderr, ...(resume && { resume }), ...(tmpDir && { tmpDir }) }), spawnClaudeCodeProcess: spawner };
    // Loaded on first use: the SDK adds ~140 ms to every CLI start that builds the registry.
    const { query } = await import("@anthropic-ai/claude-agent-sdk");
    session = query({ prompt: task.prompt, options: sdkOptions });
    for await (const message of session) {
      stream.onMessage(message);
      if (message.type === "result") result = message;
      // Claude Code goes on without a server that failed to start; the other agents fail the
      // attempt, since a module whose spec relies on a tool should not run silently without it.
      if (message.type === "system" && message.subtype === "init") {
        mcpFailed = message.mcp_servers.filter((s) => s.status === "failed" && Object.hasOwn(task.mcpServers, s.name)).map((s) => s.name);
        if (mcpFailed.length) stop();
      }
    }
  } catch (error) {
    // The SDK also throws after an error result ("Claude Code returned an error result"); the result says more.
    thrown = error;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", stop);
  }

  const files = await changedFiles(task, before, stream);
  const sessionId = result?.session_id ?? stream.sessionId;
  // Without a result, what the stream saw is all there is (tokens spent still count against budgets).
  const partial = { ...files, usage: stream.usage(), raw: { sessionId, numTurns: stream.turns, ...(resume && { resumed: resume }) } };
  if (ctx.signal.aborted) return { result: cancelledResult("claude-code: cancelled", partial), sessionId };
  if (timedOut) return { result: failedResult(timedOutAfter(task.timeoutMs, ATTEMPT_TIMEOUT_SETTING), partial), sessionId };
  if (mcpFailed.length) return { result: failedResult(mcpFailure(task, mcpFailed), { ...partial, nonRetryable: true }), sessionId };
  if (!result) {
    const message = thrown instanceof Error ? thrown.message : String(thrown ?? "the session ended without a result");
    const detail = [`Claude Code failed: ${message}`, tailLines(stderr, STDERR_TAIL_LINES)].filter(Boolean).join("\n");
    return { result: failedResult(detail, partial), sessionId };
  }
  const refused = sandboxRefusal(result);
  if (refused) return { result: failedResult(refused, { ...partial, nonRetryable: true }), sessionId };
  const mapped = mapResult(result);
  const resumeFailed = resume !== undefined && result.subtype === "error_during_execution" && result.num_turns === 0;
  ctx.emit({ type: "usage", usage: mapped.usage });
  const raw = { ...mapped.raw, ...(resume && { resumed: resume }) };
  const base = { ...files, usage: mapped.usage, raw };
  if (mapped.ok) return { result: { ok: true, summary: mapped.summary, ...base }, sessionId };
  return { result: { ok: false, summary: mapped.summary, error: mapped.error ?? "failed", ...base }, sessionId, resumeFailed };
}
