import { secretValues, MIN_SECRET_LENGTH, type SecretValue } from "./env.js";
import { ASSIGNMENT_START_CHARS, redactAssignments } from "./assignments.js";
import { holdsCandidate } from "./candidates.js";
import { KEY_BLOCK_START, redactKeyBlocks } from "./keys.js";
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
  /** `text(text)`, remembering under `key` (a spec's digest) when the text was clean: `quoting` then need not read it again. */
  remember(text: string, key: string): string;
  /**
   * `text(text)` for a text that quotes `part`, a text `remember` found clean under `key`
   * (a prompt quoting its module's spec): when the rest and the seams around the part hold
   * nothing a secret starts with, the text is clean without the part being read again.
   */
  quoting(text: string, part: string, key: string): string;
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
function compileRules(rules: readonly TokenRule[]): { regex: RegExp; slots: { rule: TokenRule; index: number }[]; prefixes: RegExp; prefixChars: number } {
  const slots: { rule: TokenRule; index: number }[] = [];
  let index = 1;
  for (const rule of rules) {
    slots.push({ rule, index });
    // The rule's own group, then the groups inside it.
    index += 1 + (new RegExp(`${rule.source}|`).exec("")!.length - 1);
  }
  // The prefixes alone, without the rules' lookbehinds and runs: a native scan that rules out most texts at once.
  const prefixes = new RegExp([...new Set(rules.map((r) => r.prefix))].join("|"));
  // A prefix without a repeat matches at most a character for each of its source's; one with a repeat has no bound here.
  const prefixChars = Math.max(...rules.map((r) => (/[*+{]/.test(r.prefix) ? Infinity : r.prefix.length)));
  return { regex: new RegExp(rules.map((r) => `(${r.source})`).join("|"), "g"), slots, prefixes, prefixChars };
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

/** Deep copy of parsed JSON with every string, names of members too, passed through `redact`; `changed.any` says whether one changed. */
function mapStrings(value: unknown, redact: (s: string) => string, changed: { any: boolean }): unknown {
  if (typeof value === "string") {
    const out = redact(value);
    if (out !== value) changed.any = true;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, redact, changed));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[mapStrings(k, redact, changed) as string] = mapStrings(v, redact, changed);
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
  // Texts `remember` found clean, by key, with their lengths (a key given with another text is not taken for it).
  const cleanKeys = new Map<string, number>();
  // The most characters a match's start spans: a token's prefix, an assignment's key and sign, a key block's
  // first dashes, a secret value (which alone may go over a line break).
  const reach = Math.max(COMPILED.prefixChars, ASSIGNMENT_START_CHARS, KEY_BLOCK_START.length, ...literals.map((l) => l.value.length));

  const text = (input: string): string => {
    if (input.length < MIN_SECRET_LENGTH || input === clean) return input;
    let out = input;
    // includes() first: a native scan, and the common case is that nothing is found. By index: a run redacts a
    // dozen texts a module, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator each time.
    for (let i = 0; i < literals.length; i++) {
      const l = literals[i]!;
      if (out.includes(l.value)) out = out.split(l.value).join(l.marker);
    }
    // Assignments last: a value already found as a token or an env value keeps that marker.
    if (holdsCandidate(out)) out = redactAssignments(replaceTokens(redactKeyBlocks(out).text));
    if (out === input && input.length <= REMEMBERED_CHARS) clean = input;
    return out;
  };

  /** Whether a match of any rule could start in `part`: without one, `text` returns it as it is. */
  const startsIn = (part: string): boolean => literals.some((l) => part.includes(l.value)) || holdsCandidate(part);

  const remember = (input: string, key: string): string => {
    const out = text(input);
    if (out === input) cleanKeys.set(key, input.length);
    return out;
  };

  const quoting = (input: string, part: string, key: string): string => {
    const at = cleanKeys.get(key) === part.length && input !== clean ? input.indexOf(part) : -1;
    if (at < 0) return text(input);
    // What redacting the whole would find lies before the part or after it, or crosses a seam; none lies inside
    // the clean part. One crossing the first seam starts before it, so its start is within reach after it.
    // No rule but a secret value matches over a line break: one crossing the last seam starts on the part's
    // last line, or within reach of its end.
    const end = at + part.length;
    const from = Math.min(at + part.lastIndexOf("\n") + 1, end - reach);
    if (from <= at + reach || startsIn(input.slice(0, at + reach)) || startsIn(input.slice(from))) return text(input);
    if (input.length <= REMEMBERED_CHARS) clean = input;
    return input;
  };

  // The last JSON text found clean: not `clean`, since a text clean as it is may hide a string that is not (an escaped quote).
  let cleanJson: string | undefined;
  const json = (input: string): string => {
    // The JSON text is scanned for where a secret could start (a secret value, escaped or not; a start
    // `holdsCandidate` finds, escaped or not): none, and no string in it holds one. Else each string is
    // redacted as the text it stands for, so that a replacement can never break the JSON around it, and
    // a quote or newline escaped in the JSON text hides nothing (`password=\"...\"`).
    if (input === cleanJson) return input;
    if (!literals.some((l) => input.includes(l.value)) && !holdsCandidate(input)) {
      if (input.length <= REMEMBERED_CHARS) cleanJson = input;
      return input;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      return text(input);
    }
    const changed = { any: false };
    const mapped = mapStrings(parsed, text, changed);
    return changed.any ? (JSON.stringify(mapped) ?? input) : input;
  };

  return { text, remember, quoting, json, stream: () => createStreamRedactor(text) };
}
