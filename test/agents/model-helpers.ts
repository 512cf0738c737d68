import { afterEach } from "vitest";
import { createAnthropicAgent } from "../../src/agents/anthropic.js";
import type { ModelAgentOptions } from "../../src/agents/model-options.js";
import { createOpenAIAgent } from "../../src/agents/openai.js";
import type { Agent } from "../../src/agents/types.js";
import { createModelServer, type ModelApi, type RunningModelServer, type Script, type ScriptRequest } from "../helpers/model-server.js";

export const APIS: ModelApi[] = ["anthropic", "openai"];

/** Model ids with a dated suffix, so the price lookup by prefix is exercised. */
export const MODEL: Record<ModelApi, string> = { anthropic: "claude-haiku-4-5-20251001", openai: "gpt-4.1-2025-04-14" };

const running: RunningModelServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A scripted model server, closed after the test. */
export async function serve(script: Script): Promise<RunningModelServer> {
  const server = await createModelServer(script).start();
  running.push(server);
  return server;
}

/** The real SDK agent for `api`, pointed at the fake. */
export function agentFor(api: ModelApi, url: string, options: Partial<ModelAgentOptions> = {}): Agent {
  const all = { model: MODEL[api], apiKey: "test-key", maxRetries: 0, ...options };
  return api === "anthropic" ? createAnthropicAgent({ baseURL: url, ...all }) : createOpenAIAgent({ baseURL: `${url}/v1`, ...all });
}

export interface SeenResult {
  id: string;
  content: string;
  isError: boolean;
}

/** The tool results at the end of the request's conversation, in either wire format. */
export function toolResults(req: ScriptRequest): SeenResult[] {
  const messages = req.body.messages as Array<Record<string, unknown>>;
  if (req.api === "anthropic") {
    const last = messages.at(-1);
    if (last?.role !== "user" || !Array.isArray(last.content)) return [];
    return (last.content as Array<Record<string, unknown>>)
      .filter((block) => block.type === "tool_result")
      .map((block) => ({ id: String(block.tool_use_id), content: String(block.content), isError: block.is_error === true }));
  }
  const out: SeenResult[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]!.role === "tool"; i--) {
    const content = String(messages[i]!.content);
    const isError = content.startsWith("Error: "); // the agent's marker: Chat Completions has no error flag
    out.unshift({ id: String(messages[i]!.tool_call_id), content: isError ? content.slice(7) : content, isError });
  }
  return out;
}

/** Names of the tools offered in the request. */
export function toolNames(req: ScriptRequest): string[] {
  const tools = (req.body.tools ?? []) as Array<{ name?: string; function?: { name: string } }>;
  return tools.map((t) => t.name ?? t.function?.name ?? "?");
}

/** A promise with its resolver, for ordering without sleeps. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
