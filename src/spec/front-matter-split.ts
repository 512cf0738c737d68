/**
 * Where a spec's front matter ends, without parsing it: the split `readFrontMatter`
 * (spec/frontmatter.ts) parses, and the one the parse cache's content key hashes the body by
 * (spec/stat-index.ts). No imports: the cache's index-only path loads it.
 */

const OPEN = /^---[ \t]*\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** A leading `---` block of `text` (no byte order mark, LF line ends): its YAML and the body after it. */
export interface FrontMatterSplit {
  yamlText: string;
  body: string;
}

/**
 * The last text split and its split. A spec is split twice in a row, for the parse cache's key
 * and then by its parse: the second gets the same body string, so the body's digest (a Map by
 * text, spec/derived.ts) is found by identity, not by hashing and comparing 34 MB of two-byte
 * text again in a cold `plan` of 10,000 specs.
 */
let last: { text: string; split: FrontMatterSplit | "unclosed" | undefined } | undefined;

/** The front matter of `text` split from its body; undefined without one, "unclosed" when its `---` is never closed. */
export function splitFrontMatter(text: string): FrontMatterSplit | "unclosed" | undefined {
  if (last?.text !== text) last = { text, split: splitOnce(text) };
  return last.split;
}

function splitOnce(text: string): FrontMatterSplit | "unclosed" | undefined {
  if (!OPEN.test(text)) return undefined;
  const rest = text.slice(text.indexOf("\n") + 1);
  const close = CLOSE.exec(rest);
  if (!close) return "unclosed";
  const afterClose = rest.indexOf("\n", close.index);
  return { yamlText: rest.slice(0, close.index), body: afterClose < 0 ? "" : rest.slice(afterClose + 1) };
}

/**
 * Where the body of `text` starts when `body` is the very string the last split of `text` cut
 * (or `text` itself, which has no front matter): found without comparing characters, where
 * `text.endsWith(body)` compares all of them (34 MB of two-byte text for 10,000 specs). Undefined
 * when that is not known here.
 */
export function knownBodyStart(text: string, body: string): number | undefined {
  if (body === text) return 0;
  const split = last?.text === text ? last.split : undefined;
  return typeof split === "object" && split.body === body ? text.length - body.length : undefined;
}

/** The body of `text` as `readFrontMatter` gives it; all of `text` when it has no front matter or an unclosed one. */
export function bodyOf(text: string): string {
  const split = splitFrontMatter(text);
  return typeof split === "object" ? split.body : text;
}
