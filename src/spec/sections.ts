import type { Block } from "./markdown.js";
import type { ImportRule } from "./types.js";
import { sectionsStartingWith } from "./markdown.js";
import { LINKS } from "./links.js";

export { linkTargets } from "./links.js";

// `**Key**: value`, and a table row of fields, `| **Key** | value |` (read as `**Key** | value`).
const FIELD = /^\s*\*\*([^*]+?):?\*\*\s*[:|]?\s*(.*)$/;
const BACKTICKED = /`([^`]+)`/g;

export interface Field {
  key: string;
  value: string;
  line: number;
  /** List items right below a field with no value (`**Related Files**:` then a list). */
  items: { text: string; codespans: string[]; line: number }[];
  /**
   * For a field with neither value nor items, a bold line written as a heading (`**Depends On:**`
   * then prose): the blocks below it, up to the next heading or bold line.
   */
  after?: Block[];
}

/**
 * Every `**Key**: value` line outside code, in document order, and the fields people write
 * without bold, as a line or a list item, for the keys orchestrate reads (`- file: \`a.py\``,
 * `Depends on: store, search`). A bold field in a list item needs a value or a list nested in it.
 */
export function boldFields(blocks: Block[]): Field[] {
  const fields: Field[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== "text") return;
    // A field line holds `**` or a colon: most paragraphs have neither, and are not split into lines.
    const bold = block.text.includes("**") || block.text.includes("__");
    if (!bold && !block.text.includes(":") && !(block.item && block.text.includes(" | "))) return;
    const split = block.text.split("\n");
    const lines = DEFINITION_LINE.test(block.text) ? definitions(split) : split;
    lines.forEach((text, offset) => {
      // A bold field's line holds `**`, a plain one's a colon: each pattern only where it can match.
      const m = (bold ? boldField(text) : null) ?? (text.includes(":") || (block.item && text.includes(" | ")) ? plainField(text) : null);
      if (!m) return;
      const field: Field = { key: m[1]!.trim(), value: m[2]!.trim(), line: block.line + offset, items: [] };
      // A bold field in a list item needs a value, or a list nested in its item (`- **Depends on**:` then `  1. ledger`).
      if (!field.value && block.item) {
        field.items = offset === lines.length - 1 ? nestedItemsAfter(blocks, index) : [];
        if (field.items.length) fields.push(field);
        return;
      }
      // Items right below it: in the next blocks, or, indented with a tab, still lines of this paragraph.
      if (!field.value) field.items = offset === lines.length - 1 ? itemsAfter(blocks, index) : itemLines(lines, offset + 1, block.line);
      if (!field.value && field.items.length === 0) field.after = blocksAfter(blocks, index, lines, offset, block.line);
      fields.push(field);
    });
  });
  return fields;
}

/**
 * A definition list's term and its definitions (`Depends on` then `: store` and `: pricing`, as
 * PHP Markdown Extra and Pandoc write them) as one field's line, `Depends on: store, pricing`,
 * at the term's line; the definitions' lines are left empty.
 */
function definitions(lines: string[]): string[] {
  for (let i = 1; i < lines.length; i++) {
    if (!DEFINITION.test(lines[i]!) || DEFINITION.test(lines[i - 1]!) || !lines[i - 1]!.trim() || lines[i - 1]!.includes(":")) continue;
    const values: string[] = [];
    let j = i;
    for (; j < lines.length && DEFINITION.test(lines[j]!); j++) values.push(lines[j]!.replace(DEFINITION, "").trim());
    lines[i - 1] = `${lines[i - 1]!.trimEnd()}: ${values.join(", ")}`;
    for (let k = i; k < j; k++) lines[k] = "";
    i = j;
  }
  return lines;
}

const DEFINITION = /^[ \t]{0,3}:[ \t]+/;
const DEFINITION_LINE = /\n[ \t]{0,3}:[ \t]/;

// Bold written another way: `__Files__:`, `***Depends on***:` (bold and italic).
const OTHER_BOLD = /^(\s*)(?:\*\*\*|__)([^*_]+?)(?:\*\*\*|__)/;

