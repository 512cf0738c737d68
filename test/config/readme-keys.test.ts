import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's example config: the first yaml block of its Configuration section. */
const BLOCK = /```yaml\n([\s\S]*?)```/.exec(README.slice(README.indexOf("\n## Configuration\n")))![1]!;

function readmeConfig(): Record<string, unknown> {
  return load(BLOCK) as Record<string, unknown>;
}

/** The example's text under each top-level key, its comments included (`# or run: "..."; prompt: stdin | file`). */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  let key = "";
  for (const line of BLOCK.split("\n")) {
    const top = /^([A-Za-z]\w*):/.exec(line);
    if (top) key = top[1]!;
    out.set(key, `${out.get(key) ?? ""}${line}\n`);
  }
  return out;
}

/**
 * Whether `a.b` is documented though the example does not set it: named in a comment of its
 * section (`killGraceMs: 2000 (SIGTERM to SIGKILL)`), or anywhere in the README as `a.b` or `a: { b: ... }`.
 */
function said(key: string, text: Map<string, string>): boolean {
  const [a, b] = key.split(".") as [string, string | undefined];
  if (b === undefined) return false;
  return new RegExp(`\\b${b}:`).test(text.get(a) ?? "") || README.includes(`\`${a}.${b}\``) || README.includes(`${a}: { ${b}:`);
}

/** An object schema's keys, through `.optional()`, `.refine()` and the like; none for anything else. */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; def?: { innerType?: unknown; in?: unknown; schema?: unknown } };
  for (let i = 0; i < 8 && s; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, unknown>;
    const inner = s.def?.innerType ?? s.def?.in ?? s.def?.schema;
    if (!inner) return undefined;
    s = inner as typeof s;
  }
  return undefined;
}

/** `a`, `a.b`: keys two levels deep. Loose sections (an agent's, validated by the agent) stop at their name. */
function schemaKeys(): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(configSchema.shape)) {
    keys.add(key);
    const shape = shapeOf(value);
    if (shape) for (const sub of Object.keys(shape)) keys.add(`${key}.${sub}`);
  }
  return keys;
}

function readmeKeys(config: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    keys.add(key);
    if (value && typeof value === "object" && !Array.isArray(value)) for (const sub of Object.keys(value)) keys.add(`${key}.${sub}`);
  }
  return keys;
}

describe("the README's example config and the config schema", () => {
  it("name the same keys: each key the code reads is in the example, and each key of the example is read", () => {
    const config = readmeConfig();
    // The example config is a valid one, as written.
    const parsed = configSchema.safeParse(config);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    const code = schemaKeys();
    const readme = readmeKeys(config);
    // Per layer and per module: their keys are layer and module ids, not config keys.
    const ids = (key: string) => /^(layers|modules|mcpServers)\./.test(key);
    const text = sections();
    expect([...code].filter((k) => !readme.has(k) && !ids(k) && !said(k, text))).toEqual([]);
    // An agent's section (`anthropic: { model }`) is an open object here: its agent validates its keys.
    const open = (key: string) => { const shape = shapeOf(configSchema.shape[key.split(".")[0] as keyof typeof configSchema.shape]); return shape !== undefined && Object.keys(shape).length === 0; };
    expect([...readme].filter((k) => !code.has(k) && !ids(k) && !open(k))).toEqual([]);
  });
});
