/** The fields orchestrate reads from Claude Code's `--output-format json` result. */
export interface ClaudeResult {
  result: string;
  isError: boolean;
  subtype?: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  sessionId?: string;
  numTurns?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The whole text as JSON, else its last line that parses (stream-json ends with the result). */
function lastJson(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const lines = trimmed.split("\n").reverse();
    for (const line of lines) {
      if (!line.trimStart().startsWith("{")) continue;
      try {
        return JSON.parse(line);
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

/** Reads the result object from stdout; undefined when there is none. */
export function parseClaudeResult(stdout: string): ClaudeResult | undefined {
  const value = lastJson(stdout);
  if (!isRecord(value) || value["type"] !== "result") return undefined;
  const usage = isRecord(value["usage"]) ? value["usage"] : {};
  const numTurns = value["num_turns"];
  return {
    result: str(value["result"]) ?? "",
    isError: value["is_error"] === true,
    subtype: str(value["subtype"]),
    costUsd: num(value["total_cost_usd"]),
    inputTokens: num(usage["input_tokens"]),
    outputTokens: num(usage["output_tokens"]),
    cacheReadInputTokens: num(usage["cache_read_input_tokens"]),
    cacheCreationInputTokens: num(usage["cache_creation_input_tokens"]),
    sessionId: str(value["session_id"]),
    numTurns: typeof numTurns === "number" ? numTurns : undefined,
  };
}
