import type { ContentBlock, ContentBlockParam, Message, MessageParam, StopReason, Tool } from "@anthropic-ai/sdk/resources/messages";
import { StreamCutError } from "./stream-cut.js";
import { runModelLoop, type ModelProvider, type ModelReply } from "./model-loop.js";
import { compileModelOptions, keyIsSecret, type CompiledModelOptions, type ModelAgentOptions } from "./model-options.js";
import type { Agent } from "./types.js";

export type { ModelAgentOptions } from "./model-options.js";

function stopOf(reason: StopReason | null): ModelReply["stop"] {
  if (reason === "end_turn" || reason === "stop_sequence") return "end";
  if (reason === "tool_use") return "tools";
  if (reason === "max_tokens" || reason === "model_context_window_exceeded") return "limit";
  return "other";
}

/** The blocks sent back as history: text, tool calls and thinking (whose signature must round-trip). */
function toParam(block: ContentBlock): ContentBlockParam[] {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: block.text }];
    case "tool_use":
      return [{ type: "tool_use", id: block.id, name: block.name, input: block.input }];
    case "thinking":
      return [{ type: "thinking", thinking: block.thinking, signature: block.signature }];
    case "redacted_thinking":
      return [{ type: "redacted_thinking", data: block.data }];
    default:
      return [];
  }
}

function toReply(message: Message): ModelReply {
  const u = message.usage;
  return {
    text: message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n"),
    calls: message.content.flatMap((b) => (b.type === "tool_use" ? [{ id: b.id, name: b.name, input: b.input }] : [])),
    stop: stopOf(message.stop_reason),
    stopReason: message.stop_reason ?? "none",
    tokens: {
      input: u.input_tokens ?? 0,
      output: u.output_tokens ?? 0,
      cachedInput: u.cache_read_input_tokens ?? 0,
      cacheWrite: u.cache_creation_input_tokens ?? 0,
    },
  };
}

function anthropicProvider(options: CompiledModelOptions): ModelProvider {
  return {
    apiKeyEnv: "ANTHROPIC_API_KEY",
    async start({ system, prompt, tools, apiKey }) {
      const { default: Anthropic } = await import("@anthropic-ai/sdk");
      // The SDK retries 408/409/429/5xx itself, honouring retry-after, with the same request body.
      const client = new Anthropic({ apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries });
      const toolParams: Tool[] = tools.map((t) => ({
        name: t.name,
        description: t.description,
        input_schema: t.inputSchema as Tool.InputSchema,
      }));
      const messages: MessageParam[] = [{ role: "user", content: prompt }];
      return {
        endpoint: `${client.baseURL.replace(/\/+$/, "")}/v1/messages`,
        async next(signal) {
          const stream = client.messages.stream(
            { model: options.model, max_tokens: options.maxTokens, system, messages, tools: toolParams },
            { signal },
          );
          let connected = false;
          stream.on("connect", () => (connected = true));
          const message = await stream.finalMessage().catch((error: unknown) => {
            throw connected && !signal.aborted ? new StreamCutError(error) : error;
          });
          messages.push({ role: "assistant", content: message.content.flatMap(toParam) });
          return toReply(message);
        },
        addToolResults(results) {
          const content: ContentBlockParam[] = results.map((r) => ({
            type: "tool_result",
            tool_use_id: r.id,
            content: r.content,
            is_error: r.isError,
          }));
          messages.push({ role: "user", content });
        },
      };
    },
  };
}

/**
 * An agent on the Anthropic Messages API (official SDK, streaming) with the workspace
 * tools and the tools of the task's MCP servers. See `runModelLoop` for the loop.
 */
export function createAnthropicAgent(options: ModelAgentOptions): Agent {
  const compiled = compileModelOptions("anthropic", options);
  keyIsSecret(compiled);
  return { name: "anthropic", run: (task, ctx) => runModelLoop(anthropicProvider(compiled), compiled, task, ctx) };
}
