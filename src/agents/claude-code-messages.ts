import { isAbsolute, relative, sep } from "node:path";
import type { SDKAssistantMessage, SDKMessage, SDKResultMessage, SDKUserMessage } from "@anthropic-ai/claude-agent-sdk";
import { addTokens, costOf, NO_TOKENS, priceOf, type TokenCount } from "./prices.js";
import type { AgentEvent, Usage } from "./types.js";

const SUMMARY_CHARS = 2000;
const PROGRESS_CHARS = 80;
/** Tools whose `file_path` (or `notebook_path`) input names the file they change. */
const FILE_TOOLS = new Set(["Write", "Edit", "MultiEdit", "NotebookEdit"]);

type Block = SDKAssistantMessage["message"]["content"][number];

function tokensOf(usage: SDKAssistantMessage["message"]["usage"] | undefined): TokenCount {
  return {
    input: usage?.input_tokens ?? 0,
    output: usage?.output_tokens ?? 0,
    cachedInput: usage?.cache_read_input_tokens ?? 0,
    cacheWrite: usage?.cache_creation_input_tokens ?? 0,
  };
}

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
};

/**
 * Turns the SDK's message stream into agent events. Claude Code streams one API response
 * as several assistant messages (a block each) sharing a message id, so a turn is a new id
 * of the main conversation, and its progress line is written once the turn is complete.
 */
export class ClaudeStream {
  sessionId: string | undefined;
  turns = 0;
  private turnId: string | undefined;
  private turnParts: string[] = [];
  /** Latest usage of each response (the stream repeats and grows it), by message id. */
  private readonly responses = new Map<string, { model: string; tokens: TokenCount }>();
  /** Files of Write/Edit calls, by tool_use id, until their result comes back without error. */
  private readonly pendingFiles = new Map<string, string>();
  private readonly toolFiles = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly emit: (event: AgentEvent) => void,
  ) {}

  onMessage(message: SDKMessage): void {
    if ("session_id" in message && typeof message.session_id === "string") this.sessionId = message.session_id;
    if (message.type === "result") this.endTurn();
    if (message.type === "user") this.onToolResults(message.message.content);
    if (message.type === "system" && message.subtype === "permission_denied") {
      // Nobody answers prompts during a run: say what was refused, so `allowedTools` can be fixed.
      this.emit({ type: "progress", message: `denied ${message.tool_name}: ${oneLine(message.message, PROGRESS_CHARS)}` });
    }
    if (message.type !== "assistant") return;
    const { id, content, model, usage } = message.message;
    const main = message.parent_tool_use_id === null;
    if (main && id !== this.turnId) {
      this.endTurn();
      this.turns += 1;
      this.turnId = id;
    }
    for (const block of content) this.onBlock(block, main);
    if (usage) this.onUsage(id, model, tokensOf(usage));
  }

  /** Files of Write/Edit calls that succeeded, relative to cwd, sorted; for projects outside git. */
  filesFromTools(): string[] {
    return [...this.toolFiles].sort();
  }

  private onBlock(block: Block, main: boolean): void {
    if (block.type === "tool_use") {
      this.emit({ type: "tool", name: block.name, input: block.input });
      if (main) this.turnParts.push(block.name);
      const input = block.input as { file_path?: unknown; notebook_path?: unknown } | null;
      const path = input?.file_path ?? input?.notebook_path;
      if (FILE_TOOLS.has(block.name) && typeof path === "string") this.pendingFiles.set(block.id, path);
    } else if (block.type === "text" && main && block.text.trim()) {
      this.turnParts.push(JSON.stringify(oneLine(block.text, PROGRESS_CHARS)));
    }
  }

  private onToolResults(content: SDKUserMessage["message"]["content"]): void {
    if (typeof content === "string") return;
    for (const block of content) {
      if (block.type !== "tool_result") continue;
      const path = this.pendingFiles.get(block.tool_use_id);
      this.pendingFiles.delete(block.tool_use_id);
      if (path !== undefined && !block.is_error) this.noteFile(path);
    }
  }

  private noteFile(path: string): void {
    const rel = relative(this.cwd, isAbsolute(path) ? path : `${this.cwd}${sep}${path}`);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) this.toolFiles.add(rel.split(sep).join("/"));
  }

  private onUsage(id: string, model: string, tokens: TokenCount): void {
    const before = this.responses.get(id)?.tokens;
    if (before && before.input === tokens.input && before.output === tokens.output) return;
    this.responses.set(id, { model, tokens });
    this.emit({ type: "usage", usage: this.usage() });
  }

  /** Usage so far; cost from the price table, as only the result brings Claude Code's own. */
  usage(): Usage {
    let tokens = NO_TOKENS;
    let costUsd = 0;
    for (const response of this.responses.values()) {
      tokens = addTokens(tokens, response.tokens);
      costUsd += costOf(response.tokens, priceOf(response.model));
    }
    return { inputTokens: tokens.input, outputTokens: tokens.output, costUsd: Math.round(costUsd * 1e6) / 1e6 };
  }

  private endTurn(): void {
    if (this.turnId === undefined) return;
    const parts = this.turnParts.length ? this.turnParts.join(", ") : "(no text)";
    this.emit({ type: "progress", message: `turn ${this.turns}: ${oneLine(parts, 2 * PROGRESS_CHARS)}` });
    this.turnId = undefined;
    this.turnParts = [];
  }
}

