import { ConfigError, showValue } from "../errors.js";
import { addSecrets } from "../redact/index.js";
import { DEFAULT_MCP_CONNECT_TIMEOUT_MS } from "../timer.js";
import { compileSandboxOptions } from "../sandbox/options.js";
import type { CompiledSandboxOptions, SandboxOptions } from "../sandbox/types.js";
import type { ModelPrice } from "./prices.js";
import { rejectUnknownKeys } from "./unknown-keys.js";

/** Options of the `anthropic` and `openai` agents (each its own config section). */
export interface ModelAgentOptions {
  /** Model id, e.g. `claude-sonnet-4-5` or `gpt-5`. Required. */
  model: string;
  /**
   * API endpoint; an OpenAI-compatible server for `openai` (Ollama: `http://localhost:11434/v1`).
   * @default the SDK's: `ANTHROPIC_BASE_URL` / `OPENAI_BASE_URL`, else the provider's API
   */
  baseURL?: string;
  /** @default the `ANTHROPIC_API_KEY` / `OPENAI_API_KEY` environment variable */
  apiKey?: string;
  /** Model responses per attempt before it fails. @default 50 */
  maxTurns?: number;
  /** Output tokens per model response. @default 8192 */
  maxTokens?: number;
  /** Prices by model id (USD per million tokens), over the built-in table. @default {} */
  prices?: Record<string, ModelPrice>;
  /**
   * Retries of one request on 408, 409, 429, 5xx and connection errors, done by the SDK
   * with exponential backoff that honours `retry-after`. @default 2
   */
  maxRetries?: number;
  /** Longest run of one `run_command` tool call. @default 120000 */
  commandTimeoutMs?: number;
  /** How long to wait for each MCP server to start and list its tools (the config's top-level key). @default 30000 */
  mcpConnectTimeoutMs?: number;
  /**
   * Where `run_command` runs (the config's top-level `sandbox` section). Where bubblewrap
   * cannot run, `run_command` is not offered unless `mode` is `none`. @default bwrap, network off
   */
  sandbox?: SandboxOptions;
}

export interface CompiledModelOptions {
  name: "anthropic" | "openai";
  model: string;
  baseURL: string | undefined;
  apiKey: string | undefined;
  maxTurns: number;
  maxTokens: number;
  prices: Record<string, ModelPrice>;
  maxRetries: number;
  commandTimeoutMs: number;
  mcpConnectTimeoutMs: number;
  sandbox: CompiledSandboxOptions;
}

function invalid(key: string, expected: string, value: unknown): ConfigError {
  return new ConfigError("CONFIG_INVALID", `Expected \`${key}\` to be ${expected}, got ${showValue(value)}`, { key });
}

function count(key: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min) throw invalid(key, `an integer from ${min} up`, value);
  return value as number;
}

function text(key: string, value: unknown, expected: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw invalid(key, expected, value);
  return value;
}

function prices(key: string, value: unknown): Record<string, ModelPrice> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(key, "an object of model id -> price", value);
  const out: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(value)) {
    const p = price as Record<string, unknown>;
    for (const field of ["input", "output", "cachedInput", "cacheWrite"]) {
      const v = p?.[field];
      const required = field === "input" || field === "output";
      if ((required || v !== undefined) && (typeof v !== "number" || !(v >= 0))) {
        throw invalid(`${key}.${model}.${field}`, "a number of USD per million tokens, from 0 up", v);
      }
    }
    out[model] = { ...(price as ModelPrice) };
  }
  return out;
}

const MODEL_KEYS = ["model", "baseURL", "apiKey", "maxTurns", "maxTokens", "prices", "maxRetries", "commandTimeoutMs", "mcpConnectTimeoutMs", "sandbox"] as const satisfies readonly (keyof ModelAgentOptions)[];

/** Validates the options of agent `name` and fills in the defaults. Throws ConfigError. */
export function compileModelOptions(name: "anthropic" | "openai", options: Partial<ModelAgentOptions>): CompiledModelOptions {
  rejectUnknownKeys(name, options, MODEL_KEYS);
  const example = name === "anthropic" ? "claude-sonnet-4-5" : "gpt-5";
  const model = text(`${name}.model`, options.model, `a model id such as \`${example}\``);
  if (model === undefined) throw invalid(`${name}.model`, `a model id such as \`${example}\``, undefined);
  const baseURL = text(`${name}.baseURL`, options.baseURL, "an http(s) URL");
  if (baseURL !== undefined && !/^https?:\/\/\S+$/.test(baseURL)) throw invalid(`${name}.baseURL`, "an http(s) URL", baseURL);
  return {
    name,
    model,
    baseURL,
    apiKey: text(`${name}.apiKey`, options.apiKey, "a non-empty string"),
    maxTurns: count(`${name}.maxTurns`, options.maxTurns, 50, 1),
    maxTokens: count(`${name}.maxTokens`, options.maxTokens, 8192, 1),
    prices: prices(`${name}.prices`, options.prices),
    maxRetries: count(`${name}.maxRetries`, options.maxRetries, 2, 0),
    commandTimeoutMs: count(`${name}.commandTimeoutMs`, options.commandTimeoutMs, 120_000, 1),
    mcpConnectTimeoutMs: count("mcpConnectTimeoutMs", options.mcpConnectTimeoutMs, DEFAULT_MCP_CONNECT_TIMEOUT_MS, 1),
    sandbox: compileSandboxOptions(options.sandbox),
  };
}

/** A configured `apiKey` is redacted like a key from the environment (an API's error may quote it). */
export function keyIsSecret(options: CompiledModelOptions): void {
  if (options.apiKey) addSecrets([{ name: `${options.name}.apiKey`, value: options.apiKey }]);
}
