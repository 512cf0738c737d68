/** Quotes one word for /bin/sh: `it's` -> `'it'\''s'`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Values for the placeholders of a command line; each is inserted shell-quoted. */
export interface Placeholders {
  promptFile: string;
  module: string;
  layer: string;
  attempt: number;
  runId: string;
  files: readonly string[];
}

export const PLACEHOLDER_NAMES = ["promptFile", "module", "layer", "attempt", "runId", "files", "prompt"] as const;

/**
 * `{prompt}` becomes `"$(cat <promptFile>)"`: the text reaches the program as one argument
 * without passing through the `sh -c` line. Linux caps one argument at 128 KiB.
 */
export function promptArgument(promptFile: string): string {
  return `"$(cat ${shellQuote(promptFile)})"`;
}

// `${name}` is shell syntax, not ours: the lookbehind leaves it alone.
const PATTERN = new RegExp(`(?<!\\$)\\{(${PLACEHOLDER_NAMES.join("|")})\\}`, "g");

/** Whether the command line uses a placeholder. */
export function usesPlaceholder(template: string, name: (typeof PLACEHOLDER_NAMES)[number]): boolean {
  return [...template.matchAll(PATTERN)].some((match) => match[1] === name);
}

/** Replaces `{promptFile}`, `{module}`, `{layer}`, `{attempt}`, `{runId}`, `{files}` and `{prompt}`. */
export function expandCommand(template: string, values: Placeholders): string {
  return template.replace(PATTERN, (_all, name: (typeof PLACEHOLDER_NAMES)[number]) => {
    switch (name) {
      case "files":
        return values.files.map(shellQuote).join(" ");
      case "prompt":
        return promptArgument(values.promptFile);
      default:
        return shellQuote(String(values[name]));
    }
  });
}
