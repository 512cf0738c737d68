import type { Block } from "./markdown.js";
import { codespans, plain } from "./simple-blocks.js";

/**
 * Specs written from HTML (a wiki's export, a page kept for GitHub's rendering) have sections as
 * `<h2>Files</h2>` and lists as `<ul><li><code>src/billing/</code></li></ul>`: read as the heading and
 * items markdown would write, so their Files and Depends on sections are read.
 */
const ELEMENT = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>|<li\b[^>]*>([\s\S]*?)(?=<\/li\s*>|<li\b|<\/[uo]l\s*>|$)/gi;

/** The headings and list items of an HTML block at `line` (marked's `html` token, `raw` as written); none for other HTML. */
export function htmlBlocks(raw: string, line: number): Block[] {
  if (!/<(?:h[1-6]|li)\b/i.test(raw)) return [];
  const blocks: Block[] = [];
  for (const m of raw.matchAll(ELEMENT)) {
    const at = line + lineOf(raw, m.index);
    if (m[1]) {
      blocks.push({ kind: "heading", depth: Number(m[1]), text: plain(textOf(m[2]!)), line: at });
      continue;
    }
    const text = textOf(m[3]!).trim();
    // A list in an item is read with its own items.
    if (text && !/<li\b/i.test(m[3]!)) blocks.push({ kind: "text", text, codespans: codespans(text), line: at, item: true });
  }
  return blocks;
}

/** An element's text as markdown writes it: `<code>x</code>` a code span, other tags dropped, entities read. */
function textOf(html: string): string {
  return html
    .replace(/<code\b[^>]*>([\s\S]*?)<\/code\s*>/gi, "`$1`")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
