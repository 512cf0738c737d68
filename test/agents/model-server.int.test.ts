import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { serve } from "./model-helpers.js";

/** The scripted server itself, read by the official SDKs without streaming (the agents always stream). */
describe("scripted model server", () => {
  const reply = { text: "hi", toolCalls: [{ id: "t1", name: "read_file", input: { path: "a.txt" } }], usage: { input: 7, output: 3 } };

  it("answers Anthropic Messages requests as JSON, and logs them with their turn", async () => {
    const server = await serve(() => reply);
    const client = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
    const messages = [
      { role: "user" as const, content: "Working directory: /tmp/p" },
      { role: "assistant" as const, content: "ok" },
      { role: "user" as const, content: "go" },
    ];
    const message = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 10, messages });

    expect(message.content).toEqual([
      { type: "text", text: "hi" },
      { type: "tool_use", id: "t1", name: "read_file", input: { path: "a.txt" } },
    ]);
    expect(message).toMatchObject({ stop_reason: "tool_use", usage: { input_tokens: 7, output_tokens: 3 } });
    expect(server.requests).toMatchObject([{ api: "anthropic", path: "/v1/messages", turn: 1, cwd: "/tmp/p", answer: 200 }]);
  });

  it("answers Chat Completions requests as JSON", async () => {
    const server = await serve(() => reply);
    const client = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "go" }] });

    expect(completion.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: { content: "hi", tool_calls: [{ id: "t1", type: "function", function: { name: "read_file", arguments: '{"path":"a.txt"}' } }] },
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3 });
    expect(server.requests).toMatchObject([{ api: "openai", turn: 0 }]);
  });

  it("answers a scripted error with its status and retry-after, in the API's error shape", async () => {
    const server = await serve(() => ({ status: 429, retryAfter: 7, message: "slow" }));
    const response = await fetch(`${server.url}/v1/messages`, { method: "POST", body: JSON.stringify({ messages: [] }) });

    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "slow" } });
  });
});
