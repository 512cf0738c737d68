import type { Block } from "./markdown.js";
import { plain } from "./simple-blocks.js";

/**
 * People fold a section away in a `<details>` block: `<details><summary>Depends on</summary>`,
 * its list, then `</details>`. GitHub shows the summary as the section's title, so it is read as a
 * heading one level below the heading it sits under, and `</details>` as an untitled heading of
 * the same level, which ends that section and none above it.
 */
const TAG = /<details\b[^>]*>|<summary\b[^>]*>([\s\S]*?)<\/summary\s*>|<\/details\s*>/gi;

/** The `<details>` blocks open in a document being walked, by its output list: each its heading's depth, or 0 before its summary. */
const open = new WeakMap<Block[], number[]>();
/** Headings made here: not the level a later summary nests under. */
const made = new WeakSet<Block>();

/**
 * The blocks of an HTML block at `line` (marked's `html` token, `raw` as written) that holds a
 * `<details>`, `<summary>` or `</details>` tag; `lex` reads the markdown written between the
 * tags on lines of their own (`<details><summary>Files</summary>` then a list, no blank line
 * between, is one HTML block). Empty for any other HTML.
 */
export function detailsBlocks(raw: string, line: number, out: Block[], lex: (text: string, firstLine: number) => Block[]): Block[] {
  if (!/<\/?(?:details|summary)\b/i.test(raw)) return [];
  const stack = open.get(out) ?? [];
  open.set(out, stack);
  const blocks: Block[] = [];
  let from = 0;
  const between = (to: number) => {
    const text = raw.slice(from, to);
    // Markdown between tags is read only from a line of its own on, as GitHub reads it.
    const nl = text.indexOf("\n");
    if (nl >= 0 && text.slice(nl).trim()) blocks.push(...lex(text.slice(nl + 1), line + lineOf(raw, from + nl + 1)));
  };
  for (const m of raw.matchAll(TAG)) {
    between(m.index);
    from = m.index + m[0].length;
    const tag = m[0].slice(0, 3).toLowerCase();
    if (tag === "</d") {
      const depth = stack.pop();
      if (depth) blocks.push(heading(depth, "", line + lineOf(raw, m.index)));
    } else if (tag === "<de") stack.push(0);
    else if (stack.length > 0 && stack[stack.length - 1] === 0) {
      const depth = Math.min(6, baseDepth([...out, ...blocks]) + stack.length);
      stack[stack.length - 1] = depth;
      blocks.push(heading(depth, plain(m[1]!.replace(/<[^>]*>/g, "")), line + lineOf(raw, m.index)));
    }
  }
  between(raw.length);
  return blocks;
}

function heading(depth: number, text: string, line: number): Block {
  const block: Block = { kind: "heading", depth, text: text.trim(), line };
  made.add(block);
  return block;
}

/** The depth of the last heading written in the document, 0 before any. */
function baseDepth(blocks: Block[]): number {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === "heading" && !made.has(b)) return b.depth;
  }
  return 0;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
