import { load, YAMLException } from "js-yaml";
import type { z } from "zod";
import { ConfigError, showValue } from "../errors.js";
import { AGENT_NAMES } from "../agents/names.js";
import { didYouMean, expectedNumber, nearestKey, schemaAt } from "./expected.js";
import { envReference } from "./env-refs.js";
import { lineOf, positionLine } from "./line-of.js";
import type { ServerProblem } from "./mcp-server.js";
import { configSchema, type Config } from "./schema.js";
import { oversized, oversizedMessage } from "../data-size.js";
import { readConfigSource, type ConfigSource } from "./source.js";

export { CONFIG_FILES, readConfigSource, type ConfigSource } from "./source.js";

/** Reads and validates the project's config file; no file means an empty config. */
export function loadConfig(root: string): { config: Config; file?: string } {
  const source = readConfigSource(root);
  return source ? { config: parseConfigSource(source), file: source.name } : { config: {} };
}

/** Parses and validates a config file's text (`readConfigSource`). */
export function parseConfigSource({ name, text }: ConfigSource): Config {
  let data: unknown;
  try {
    data = name.endsWith(".json") ? JSON.parse(text) : load(text);
  } catch (error) {
    const line = error instanceof YAMLException ? (error.mark?.line ?? 0) + 1 : positionLine(text, (error as Error).message);
    const reason = error instanceof YAMLException ? error.reason : (error as Error).message;
    throw new ConfigError("CONFIG_INVALID", `Cannot parse the config: ${reason}`, { file: name, ...(line ? { line } : {}) });
  }
  const why = oversized(data);
  if (why) {
    const { message, line } = oversizedMessage(why, "the config", text);
    throw new ConfigError("CONFIG_INVALID", message, { file: name, ...(line ? { line } : {}) });
  }
  return parseConfig(data ?? {}, name, text);
}

/** Validates config data; the error names the key, what was expected and what was found. */
export function parseConfig(data: unknown, file = "config", text = ""): Config {
  const reference = envReference(data);
  if (reference) {
    const key = reference.path.join(".");
    const line = lineOf(text, reference.path);
    throw new ConfigError(
      "CONFIG_INVALID",
      `Expected \`${key}\` to be a value, got ${showValue(reference.value)}: ${file} does not expand environment variables (the model agents read ANTHROPIC_API_KEY and OPENAI_API_KEY themselves; .mcp.json expands \${VAR})`,
      { file, key, ...(line ? { line } : {}) },
    );
  }
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String);
    const key = path.join(".");
    // An unknown key is found at its own line, not its parent's.
    const unknown = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const line = lineOf(text, unknown === undefined ? path : [...path, unknown]) ?? (path.length === 0 ? firstLine(text) : undefined);
    throw new ConfigError("CONFIG_INVALID", describeIssue(issue, key, valueAt(data, path)), { file, key: unknown === undefined ? key : [...path, unknown].join("."), ...(line ? { line } : {}) });
  }
  const agent = result.data.agent;
  if (agent !== undefined && !(AGENT_NAMES as readonly string[]).includes(agent)) {
    const line = lineOf(text, ["agent"]);
    throw new ConfigError("CONFIG_INVALID", `Expected \`agent\` to be one of ${AGENT_NAMES.map((n) => `\`${n}\``).join(", ")}, got ${showValue(agent)}${didYouMean(agent, AGENT_NAMES)}`, { file, key: "agent", ...(line ? { line } : {}) });
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue, key: string, value: unknown): string {
  const at = key ? `\`${key}\`` : "the config";
  const got = Array.isArray(value) ? "a list" : showValue(value);
  switch (issue.code) {
    case "unrecognized_keys": {
      const where = key ? ` in \`${key}\`` : "";
      const known = Object.keys((schemaAt(configSchema, issue.path.map(String))?._zod.def as { shape?: object } | undefined)?.shape ?? {});
      const nearest = issue.keys.length === 1 ? nearestKey(issue.keys[0]!, known) : undefined;
      // A few named, not fifty thousand: the message stays one line whatever the file holds.
      const named = issue.keys.slice(0, 5).map((k) => `\`${k.length > 60 ? `${k.slice(0, 57)}...` : k}\``).join(", ") + (issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : "");
      return `Unknown key${issue.keys.length > 1 ? "s" : ""} ${named}${where}${nearest ? `: did you mean \`${nearest}\`?` : ""}`;
    }
    case "invalid_type":
      return `Expected ${at} to be ${expectedNumber(schemaAt(configSchema, issue.path.map(String))) ?? article(issue.expected)}, got ${got}`;
    case "too_small":
    case "too_big": {
      const expected = expectedNumber(schemaAt(configSchema, issue.path.map(String)));
      const bound = issue.origin === "string" && issue.code === "too_small"
        ? (Number(issue.minimum) === 1 ? "a non-empty string" : `a string of at least ${String(issue.minimum)} characters`)
        : issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      return `Expected ${at} to be ${expected ?? bound}, got ${got}`;
    }
    case "invalid_value":
      return `Expected ${at} to be one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}, got ${showValue(value)}${didYouMean(value, issue.values.map(String))}`;
    case "custom": {
      // The MCP server checks (config/mcp-server.ts) word their own sentence.
      const problem = (issue.params as { problem?: ServerProblem } | undefined)?.problem;
      if (problem) return problem.message(at, got);
      return `${at}: ${issue.message}${value !== undefined ? `, got ${showValue(value)}` : ""}`;
    }
    default:
      return `${at}: ${issue.message}${value !== undefined ? `, got ${showValue(value)}` : ""}`;
  }
}

function article(type: string): string {
  return type === "object" ? "a mapping" : type === "array" ? "a list" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(data: unknown, path: string[]): unknown {
  let at: unknown = data;
  for (const key of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** Line of the first line that is neither blank nor a comment: where a top-level value starts. */
function firstLine(text: string): number | undefined {
  const index = text.split(/\r?\n/).findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#") && l.trim() !== "---");
  return index < 0 ? undefined : index + 1;
}
