import { connectMcpServers, McpServerError, type McpTools } from "./mcp-client.js";
import type { CompiledModelOptions } from "./model-options.js";
import { addTokens, costOf, NO_TOKENS, priceOf, type TokenCount } from "./prices.js";
import { withLinkedSignal } from "./linked-signal.js";
import { STREAM_RETRY_MS, StreamCutError } from "./stream-cut.js";
import { cancelledResult, failedResult } from "./result.js";
import { createWorkspaceTools, type ToolDefinition, type ToolOutcome, type WorkspaceTools } from "./tools.js";
import type { AgentContext, AgentResult, AgentTask, Usage } from "./types.js";
import { setTimeout as delay } from "node:timers/promises";
import { ATTEMPT_TIMEOUT_SETTING, MAX_TIMER_MS, timedOutAfter } from "../timer.js";

/** A tool call as the model sent it; `error` is set when its arguments could not be read. */
export interface ModelCall {
  id: string;
  name: string;
  input: unknown;
  error?: string;
}

export interface ModelReply {
  text: string;
  calls: ModelCall[];
  /** `limit`: cut off at maxTokens; `other`: refusal, content filter and the like. */
  stop: "end" | "tools" | "limit" | "other";
  /** The provider's own word for it (`end_turn`, `length`, ...). */
  stopReason: string;
  tokens: TokenCount;
  /** The server sent no usage (some OpenAI-compatible servers): `tokens` are zeros, not a count. */
  noUsage?: true;
}

export interface ToolResult extends ToolOutcome {
  id: string;
}

/** One conversation in one provider's wire format; it keeps the whole history. */
export interface ModelSession {
  /** Sends the history, appends the model's reply to it and returns the reply. */
  next(signal: AbortSignal): Promise<ModelReply>;
  addToolResults(results: ToolResult[]): void;
  /** The URL requests go to, for messages about them. */
  readonly endpoint: string;
}

export interface ModelProvider {
  readonly apiKeyEnv: string;
  /** Async so that the SDK is imported only when an attempt runs (it costs 60-200 ms). */
  start(setup: { system: string; prompt: string; tools: ToolDefinition[]; apiKey: string }): Promise<ModelSession>;
}

const SUMMARY_CHARS = 4000;
const RETRIED_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

export function systemPrompt(task: AgentTask, canRun = true): string {
  const lines = [
    `You are a coding agent working on one module of a larger project. Working directory: ${task.cwd}`,
    `Module: ${task.moduleId} (layer ${task.layer}); task: ${task.kind}, attempt ${task.attempt}.`,
    ...(task.files.length ? [`Files the module owns:\n${task.files.map((f) => `- ${f}`).join("\n")}`] : []),
    "",
    "Rules:",
    "- Stay within this module's files and their tests; do not change other modules.",
    "- Use the tools to read, write and run things. Paths are relative to the project root.",
    task.readOnly
      ? "- This task is read-only: do not try to change files. Investigate and report your findings."
      : canRun
        ? "- Run the module's tests with run_command before you finish, and fix what fails."
        : "- There is no run_command tool here (no sandbox to run commands in): check your changes by reading them.",
    "- When you are done, answer with a short summary of what you did and the test results, without calling a tool.",
  ];
  if (task.specExcerpt.trim()) lines.push("", "Specification of the module (excerpt):", task.specExcerpt.trim());
  return lines.join("\n");
}

interface SdkError {
  status?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
  /** Anthropic: `error.message` of the response body. */
  apiMessage?: unknown;
  /** The response body (Anthropic) or its `error` member (OpenAI). */
  error?: { message?: unknown; error?: { message?: unknown } };
}

/**
 * One line for an SDK or MCP error: the HTTP status and the API's own message, or the causes.
 * A 404 also names the URL asked (`endpoint`): a `baseURL` with `/v1` twice, or a model the server does not have.
 * A 401 or 403 names where the key came from (`keyFrom`): the setting to change.
 */