/** A bold field's match, its key bold in any of the ways markdown writes bold. */
function boldField(text: string): RegExpExecArray | null {
  if (!text.includes("**")) return text.includes("__") ? FIELD.exec(text.replace(OTHER_BOLD, "$1**$2**")) : null;
  return FIELD.exec(text.trimStart().startsWith("***") ? text.replace(OTHER_BOLD, "$1**$2**") : text);
}

// Keys orchestrate reads, written without bold: `File: a.py`, `- deps: store, search`.
// A table row of fields reads `Depends on | a, b`.
const PLAIN_FIELD = /^\s*((?:primary |main |module |related |owned |source )?files?|module(?: path)?|tests?(?: files?)?|location|paths?|director(?:y|ies)|folders?|depends(?: (?:up)?on)?|deps|dependencies|requires|needs|upstream|uses|layer|logger)\s*(?::| \| )\s*(.*)$/i;
const FILE_KEY = /files?$|^module|^tests?$|^(?:location|paths?|director(?:y|ies)|folders?)$/i;

/** A plain `key: value` line for a key orchestrate reads; a file key needs a path, a key on its own a list below. */
function plainField(text: string): RegExpExecArray | null {
  const m = PLAIN_FIELD.exec(text);
  if (!m) return null;
  const value = m[2]!.trim();
  if (FILE_KEY.test(m[1]!) && value && !/`|\/|\.[A-Za-z0-9]{1,8}\b/.test(value)) return null;
  return m;
}

/** `\t- \`a.py\`` lines of a paragraph from `from` on, as items. */
function itemLines(lines: string[], from: number, firstLine: number): Field["items"] {
  const items: Field["items"] = [];
  for (let i = from; i < lines.length; i++) {
    const m = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(lines[i]!);
    if (!m) break;
    items.push({ text: m[1]!, codespans: backticked(m[1]!), line: firstLine + i });
  }
  return items;
}

function itemsAfter(blocks: Block[], index: number): Field["items"] {
  const items: Field["items"] = [];
  for (let i = index + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== "text" || !b.item) break;
    items.push({ text: b.text, codespans: b.codespans, line: b.line });
  }
  return items;
}

/** The items of the lists nested in the item at `index`: those after it nested deeper than it. */
function nestedItemsAfter(blocks: Block[], index: number): Field["items"] {
  const depth = (b: Block | undefined) => (b?.kind === "text" && b.item ? (b.nested ?? 0) : -1);
  const own = depth(blocks[index]);
  const items: Field["items"] = [];
  for (let i = index + 1; depth(blocks[i]) > own; i++) {
    const b = blocks[i] as Extract<Block, { kind: "text" }>;
    if (b.nested === own + 1) items.push({ text: b.text, codespans: b.codespans, line: b.line });
  }
  return items;
}

/** The rest of the paragraph below line `offset`, then the blocks up to a heading or a paragraph that starts bold. */
function blocksAfter(blocks: Block[], index: number, lines: string[], offset: number, firstLine: number): Block[] {
  const after: Block[] = [];
  if (offset < lines.length - 1) {
    const text = lines.slice(offset + 1).join("\n");
    if (text.trimStart().startsWith("**")) return after;
    after.push({ kind: "text", text, codespans: backticked(text), line: firstLine + offset + 1, item: false });
  }
  for (let i = index + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "heading" || (b.kind === "text" && !b.item && b.text.trimStart().startsWith("**"))) break;
    after.push(b);
  }
  return after;
}

export function backticked(text: string): string[] {
  const spans: string[] = [];
  // Most values and items hold no code span; a match loop, not matchAll's iterator spread into an array and mapped.
  if (!text.includes("`")) return spans;
  for (let m = BACKTICKED.exec(text); m; m = BACKTICKED.exec(text)) spans.push(m[1]!.trim());
  return spans;
}

/**
 * The reference an item names: a link it starts with (its target, or its text for a web
 * address or an anchor), else its first backticked span, else its first word.
 */
