import { describe, expect, it } from "vitest";
import { mcpToolName } from "../../src/agents/mcp-client.js";
import { describeError, systemPrompt } from "../../src/agents/model-loop.js";
import { compileModelOptions } from "../../src/agents/model-options.js";
import { createOpenAIAgent } from "../../src/agents/openai.js";
import { redact } from "../../src/redact/index.js";
import { addTokens, costOf, NO_TOKENS, priceOf } from "../../src/agents/prices.js";

describe("priceOf", () => {
  it("matches a model id exactly or by its dated snapshot, longest entry first", () => {
    expect(priceOf("claude-sonnet-4-5")).toMatchObject({ input: 3, output: 15 });
    expect(priceOf("claude-opus-4-1-20250805")).toMatchObject({ input: 15, output: 75 });
    expect(priceOf("gpt-4o-mini-2024-07-18")).toMatchObject({ input: 0.15, output: 0.6 });
    expect(priceOf("gpt-4o-2024-08-06")).toMatchObject({ input: 2.5, output: 10 });
    expect(priceOf("gpt-5.4-mini")).toMatchObject({ input: 0.75 });
  });

  it("knows nothing of other models, and takes overrides first", () => {
    expect(priceOf("llama3.1:8b")).toBeUndefined();
    expect(priceOf("gpt-5x")).toBeUndefined(); // a prefix counts only up to a "-"
    expect(priceOf("llama3.1:8b", { "llama3.1:8b": { input: 0, output: 0 } })).toEqual({ input: 0, output: 0 });
    expect(priceOf("gpt-4o", { "gpt-4o": { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
  });
});

describe("costOf", () => {
  it("sums input, output and cache tokens at their prices", () => {
    const tokens = addTokens({ input: 1000, output: 500, cachedInput: 0, cacheWrite: 0 }, { input: 0, output: 0, cachedInput: 10_000, cacheWrite: 2000 });
    // claude-sonnet-4-5: 3 in, 15 out, 0.3 cache read, 3.75 cache write (USD per million)
    expect(costOf(tokens, priceOf("claude-sonnet-4-5"))).toBeCloseTo((1000 * 3 + 500 * 15 + 10_000 * 0.3 + 2000 * 3.75) / 1e6, 9);
    expect(costOf(tokens, undefined)).toBe(0);
    expect(costOf(NO_TOKENS, priceOf("gpt-5"))).toBe(0);
  });
});

describe("compileModelOptions", () => {
  it("fills in the defaults", () => {
    expect(compileModelOptions("openai", { model: "gpt-5" })).toEqual({
      name: "openai",
      model: "gpt-5",
      baseURL: undefined,
      apiKey: undefined,
      maxTurns: 50,
      maxTokens: 8192,
      prices: {},
      maxRetries: 2,
      commandTimeoutMs: 120_000,
      mcpConnectTimeoutMs: 30_000,
      sandbox: { mode: "bwrap", network: false, env: [], writable: [], readable: [], limits: { memoryMb: 8192, fileMb: 1024 } },
    });
  });

  it("says which key is wrong and what it expected", () => {
    expect(() => compileModelOptions("anthropic", {})).toThrow("Expected `anthropic.model` to be a model id such as `claude-sonnet-4-5`, got nothing");
    expect(() => compileModelOptions("openai", { model: "m", maxTurns: 0 })).toThrow("Expected `openai.maxTurns` to be an integer from 1 up, got `0` (number)");
    expect(() => compileModelOptions("openai", { model: "m", baseURL: "localhost:11434" })).toThrow("`openai.baseURL` to be an http(s) URL");
    expect(() => compileModelOptions("openai", { model: "m", prices: { m: { input: 1 } as never } })).toThrow("`openai.prices.m.output`");
    // A key the agent does not know would be ignored: the setting meant would not apply.
    expect(() => compileModelOptions("anthropic", { model: "m", max_tokens: 100 } as never)).toThrow("Unknown key `anthropic.max_tokens`: did you mean `maxTokens`?");
    expect(() => compileModelOptions("openai", { model: "m", temperature: 0.2 } as never)).toThrow(/^Unknown key `openai.temperature` \(known: model, baseURL, /);
  });
});

describe("a configured apiKey", () => {
  it("is redacted like a key from the environment, whatever its shape", () => {
    const key = "local-llm-key-4c7f19a2";
    expect(redact(`401: key ${key} is not valid`)).toContain(key);
    createOpenAIAgent({ model: "m", apiKey: key });
    expect(redact(`401: key ${key} is not valid`)).toBe("401: key [REDACTED:openai.apiKey] is not valid");
  });
});

describe("systemPrompt", () => {
  it("asks for the tests through run_command only when the tool is offered", () => {
    const task = { cwd: "/p", moduleId: "m", layer: "l", kind: "implement", attempt: 1, files: [], specExcerpt: "" } as unknown as Parameters<typeof systemPrompt>[0];
    expect(systemPrompt(task)).toContain("Run the module's tests with run_command");
    expect(systemPrompt(task, false)).toContain("There is no run_command tool here");
  });
});

describe("describeError", () => {
  it("names the HTTP status and whether the SDK retried it", () => {
    expect(describeError("openai", Object.assign(new Error("429 slow down"), { status: 429 }), 2)).toBe("openai: HTTP 429 after 2 retries: slow down");
    expect(describeError("openai", Object.assign(new Error("400 bad tool schema"), { status: 400 }), 2)).toBe("openai: HTTP 400: bad tool schema");
    expect(describeError("anthropic", Object.assign(new Error("401 invalid x-api-key"), { status: 401 }), 2, undefined, "from ANTHROPIC_API_KEY")).toBe("anthropic: HTTP 401: invalid x-api-key (check the API key, from ANTHROPIC_API_KEY)");
    expect(describeError("anthropic", new TypeError("fetch failed"), 2)).toBe("anthropic: request failed: TypeError: fetch failed");
  });
});

describe("mcpToolName", () => {
  it("prefixes the server and keeps to the characters both APIs accept", () => {
    expect(mcpToolName("mem", "remember")).toBe("mcp__mem__remember");
    expect(mcpToolName("my.server", "get data")).toBe("mcp__my_server__get_data");
    expect(mcpToolName("s", "x".repeat(100))).toHaveLength(64);
  });
});
