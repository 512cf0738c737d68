import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load, YAMLException } from "js-yaml";
import type { z } from "zod";
import { ConfigError, showValue } from "../errors.js";
import { configSchema, type Config } from "./schema.js";

export const CONFIG_FILES = ["orchestrate.config.yaml", "orchestrate.config.yml", "orchestrate.config.json"] as const;

/** Reads and validates the project's config file; no file means an empty config. */
export function loadConfig(root: string): { config: Config; file?: string } {
  const name = CONFIG_FILES.find((f) => existsSync(join(root, f)));
  if (!name) return { config: {} };
  const text = readFileSync(join(root, name), "utf8");
  let data: unknown;
  try {
    data = name.endsWith(".json") ? JSON.parse(text) : load(text);
  } catch (error) {
    const line = error instanceof YAMLException ? (error.mark?.line ?? 0) + 1 : undefined;
    const reason = error instanceof YAMLException ? error.reason : (error as Error).message;
    throw new ConfigError("CONFIG_INVALID", `Cannot parse the config: ${reason}`, { file: name, ...(line ? { line } : {}) });
  }
  return { config: parseConfig(data ?? {}, name, text), file: name };
}

/** Validates config data; the error names the key, what was expected and what was found. */
export function parseConfig(data: unknown, file = "config", text = ""): Config {
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  const key = path.join(".");
  const line = lineOf(text, path);
  throw new ConfigError("CONFIG_INVALID", describeIssue(issue, key, valueAt(data, path)), { file, key, ...(line ? { line } : {}) });
}

function describeIssue(issue: z.core.$ZodIssue, key: string, value: unknown): string {
  const at = key ? `\`${key}\`` : "the config";
  switch (issue.code) {
    case "unrecognized_keys": {
      const where = key ? ` in \`${key}\`` : "";
      return `Unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}${where}`;
    }
    case "invalid_type":
      return `Expected ${at} to be ${article(issue.expected)}, got ${showValue(value)}`;
    case "too_small":
      return `Expected ${at} to be ${Number.isInteger(Number(issue.minimum)) && issue.origin === "number" ? `an integer from ${issue.minimum} up` : `at least ${issue.minimum}`}, got ${showValue(value)}`;
    case "invalid_value":
      return `Expected ${at} to be one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}, got ${showValue(value)}`;
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

/** Line of the deepest key of `path` found in YAML/JSON text, searching each key after its parent's line. */
function lineOf(text: string, path: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let found: number | undefined;
  for (const key of path) {
    const re = new RegExp(`^\\s*(?:-\\s*)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    const index = lines.findIndex((l, i) => i >= from && re.test(l));
    if (index < 0) break;
    found = index + 1;
    from = index + 1;
  }
  return found;
}
