import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { OrchestrateError } from "../errors.js";

/** A JSON value as both text (for models) and structured content (for programs). */
export function jsonResult(value: object): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }], structuredContent: value as Record<string, unknown> };
}

export function textResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }] };
}

/** A tool error the client sees as `isError: true`; the server keeps serving. */
export function errorResult(error: unknown): CallToolResult {
  const text = error instanceof OrchestrateError ? error.describe() : error instanceof Error ? error.message : String(error);
  return { content: [{ type: "text", text }], isError: true };
}

/**
 * Wraps a tool handler so any throw becomes an error result carrying the
 * error's own description (the SDK's fallback would drop `file:line`).
 */
export function guarded<A>(handler: (args: A) => CallToolResult | Promise<CallToolResult>): (args: A) => Promise<CallToolResult> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      return errorResult(error);
    }
  };
}
