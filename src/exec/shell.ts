/** Quotes one word for /bin/sh: `it's` -> `'it'\''s'`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Values for the placeholders of a command line; none of them is ever written into the line. */
export interface Placeholders {
  promptFile: string;
  module: string;
  layer: string;
  attempt: number;
  runId: string;
  files: readonly string[];
}

export const PLACEHOLDER_NAMES = ["promptFile", "module", "layer", "attempt", "runId", "files", "prompt"] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** The environment variable that carries each placeholder's value. */
export const PLACEHOLDER_ENV = {
  promptFile: "ORCHESTRATE_PROMPT_FILE",
  module: "ORCHESTRATE_MODULE",
  layer: "ORCHESTRATE_LAYER",
  attempt: "ORCHESTRATE_ATTEMPT",
  runId: "ORCHESTRATE_RUN_ID",
  /** The files joined by spaces; each file is also in `ORCHESTRATE_FILE_<n>`, from 1. */
  files: "ORCHESTRATE_FILES",
} as const;

const FILE_PREFIX = "ORCHESTRATE_FILE_";

/** A command line whose placeholders are variable references, and the variables they read. */
export interface Expanded {
  command: string;
  env: Record<string, string>;
}

/** Where a placeholder sits in the shell's quoting. */
type Quoting = "bare" | "double" | "single";

// `${name}` is shell syntax, not ours: the lookbehind leaves it alone.
const PATTERN = new RegExp(`(?<!\\$)\\{(${PLACEHOLDER_NAMES.join("|")})\\}`, "g");

/** Whether the command line uses a placeholder. */
export function usesPlaceholder(template: string, name: PlaceholderName): boolean {
  return [...template.matchAll(PATTERN)].some((match) => match[1] === name);
}

/**
 * Replaces `{promptFile}`, `{module}`, `{layer}`, `{attempt}`, `{runId}`, `{files}` and `{prompt}`
 * with references to environment variables, never with the values. The shell expands a
 * variable after it has parsed the line and does not parse the result again, so no value
 * (a file named `$(touch x)`, `` `x` `` or `; x`) can become syntax, wherever the placeholder
 * sits: bare, inside a word, in double quotes or in single quotes. Each reference is written
 * for its quoting: `"${V}"` bare, `${V}` in double quotes, `'"${V}"'` in single quotes (close,
 * quoted reference, reopen). Bare `{files}` becomes one word per file; quoted, one word with
 * the files joined by spaces. `{prompt}` reads the prompt file with `$(cat ...)`, because an
 * environment variable, like an argument, is capped at 128 KiB on Linux.
 */
export function expandCommand(template: string, values: Placeholders): Expanded {
  const env: Record<string, string> = {
    [PLACEHOLDER_ENV.promptFile]: values.promptFile,
    [PLACEHOLDER_ENV.module]: values.module,
    [PLACEHOLDER_ENV.layer]: values.layer,
    [PLACEHOLDER_ENV.attempt]: String(values.attempt),
    [PLACEHOLDER_ENV.runId]: values.runId,
    ...filesEnv(values.files),
  };
  return { command: substitute<PlaceholderName>(template, PATTERN, (name, quoting) => reference(name, quoting, values.files.length)), env };
}

/** The variables for `{files}`: all of them joined by spaces, and each one. */
export function filesEnv(files: readonly string[]): Record<string, string> {
  const env: Record<string, string> = { [PLACEHOLDER_ENV.files]: files.join(" ") };
  files.forEach((file, i) => (env[`${FILE_PREFIX}${i + 1}`] = file));
  return env;
}

/** The shell text that stands for placeholder `name` at a place with the given quoting. */
export function reference(name: PlaceholderName, quoting: Quoting, fileCount: number): string {
  let inner: string;
  if (name === "prompt") inner = `$(cat "\${${PLACEHOLDER_ENV.promptFile}}")`;
  else if (name === "files" && quoting === "bare") {
    return Array.from({ length: fileCount }, (_, i) => `"\${${FILE_PREFIX}${i + 1}}"`).join(" ");
  } else inner = `\${${PLACEHOLDER_ENV[name]}}`;
  if (quoting === "double") return inner;
  if (quoting === "single") return `'"${inner}"'`;
  return `"${inner}"`;
}

/** A level of the shell's quoting while scanning: `sub` marks a `$(` ... `)` with its open parentheses. */
interface Frame {
  kind: "plain" | "single" | "double" | "backtick";
  sub: boolean;
  parens: number;
}

/**
 * Replaces each match of `pattern` (group 1 is the name) with `replace(name, quoting)`,
 * tracking /bin/sh's quoting: single and double quotes, backslash escapes, `$(...)` and
 * backquotes (a command substitution starts unquoted again, even inside double quotes).
 */
export function substitute<N extends string>(
  template: string,
  pattern: RegExp,
  replace: (name: N, quoting: Quoting) => string,
): string {
  const starts = new Map<number, { length: number; name: N }>();
  for (const match of template.matchAll(pattern)) starts.set(match.index, { length: match[0].length, name: match[1] as N });
  const stack: Frame[] = [{ kind: "plain", sub: false, parens: 0 }];
  let out = "";
  let i = 0;
  while (i < template.length) {
    const top = stack[stack.length - 1]!;
    const found = starts.get(i);
    if (found) {
      const quoting: Quoting = top.kind === "single" ? "single" : top.kind === "double" ? "double" : "bare";
      out += replace(found.name, quoting);
      i += found.length;
      continue;
    }
    const c = template[i]!;
    let step = 1;
    if (top.kind === "single") {
      if (c === "'") stack.pop();
    } else if (c === "\\") {
      // The escaped character is literal, so `\{module}` stays as written.
      step = 2;
    } else if (c === "$" && template[i + 1] === "(") {
      stack.push({ kind: "plain", sub: true, parens: 0 });
      step = 2;
    } else if (c === "`") {
      if (top.kind === "backtick") stack.pop();
      else stack.push({ kind: "backtick", sub: false, parens: 0 });
    } else if (top.kind === "double") {
      if (c === '"') stack.pop();
    } else if (c === "'") {
      stack.push({ kind: "single", sub: false, parens: 0 });
    } else if (c === '"') {
      stack.push({ kind: "double", sub: false, parens: 0 });
    } else if (top.sub && c === "(") {
      top.parens++;
    } else if (top.sub && c === ")") {
      if (top.parens === 0) stack.pop();
      else top.parens--;
    }
    out += template.slice(i, i + step);
    i += step;
  }
  return out;
}
