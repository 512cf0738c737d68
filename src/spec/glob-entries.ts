/**
 * Owned entries written as globs with braces or negations, as `.gitignore`, Cursor's rules and
 * CODEOWNERS-like lists write them. Ownership is by folders and files (spec/folders.ts): a
 * brace stands for each of its choices, and a negation is no owned path.
 */

/** Enough for any list people write by hand; a pattern making more is kept as written. */
const MAX_CHOICES = 64;

/**
 * `src/{billing,invoices}/**` -> `src/billing/**`, `src/invoices/**`: the first brace group with a
 * comma, then the rest of each choice, nested groups too. An entry with none is itself.
 */
export function expandBraces(entry: string): string[] {
  const group = /\{([^{}]*,[^{}]*)\}/.exec(entry);
  if (!group) return [entry];
  const [before, after] = [entry.slice(0, group.index), entry.slice(group.index + group[0].length)];
  const out = group[1]!.split(",").flatMap((choice) => expandBraces(`${before}${choice}${after}`));
  return out.length > MAX_CHOICES ? [entry] : [...new Set(out)];
}

/** `!**\/*.test.ts`: an entry that takes files away from the others, which ownership does not apply. */
export function isExclusion(entry: string): boolean {
  return entry.startsWith("!");
}