export function describeError(name: string, error: unknown, maxRetries: number, endpoint?: string, keyFrom?: string): string {
  const e = (error ?? {}) as SdkError;
  const message = String(e.message ?? error);
  if (error instanceof McpServerError) return `${name}: ${message}`;
  if (error instanceof StreamCutError) return `${name}: the response was cut${maxRetries ? ` ${maxRetries + 1} times` : ""}: ${message}`;
  if (typeof e.status === "number") {
    const retried = RETRIED_STATUS(e.status) ? ` after ${maxRetries} retries` : "";
    const said = [e.apiMessage, e.error?.error?.message, e.error?.message].find((m) => typeof m === "string");
    const where =
      e.status === 404 && endpoint ? ` (POST ${endpoint}: check \`${name}.baseURL\` and \`${name}.model\`)`
      : (e.status === 401 || e.status === 403) && keyFrom ? ` (check the API key, ${keyFrom})`
      : "";
    return `${name}: HTTP ${e.status}${retried}: ${String(said ?? message.replace(new RegExp(`^${e.status} `), ""))}${where}`;
  }
  const causes: string[] = [];
  for (let c = e.cause as SdkError | undefined; c && causes.length < 3; c = c.cause as SdkError | undefined) causes.push(String(c.message ?? c));
  const detail = causes.length ? ` (${causes.join(": ")})` : "";
  return `${name}: request failed: ${typeof e.name === "string" ? `${e.name}: ` : ""}${message}${detail}`;
}

/** The session's next reply, asked again (up to `maxRetries` times, with backoff) when its stream is cut. */
async function nextReply(session: ModelSession, signal: AbortSignal, options: CompiledModelOptions, ctx: AgentContext): Promise<ModelReply> {
  for (let retry = 0; ; retry++) {
    try {
      return await withLinkedSignal(signal, (linked) => session.next(linked));
    } catch (error) {
      if (!(error instanceof StreamCutError) || retry >= options.maxRetries || signal.aborted) throw error;
      ctx.emit({ type: "progress", message: `${options.name}: the response was cut (${error.message}); asking again, ${retry + 1} of ${options.maxRetries}` });
      await delay(STREAM_RETRY_MS * 2 ** retry, signal);
    }
  }
}

async function dispatch(call: ModelCall, tools: WorkspaceTools, mcp: McpTools, signal: AbortSignal): Promise<ToolOutcome> {
  if (call.error) return { content: call.error, isError: true };
  if (mcp.has(call.name)) return mcp.call(call.name, call.input, signal);
  return tools.call(call.name, call.input, signal); // also answers unknown names
}

/**
 * The tool-use loop shared by the model agents: send, run the tools the model asked
 * for, send their results, until the model answers without a tool call (success),
 * `maxTurns` responses have gone by, the time is up or `ctx.signal` aborts.
 */
