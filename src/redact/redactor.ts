import { secretValues, MIN_SECRET_LENGTH, type SecretValue } from "./env.js";
import { redactAssignments } from "./assignments.js";
import { redactKeyBlocks } from "./keys.js";
import { TOKEN_RULES, type TokenRule } from "./rules.js";
import { createStreamRedactor, type StreamRedactor } from "./stream.js";

export interface RedactorOptions {
  /** Whose secret variables to redact. @default process.env */
  env?: Record<string, string | undefined>;
  /** More secret values (from a config file, say), shown by the given names. @default [] */
  values?: SecretValue[];
}

export interface Redactor {
  /** The text with every secret replaced by a `[REDACTED:<what>]` marker. */
  text(text: string): string;
  /** A JSON text with the secrets in its strings redacted; still the same JSON otherwise. */
  json(json: string): string;
  /** A redactor for text arriving in pieces (a child's stdout), line by line. */
  stream(): StreamRedactor;
}

interface Literal {
  value: string;
  marker: string;
}

const marker = (what: string) => `[REDACTED:${what}]`;

/** One regular expression for all rules: one pass over the text, whatever the number of rules. */
function compileRules(rules: readonly TokenRule[]): { regex: RegExp; slots: { rule: TokenRule; index: number }[]; prefixes: RegExp } {
  const slots: { rule: TokenRule; index: number }[] = [];
  let index = 1;
  for (const rule of rules) {
    slots.push({ rule, index });
    // The rule's own group, then the groups inside it.
    index += 1 + (new RegExp(`${rule.source}|`).exec("")!.length - 1);
  }
  // The prefixes alone, without the rules' lookbehinds and runs: a native scan that rules out most texts at once.
  const prefixes = new RegExp([...new Set(rules.map((r) => r.prefix))].join("|"));
  return { regex: new RegExp(rules.map((r) => `(${r.source})`).join("|"), "g"), slots, prefixes };
}

const COMPILED = compileRules(TOKEN_RULES);

function replaceTokens(text: string): string {
  const { regex, slots, prefixes } = COMPILED;
  if (!prefixes.test(text)) return text;
  regex.lastIndex = 0;
  if (!regex.test(text)) return text;
  return text.replace(regex, (...args: unknown[]) => {
    const match = args[0] as string;
    const slot = slots.find((s) => args[s.index] !== undefined);
    if (!slot) return match;
    const { rule, index } = slot;
    if (rule.group === undefined) return marker(rule.id);
    const secret = args[index + rule.group] as string;
    const at = match.lastIndexOf(secret);
    return `${match.slice(0, at)}${marker(rule.id)}${match.slice(at + secret.length)}`;
  });
}

/** Each secret value as it appears in text, and as it appears inside a JSON string when that differs. */
function literalsOf(values: SecretValue[]): Literal[] {
  const literals: Literal[] = [];
  for (const { name, value } of values) {
    literals.push({ value, marker: marker(name) });
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) literals.push({ value: escaped, marker: marker(name) });
  }
  return literals.sort((a, b) => b.value.length - a.value.length);
}

/** Deep copy of parsed JSON with every string passed through `redact`. */
function mapStrings(value: unknown, redact: (s: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, redact));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, redact);
    return out;
  }
  return value;
}

/** Texts up to this long are remembered once found clean (a prompt is some KB; a plan's JSON can be MB, not worth holding). */
const REMEMBERED_CHARS = 256 * 1024;

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const literals = literalsOf([...secretValues(options.env ?? process.env), ...(options.values ?? [])]);
  // The last text found clean. The engine redacts a prompt before its agent gets it, and the
  // store redacts what it keeps: the same string, a few KB, comes back at once. `text` is a
  // pure function of its input (for this redactor), so a clean text is clean when asked again.
  let clean: string | undefined;

  const text = (input: string): string => {
    if (input.length < MIN_SECRET_LENGTH || input === clean) return input;
    let out = input;
    // includes() first: a native scan, and the common case is that nothing is found.
    for (const l of literals) if (out.includes(l.value)) out = out.split(l.value).join(l.marker);
    // Assignments last: a value already found as a token or an env value keeps that marker.
    out = redactAssignments(replaceTokens(redactKeyBlocks(out).text));
    if (out === input && input.length <= REMEMBERED_CHARS) clean = input;
    return out;
  };

  const json = (input: string): string => {
    // Scan the JSON text as it is; only when something is found, redact string by string,
    // so that a replacement can never break the JSON around it.
    if (text(input) === input) return input;
    try {
      return JSON.stringify(mapStrings(JSON.parse(input), text)) ?? input;
    } catch {
      return text(input);
    }
  };

  return { text, json, stream: () => createStreamRedactor(text) };
}
