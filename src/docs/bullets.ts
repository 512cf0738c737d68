import { headingOf, type Line } from "./lines.js";

const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/;

/**
 * An entry's text as it reads once written, whatever the file's line endings, list marker and
 * the indent of nested bullets: an entry with a root cause is three lines, written indented.
 */
export function bulletText(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/^\s*(?:[-*+]\s+)?/, "").trimEnd())
    .join("\n")
    .trim();
}

/**
 * The top-level list items in lines `[from, to)`, each as `bulletText` gives it: the item's
 * first line with its nested lines and lazy continuations. A heading, a link reference
 * definition, or a line at the margin after a blank line ends an item.
 */
export function listItems(lines: Line[], from: number, to: number): string[] {
  const items: string[] = [];
  let current: { lines: string[]; content: number } | undefined;
  let blank = false;
  const flush = () => {
    if (current) items.push(bulletText(current.lines.join("\n")));
    current = undefined;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (!line) break;
    const text = line.text;
    const indent = /^ */.exec(text)?.[0].length ?? 0;
    const item = line.verbatim ? null : ITEM.exec(text);
    if (text.trim() === "") {
      current?.lines.push(text);
      blank = true;
      continue;
    }
    const nested = current !== undefined && indent >= current.content;
    if (item && !nested) {
      flush();
      const [, lead = "", marker = "", gap = ""] = item;
      // Content starts after the marker and its spaces; five or more spaces mean one, then indented code.
      current = { lines: [text], content: lead.length + marker.length + (gap.length >= 1 && gap.length <= 4 ? gap.length : 1) };
    } else if (current && !nested && (blank || headingOf(line) || LINK_DEFINITION.test(text))) {
      flush();
    } else {
      current?.lines.push(text);
    }
    blank = false;
  }
  flush();
  return items;
}
