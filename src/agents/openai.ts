import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { StreamCutError } from "./stream-cut.js";
import { runModelLoop, type ModelCall, type ModelProvider, type ModelReply } from "./model-loop.js";
import { compileModelOptions, keyIsSecret, type CompiledModelOptions, type ModelAgentOptions } from "./model-options.js";
import type { Agent } from "./types.js";

export type { ModelAgentOptions } from "./model-options.js";

interface RawCall {
  id: string;
  name: string;
  arguments: string;
}

function stopOf(reason: string | null): ModelReply["stop"] {
  if (reason === "stop" || reason === null) return "end";
  if (reason === "tool_calls" || reason === "function_call") return "tools";
  if (reason === "length") return "limit";
  return "other";
}

/** Arguments are a JSON string that an OpenAI-compatible server may get wrong: say so to the model. */
function parseCall(raw: RawCall): ModelCall {
  try {
    return { id: raw.id, name: raw.name, input: JSON.parse(raw.arguments.trim() || "{}") as unknown };
  } catch (error) {
    const error_ = `Invalid JSON in the arguments of ${raw.name} (${(error as Error).message}); nothing was run. Send the arguments as one JSON object.`;
    return { id: raw.id, name: raw.name, input: raw.arguments, error: error_ };
  }
}

/** Folds the streamed chunks of one response into its text, tool calls, finish reason and usage. */
async function collect(stream: AsyncIterable<ChatCompletionChunk>, turn: number) {
  let text = "";
  let finish: string | null = null;
  let usage: ChatCompletionChunk["usage"] = null;
  const calls: RawCall[] = [];
  for await (const chunk of stream) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) text += choice.delta.content;
    for (const delta of choice.delta.tool_calls ?? []) {
      const call = (calls[delta.index] ??= { id: "", name: "", arguments: "" });
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  // Some compatible servers leave ids out; the results must still pair with their calls.
  const raw = calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${turn}_${i}` }));
  return { text, finish, usage, raw };
}

/** `max_completion_tokens` for OpenAI itself (reasoning models need it); compatible servers know `max_tokens`. */
function tokenLimit(options: CompiledModelOptions): Partial<ChatCompletionCreateParamsStreaming> {
  const official = options.baseURL === undefined || /^https:\/\/api\.openai\.com\//.test(options.baseURL);
  return official ? { max_completion_tokens: options.maxTokens } : { max_tokens: options.maxTokens };
}

function openaiProvider(options: CompiledModelOptions): ModelProvider {
  return {
    apiKeyEnv: "OPENAI_API_KEY",
    async start({ system, prompt, tools, apiKey }) {
      const { default: OpenAI } = await import("openai");
      // The SDK retries 408/409/429/5xx itself, honouring retry-after, with the same request body.
      const client = new OpenAI({ apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries });
      const toolParams: ChatCompletionTool[] = tools.map((t) => ({
        type: "function",
        function: { name: t.name, description: t.description, parameters: t.inputSchema },
      }));
      const messages: ChatCompletionMessageParam[] = [
        { role: "system", content: system },
        { role: "user", content: prompt },
      ];
      let turn = 0;
      return {
        endpoint: `${client.baseURL.replace(/\/+$/, "")}/chat/completions`,
        async next(signal) {
          turn += 1;
          const body: ChatCompletionCreateParamsStreaming = {
            model: options.model,
            messages,
            ...(toolParams.length > 0 && { tools: toolParams }),
            ...tokenLimit(options),
            stream: true,
            stream_options: { include_usage: true },
          };
          const stream = await client.chat.completions.create(body, { signal });
          const { text, finish, usage, raw } = await collect(stream, turn).catch((error: unknown) => {
            throw signal.aborted ? error : new StreamCutError(error);
          });
          messages.push({
            role: "assistant",
            content: text || null,
            ...(raw.length > 0 && {
              tool_calls: raw.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })),
            }),
          });
          const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
          return {
            text,
            calls: raw.map(parseCall),
            stop: stopOf(finish),
            stopReason: finish ?? "none",
            tokens: { input: (usage?.prompt_tokens ?? 0) - cached, output: usage?.completion_tokens ?? 0, cachedInput: cached, cacheWrite: 0 },
            ...(usage ? {} : { noUsage: true as const }),
          };
        },
        addToolResults(results) {
          for (const r of results) {
            // Chat Completions has no error flag on a tool message; the prefix carries it.
            messages.push({ role: "tool", tool_call_id: r.id, content: r.isError ? `Error: ${r.content}` : r.content });
          }
        },
      };
    },
  };
}

/**
 * An agent on the OpenAI Chat Completions API (official SDK, streaming), which also
 * covers compatible servers such as Ollama and vLLM through `baseURL`, with the
 * workspace tools and the tools of the task's MCP servers. See `runModelLoop`.
 */
export function createOpenAIAgent(options: ModelAgentOptions): Agent {
  const compiled = compileModelOptions("openai", options);
  keyIsSecret(compiled);
  return { name: "openai", run: (task, ctx) => runModelLoop(openaiProvider(compiled), compiled, task, ctx) };
}