export function itemReference(item: { text: string; codespans: string[] }): string | undefined {
  // A check mark, an emoji or an arrow before the name (`✅ store`, `✔️ pricing`, `→ ledger`, `-> tax`) marks it; it is no part of it.
  const first0 = item.text.charCodeAt(0);
  const unmarked = first0 > 0x7f ? item.text.replace(MARKS, "") : first0 === 45 || first0 === 61 ? item.text.replace(ASCII_ARROW, "") : item.text;
  // Bold around the name (`**store**`): the pattern tries every character, most items start and end with none.
  const text = unmarked.charCodeAt(0) === STAR || unmarked.charCodeAt(unmarked.length - 1) === STAR ? unmarked.replace(/^\*+|\*+$/g, "") : unmarked;
  const first = leadingLink(text) ?? item.codespans[0] ?? /^\s*([\w./@\\-]+)/.exec(text)?.[1];
  return first?.trim() || undefined;
}

/**
 * The display name an item or a field's piece starts with, when it is more than a word:
 * `**Booking Service Agent** — for X` -> `Booking Service Agent`, `Recipe Store (the DB)` ->
 * `Recipe Store`. Undefined for one word, a link, a code span or a sentence.
 */
export function leadingPhrase(text: string): string | undefined {
  const bold = /^\s*(?:\*\*|__)([^*_`]+?)(?:\*\*|__)/.exec(text);
  // `The Task Service agent`: the article names nothing.
  const phrase = (bold ? bold[1]! : text.split(/\s[—–-]\s|[:(,;—–]/)[0]!).trim().replace(/^(?:the|an?)\s+(?=\S+\s)/i, "");
  const words = phrase.split(/\s+/);
  return words.length > 1 && words.length <= 4 && words.every((w) => /^[A-Za-z][\w-]*$/.test(w)) ? phrase : undefined;
}

const STAR = 42;
const LINK = /^\s*\[([^\]]+)\]\(\s*<?([^)\s>]+)>?[^)]*\)/;
// A reference link, `[Pricing][pricing]` or `[Pricing][]`: its target is defined elsewhere, its text names the module.
const REFERENCE_LINK = /^\s*\[([^\]]+)\]\[[^\]]*\]/;
const MARKS = /^(?:[\s\u2610-\u2612\u2705\u2713\u2714\u2611\uFE0F\u2192\u21D2\u27F6\u279C\u2794]|\p{Extended_Pictographic})+/u;
const ASCII_ARROW = /^(?:->|=>|-->)\s+/;

/** `text` with each link written as its target, or as its text for a web address or an anchor: `[Auth](../AUTH_AGENT.md)` -> `../AUTH_AGENT.md`. */
export function linksAsTargets(text: string): string {
  if (!text.includes("](")) return text;
  return text.replace(LINKS, (_, label: string, written: string) => {
    const target = written.replace(/#.*$/, "");
    return target && !/^[a-z][a-z0-9+.-]*:/i.test(target) ? target : label;
  });
}

/** `[Auth](../core/AUTH_AGENT.md) ...` -> `../core/AUTH_AGENT.md`; `[Auth](#auth)` -> `Auth`. */
function leadingLink(text: string): string | undefined {
  if (!text.trimStart().startsWith("[")) return undefined;
  const m = LINK.exec(text);
  if (!m) return REFERENCE_LINK.exec(text)?.[1]!.replace(/`/g, "").trim();
  const target = m[2]!.replace(/#.*$/, "");
  return target && !/^[a-z][a-z0-9+.-]*:/i.test(target) ? target : m[1]!.replace(/`/g, "").trim();
}

/** Entries of "Allowed Imports" / "Forbidden Imports" lists, under headings or bold fields. */
export function importRules(blocks: Block[], fields: Field[], file: string, which: "allowed" | "forbidden"): ImportRule[] {
  const heading = which === "allowed" ? /^allowed(?: imports?)?\b/i : /^(?:forbidden|prohibited|disallowed)(?: imports?)?\b/i;
  const rules: ImportRule[] = [];
  const add = (pattern: string | undefined, line: number) => {
    if (pattern && !/^(?:none|n\/a|-)$/i.test(pattern)) rules.push({ pattern, file, line });
  };
  for (const section of sectionsStartingWith(blocks, heading)) {
    for (const b of section.blocks) if (b.kind === "text" && b.item) add(itemReference(b), b.line);
  }
  for (const field of fields) {
    if (!heading.test(field.key)) continue;
    for (const span of backticked(field.value)) add(span, field.line);
    for (const item of field.items) add(itemReference(item), item.line);
  }
  return rules;
}

// A rule marker in a code line's comment: forbidden first, since "not allowed" holds "allowed".
const FORBIDDEN_MARK = /❌|✗|✘|🚫|⛔|\b(?:forbidden|not allowed|disallowed|prohibited|never)\b/i;
const ALLOWED_MARK = /✅|✓|✔|\b(?:allowed|ok)\b/i;

/**
 * Import rules written as code: a block of import lines, each marked in a comment
 * (`from pkg.data import handler  # ✅ ALLOWED`, `import pkg.engine  # ❌ FORBIDDEN`,
 * `# allowed` / `# forbidden`, ✓ / ✗). The rule is the imported module path
 * (`pkg.data.handler` for `from pkg.data import handler`; the package for classes).
 */
export function commentRules(blocks: Block[], file: string): { allowed: ImportRule[]; forbidden: ImportRule[] } {
  const result = { allowed: [] as ImportRule[], forbidden: [] as ImportRule[] };
  for (const b of blocks) {
    if (b.kind !== "code" || !(FORBIDDEN_MARK.test(b.text) || ALLOWED_MARK.test(b.text))) continue;
    b.text.split("\n").forEach((text, i) => {
      const hash = text.search(/#|\/\//);
      if (hash < 0) return;
      const comment = text.slice(hash);
      const which = FORBIDDEN_MARK.test(comment) ? "forbidden" : ALLOWED_MARK.test(comment) ? "allowed" : undefined;
      const pattern = which && importedPath(text.slice(0, hash));
      if (which && pattern) result[which].push({ pattern, file, line: b.line + i });
    });
  }
  return result;
}

const FROM = /^\s*from\s+([\w.]+)\s+import\b(.*)$/;
const IMPORT = /^\s*import\s+([\w.]+)(?:\s+as\s+\w+)?$/;
const NAME = /^\w+$/;

function importedPath(written: string): string | undefined {
  const code = written.trimEnd();
  const from = FROM.exec(code);
  if (from) {
    const names = from[2]!.replace(/[()]/g, "").split(",").map((n) => n.trim().split(/\s+as\s+/)[0]!).filter(Boolean);
    if (!names.every((n) => NAME.test(n) || n === "*")) return undefined;
    const only = names.length === 1 ? names[0]! : undefined;
    // `from pkg.data import handler` names a module; `from pkg.data.handler import DataHandler` a class in one.
    return only && /^[a-z_][a-z0-9_]*$/.test(only) ? `${from[1]}.${only}` : from[1];
  }
  const plain = IMPORT.exec(code);
  if (plain) return plain[1];
  return jsSpecifier(code);
}

/** `import x from "pkg/ui";` -> `pkg/ui`: the last quoted string of an import line, by a scan. */
function jsSpecifier(code: string): string | undefined {
  if (!/^\s*import\b/.test(code)) return undefined;
  const text = code.endsWith(";") ? code.slice(0, -1).trimEnd() : code;
  const quote = text[text.length - 1];
  if (quote !== '"' && quote !== "'") return undefined;
  const open = text.lastIndexOf(quote, text.length - 2);
  return open >= 0 && open < text.length - 2 ? text.slice(open + 1, -1) : undefined;
}

// Headings and bold fields that announce import rules: "Import Rules", "Dependencies (Imports Allowed)",
// "Allowed Imports", "Forbidden dependencies", "Import policy".
const RULES_LOOKING = /\bimports?\b.*\b(?:rules?|policy|allowed|forbidden|prohibited)\b|\b(?:allowed|forbidden|prohibited)\b.*\b(?:imports?|dependencies)\b|\bdependencies\b.*\b(?:allowed|forbidden|rules?)\b/i;

/** Whether a heading or field text announces import rules. */
export function rulesLooking(text: string): boolean {
  return RULES_LOOKING.test(text);
}

/** Where a spec seems to state import rules, in document order. */
export function rulesLookingPlaces(blocks: Block[], fields: Field[]): { text: string; line: number }[] {
  const places = blocks.filter((b) => b.kind === "heading" && RULES_LOOKING.test(b.text)).map((b) => ({ text: (b as { text: string }).text, line: b.line }));
  for (const f of fields) if (RULES_LOOKING.test(f.key)) places.push({ text: f.key, line: f.line });
  return places.sort((a, b) => a.line - b.line);
}
