import type { Token, Tokens } from "marked";
import { lazyPackage } from "../lazy-package.js";
import { checkNesting, mayBeDeep } from "./limits.js";
import { codespans, plain, simpleBlocks } from "./simple-blocks.js";
import { detailsBlocks } from "./details.js";
import { htmlBlocks } from "./html-blocks.js";

/**
 * A flat view of a markdown document: each heading, paragraph, list item and
 * code block with its 1-based line, in document order.
 *
 * We use marked's lexer rather than mdast-util-from-markdown: both give a real
 * syntax tree (a `#` line in a code block is code, not a heading), but marked
 * lexes a 2 KB spec in ~0.3 ms against ~2.8 ms, and the planner's budget for
 * 1,000 modules is 500 ms in all.
 */
export type Block =
  | { kind: "heading"; depth: number; text: string; line: number }
  /** `nested`: for an item of a list inside another list's item, how deep (1 inside one item); absent at the top. */
  | { kind: "text"; text: string; codespans: string[]; line: number; item: boolean; nested?: number }
  | { kind: "code"; lang: string; text: string; line: number };

export interface Section {
  heading: Extract<Block, { kind: "heading" }>;
  /** Blocks under the heading, subsections included. */
  blocks: Block[];
}

const OPTIONS = { gfm: true } as const;

/** Most specs never need it (simpleBlocks reads them), and loading it costs a run or a cached plan more than reading every spec. */
const marked = lazyPackage<typeof import("marked")>("marked");

/**
 * Lexes `text` (LF line ends) whose first line is `firstLine` in `file`.
 * @throws SpecError `SPEC_PARSE` when lists or quotes nest deeper than `MAX_NESTING`.
 * Block structure only: inline lexing (emphasis, links) is most of marked's
 * time and we need nothing from it but code spans, which a paragraph's text gives.
 */
export function parseBlocks(text: string, firstLine = 1, file = "spec"): Block[] {
  const simple = simpleBlocks(text, firstLine);
  // Where simpleBlocks answers, no line outside fenced code opens more than one container (it reads no
  // indentation, tab or quote, nor an item inside an item): the text is checked only when its code could be that deep.
  if (simple === undefined || simple.some((b) => b.kind === "code" && mayBeDeep(b.text))) checkNesting(text, file, firstLine);
  return simple ?? markedBlocks(text, firstLine);
}

/** The blocks as marked's lexer reads them: any markdown. */
export function markedBlocks(text: string, firstLine = 1): Block[] {
  const blocks: Block[] = [];
  walk(new (marked().Lexer)(OPTIONS).blockTokens(text, []), text, firstLine, blocks, 0);
  return blocks;
}

/** `items`: how many list items hold these tokens (0 outside any list). */
function walk(tokens: Token[], parentRaw: string, parentLine: number, out: Block[], items: number): void {
  const lines = new LineCounter(parentRaw, parentLine);
  let cursor = 0;
  for (const token of tokens) {
    const at = locate(parentRaw, token, cursor);
    if (at >= 0) cursor = at + token.raw.length;
    visit(token, lines.lineAt(at >= 0 ? at : cursor), out, items);
  }
}

/** Line numbers of increasing offsets in one text, counted once. */
class LineCounter {
  private offset = 0;
  constructor(
    private readonly text: string,
    private line: number,
  ) {}

  lineAt(offset: number): number {
    for (let i = this.text.indexOf("\n", this.offset); i >= 0 && i < offset; i = this.text.indexOf("\n", i + 1)) this.line++;
    this.offset = Math.max(this.offset, offset);
    return this.line;
  }
}

function locate(parentRaw: string, token: Token, from: number): number {
  const at = parentRaw.indexOf(token.raw, from);
  if (at >= 0 || token.type !== "code") return at;
  // A code block inside a list item is de-indented in its raw text: find its fence line.
  const fence = token.raw.split("\n", 1)[0]?.trim() ?? "";
  return fence ? parentRaw.indexOf(fence, from) : -1;
}

function visit(token: Token, line: number, out: Block[], items: number): void {
  switch (token.type) {
    case "heading":
      out.push({ kind: "heading", depth: token.depth, text: plain(token.text), line });
      return;
    case "code":
      // Fenced code starts one line below its fence.
      out.push({ kind: "code", lang: (token.lang ?? "").trim().toLowerCase(), text: token.text, line: (token as Tokens.Code).codeBlockStyle === "indented" ? line : line + 1 });
      return;
    case "paragraph":
    case "text":
      out.push({ kind: "text", text: token.text, codespans: codespans(token.text), line, item: items > 0, ...(items > 1 ? { nested: items - 1 } : {}) });
      return;
    case "list":
      walkList(token as Tokens.List, line, out, items);
      return;
    case "blockquote":
      walk(token.tokens ?? [], token.raw, line, out, items);
      return;
    case "html":
      // A section folded in `<details>` is read as the section its `<summary>` names (spec/details.ts).
      out.push(...detailsBlocks(token.raw, line, out, markedBlocks));
      // `<h2>Files</h2>`, `<li>ledger</li>`: sections and lists written in HTML (spec/html-blocks.ts).
      if (!/<\/?(?:details|summary)\b/i.test(token.raw)) out.push(...htmlBlocks(token.raw, line));
      return;
    case "table": {
      // Body rows count as list items (a table of dependencies is a list). The header row only
      // names the columns ("Module | Why"): no block, or it would be read as a module or a rule.
      // Body rows start two lines down, below the delimiter row.
      const table = token as Tokens.Table;
      table.rows.forEach((cells, i) => {
        // A cell's own `|` (written `\|`) stays escaped, so the row's text splits into its cells only.
        const text = cells.map((c) => c.text.replace(/\|/g, "\\|")).join(" | ");
        out.push({ kind: "text", text, codespans: codespans(text), line: line + i + 2, item: true });
      });
      return;
    }
    default:
      return;
  }
}

function walkList(list: Tokens.List, line: number, out: Block[], items: number): void {
  const lines = new LineCounter(list.raw, line);
  let cursor = 0;
  for (const item of list.items) {
    const at = list.raw.indexOf(item.raw, cursor);
    if (at >= 0) cursor = at + item.raw.length;
    walk(item.tokens, item.raw, lines.lineAt(at >= 0 ? at : cursor), out, items + 1);
  }
}

/** Sections whose heading text starts with `prefix` (case-insensitive), each with its nested blocks. */
export function sectionsStartingWith(blocks: Block[], prefix: RegExp): Section[] {
  const sections: Section[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const heading = blocks[i]!;
    if (heading.kind !== "heading" || !prefix.test(heading.text)) continue;
    const body: Block[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.kind === "heading" && b.depth <= heading.depth) break;
      body.push(b);
    }
    sections.push({ heading, blocks: body });
  }
  return sections;
}