export async function runModelLoop(
  provider: ModelProvider,
  options: CompiledModelOptions,
  task: AgentTask,
  ctx: AgentContext,
): Promise<AgentResult> {
  const { name } = options;
  if (ctx.signal.aborted) return cancelledResult(`${name}: cancelled before start`);
  const apiKey = options.apiKey ?? process.env[provider.apiKeyEnv];
  if (!apiKey) {
    return failedResult(`${name}: no API key: set ${provider.apiKeyEnv} or \`${name}.apiKey\` (any non-empty value for a local server that needs none)`, { nonRetryable: true });
  }
  const price = priceOf(options.model, options.prices);
  if (!price) ctx.emit({ type: "progress", message: `${name}: no price known for model ${options.model}; cost counted as 0 (set \`${name}.prices\`)`, warning: true });

  let tools: WorkspaceTools;
  try {
    tools = await createWorkspaceTools(task, { commandTimeoutMs: options.commandTimeoutMs, sandbox: options.sandbox });
  } catch (error) {
    return failedResult(`${name}: cannot open the project folder ${task.cwd}: ${(error as Error).message}`);
  }

  const stop = new AbortController();
  let timedOut = false;
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  if (ctx.signal.aborted) onAbort(); // aborted while the tools were set up
  const limited = Number.isFinite(task.timeoutMs) && task.timeoutMs > 0;
  const timer = limited
    ? setTimeout(() => {
        timedOut = true;
        stop.abort(new Error(timedOutAfter(task.timeoutMs, ATTEMPT_TIMEOUT_SETTING)));
      }, Math.min(task.timeoutMs, MAX_TIMER_MS))
    : undefined;

  let tokens = NO_TOKENS;
  let turns = 0;
  let mcp: McpTools | undefined;
  let endpoint: string | undefined;
  let usageMissing = false;
  let lastCalls: string[] = [];
  const usage = (): Usage => ({
    inputTokens: tokens.input + tokens.cachedInput + tokens.cacheWrite,
    outputTokens: tokens.output,
    costUsd: costOf(tokens, price),
  });
  // Its write tools' own record; files a `run_command` writes are not in it.
  const extra = () => ({ filesChanged: tools.filesChanged(), filesSource: "own" as const, usage: usage(), raw: { model: options.model, turns } });
  const fail = (error: string) => failedResult(error, extra());

  try {
    const servers = (mcp = await connectMcpServers(task.mcpServers, { cwd: task.cwd, signal: stop.signal, connectTimeoutMs: options.mcpConnectTimeoutMs }));
    const definitions = [...tools.definitions, ...servers.definitions];
    const session = await provider.start({ system: systemPrompt(task, tools.has("run_command")), prompt: task.prompt, tools: definitions, apiKey });
    endpoint = session.endpoint;
    while (turns < options.maxTurns) {
      turns += 1;
      ctx.emit({ type: "progress", message: `${name}: turn ${turns} of at most ${options.maxTurns}` });
      const reply = await nextReply(session, stop.signal, options, ctx);
      tokens = addTokens(tokens, reply.tokens);
      if (reply.noUsage && !usageMissing) {
        usageMissing = true;
        ctx.emit({ type: "progress", message: `${name}: the server reported no token usage; tokens and cost are counted as 0, and budgets cannot see them`, warning: true });
      }
      ctx.emit({ type: "usage", usage: usage() });
      const said = reply.text.trim();
      if (reply.calls.length === 0) {
        if (reply.stop === "end") return { ok: true, summary: said.slice(0, SUMMARY_CHARS) || `${name}: done`, ...extra() };
        const why = reply.stop === "limit" ? `its output limit (\`${name}.maxTokens\`: ${options.maxTokens})` : `\`${reply.stopReason}\``;
        return fail(`${name}: the model stopped at ${why} without finishing${said ? `\n${said.slice(0, SUMMARY_CHARS)}` : ""}`);
      }
      if (said) ctx.emit({ type: "progress", message: `${name}: ${said.split("\n", 1)[0]!.slice(0, 200)}` });
      const results: ToolResult[] = [];
      lastCalls = [...new Set(reply.calls.map((c) => c.name))];
      for (const call of reply.calls) {
        ctx.emit({ type: "tool", name: call.name, input: call.input });
        const outcome =
          reply.stop === "limit"
            ? { content: `Not run: your response was cut off at maxTokens (${options.maxTokens}). Send smaller pieces.`, isError: true }
            : await withLinkedSignal(stop.signal, (signal) => dispatch(call, tools, servers, signal));
        results.push({ id: call.id, ...outcome });
      }
      session.addToolResults(results);
    }
    // A model that loops on the same call shows it here; the key says what to raise when the work was real.
    return fail(`${name}: no final answer after ${options.maxTurns} turns (\`${name}.maxTurns\`); its last response called ${lastCalls.join(", ")}`);
  } catch (error) {
    if (ctx.signal.aborted) return cancelledResult(`${name}: cancelled after ${turns} turns`, extra());
    if (timedOut) return fail(timedOutAfter(task.timeoutMs, ATTEMPT_TIMEOUT_SETTING));
    const status = (error as SdkError | undefined)?.status;
    const permanent = error instanceof McpServerError || status === 401 || status === 403 || status === 404;
    const keyFrom = options.apiKey ? `\`${name}.apiKey\` in orchestrate.config.yaml` : `from ${name === "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"}`;
    return failedResult(describeError(name, error, options.maxRetries, endpoint, keyFrom), { ...extra(), ...(permanent ? { nonRetryable: true } : {}) });
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onAbort);
    await mcp?.close();
  }
}