export interface MappedResult {
  ok: boolean;
  summary: string;
  error?: string;
  usage: Usage;
  raw: {
    sessionId: string;
    numTurns: number;
    durationMs: number;
    subtype: string;
    terminalReason?: string;
    apiErrorStatus?: number;
    /** Tools whose calls were refused by the permission mode or rules. */
    permissionDenials?: string[];
  };
}

function cap(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > SUMMARY_CHARS ? `${trimmed.slice(0, SUMMARY_CHARS)}...` : trimmed;
}

/** The setting a user changes for an API error Claude Code ended with (its own text names Claude Code's, not ours). */
function settingFor(status: number | null | undefined): string {
  if (status === 401 || status === 403) return " (check ANTHROPIC_API_KEY, in `claudeCode.env` of orchestrate.config.yaml or the environment, or log in with `claude`)";
  if (status === 404) return " (check `claudeCode.model` in orchestrate.config.yaml, and ANTHROPIC_BASE_URL if set)";
  return "";
}

/** Why a result is not a success, in one line plus Claude Code's own text. */
function errorOf(result: SDKResultMessage): string {
  if (result.subtype === "success") {
    const status = result.api_error_status ? `API error (HTTP ${result.api_error_status})` : "error";
    return `Claude Code ended with an ${status}: ${result.result.trim() || result.terminal_reason || "no detail"}${settingFor(result.api_error_status)}`;
  }
  const detail = result.errors.map((e) => e.trim()).filter(Boolean).join("; ");
  return `Claude Code stopped (${result.subtype})${detail ? `: ${detail}` : ""}`;
}

/** The attempt's outcome from the final `result` message. */
export function mapResult(result: SDKResultMessage): MappedResult {
  const ok = result.subtype === "success" && !result.is_error;
  const raw: MappedResult["raw"] = {
    sessionId: result.session_id,
    numTurns: result.num_turns,
    durationMs: result.duration_ms,
    subtype: result.subtype,
    ...(result.terminal_reason && { terminalReason: result.terminal_reason }),
    ...(result.subtype === "success" && result.api_error_status && { apiErrorStatus: result.api_error_status }),
    ...(result.permission_denials?.length && { permissionDenials: result.permission_denials.map((d) => d.tool_name) }),
  };
  const usage: Usage = {
    inputTokens: result.usage?.input_tokens ?? 0,
    outputTokens: result.usage?.output_tokens ?? 0,
    costUsd: result.total_cost_usd ?? 0,
  };
  if (ok) return { ok, summary: cap(result.result), usage, raw };
  const error = errorOf(result);
  return { ok, summary: cap(error.split("\n", 1)[0] ?? error), error, usage, raw };
}
