import { readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { bodyOf } from "./front-matter-split.js";
import { withoutBom } from "./bom.js";

/**
 * Links and "Modules" headings read without the Markdown parser: the listing (spec/listing.ts)
 * needs them, and a second `plan` lists the tree without loading the parser (test/cli/startup).
 */

// "## Modules", "## 📦 Module Registry", "## Agents", "## Module Agents", "## Components".
export const MODULES_HEADING = /^(?:modules?|(?:module\s+)?agents?|components?)\b(?!\s+(?:rules?|guidelines?|conventions?|template|format|structure|lifecycle|workflow))/i;

export const LINKS = /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;

/**
 * The targets of the links in `text` to files in the project (`[ledger](../core/LEDGER_AGENT.md)`),
 * without an anchor; not web addresses or anchors alone.
 */
export function linkTargets(text: string): string[] {
  if (!text.includes("](")) return [];
  const targets: string[] = [];
  for (const m of text.matchAll(LINKS)) {
    const target = m[2]!.replace(/#.*$/, "");
    if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
  }
  return targets;
}

export const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The indexes and texts of `lines` from `from` on that are outside fenced code (the fences' own lines left out). */
export function* unfenced(lines: readonly string[], from = 0): Generator<[index: number, line: string]> {
  let fence: string | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const opened = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opened !== undefined && opened[0] === fence[0] && opened.length >= fence.length) fence = undefined;
    } else if (opened !== undefined) fence = opened;
    else yield [i, line];
  }
}

/**
 * The non-blank lines of `body` under each ATX heading whose text matches `heading` (emphasis and code marks
 * aside, as the parser's heading text has them), up to the next heading as deep or shallower;
 * fenced code is neither a heading nor a line of the section.
 */
export function linesUnderHeading(body: string, heading: RegExp): string[] {
  const lines: string[] = [];
  let depth = 0;
  for (const [, line] of unfenced(body.split("\n"))) {
    const h = ATX.exec(line);
    if (h) {
      if (depth > 0 && h[1]!.length <= depth) depth = 0;
      if (depth === 0 && heading.test(h[2]!.replace(/[*_`]/g, "").trim())) depth = h[1]!.length;
      continue;
    }
    if (depth > 0 && line.trim() !== "") lines.push(line);
  }
  return lines;
}

/**
 * The markdown files `specFile` (a path in `root`) links under its "Modules" heading: relative to
 * `root`, existing, inside it, each once, in the order linked. Undefined when the file cannot be
 * read or links no markdown file at all: most link none, and their text is not walked.
 */
export function linkedSpecFiles(root: string, specFile: string): string[] | undefined {
  const text = readText(join(root, specFile));
  if (text === undefined || !/\]\([^)]*\.md\b/i.test(text)) return undefined;
  const files = new Set<string>();
  // Read by lines, not by the Markdown parser, which the listing of a second `plan` never loads.
  for (const line of linesUnderHeading(bodyOf(text), MODULES_HEADING)) {
    for (const target of linkTargets(line)) {
      const file = posix.normalize(posix.join(posix.dirname(specFile), target));
      if (/\.md$/i.test(file) && !file.startsWith("../") && !file.startsWith("/") && file !== specFile && isFile(join(root, file))) files.add(file);
    }
  }
  return [...files];
}

function readText(path: string): string | undefined {
  try {
    return withoutBom(readFileSync(path, "utf8")).replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
