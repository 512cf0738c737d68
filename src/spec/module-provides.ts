import type { Block } from "./markdown.js";
import type { Field } from "./sections.js";
import { sectionsStartingWith } from "./markdown.js";
import { backticked, itemReference } from "./sections.js";
import { EXPORTS_HEADING, PROVIDES_HEADING } from "./provides-section.js";

const TOP_LEVEL_PROVIDED = /^(?:export\s+)?(?:async\s+)?(?:class|def|function|interface|type|const|enum|func)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm;
const PROVIDED_IN_CODE = /^\s*(?:export\s+)?(?:async\s+)?(?:class|def|function|interface|type|const|enum|func)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm;
export const IDENTIFIER = /^[A-Za-z_][\w]*(?:\(.*\))?$/;

/** The names a module spec says it provides: `**Provides**` fields, a Provides section, else an Exports or Interface section's code. */
export function provided(blocks: Block[], fields: Field[]): string[] {
  const names: string[] = [];
  // `**Provides:**` on a line of its own, then a list (or `**Provides**: \`A\`, \`b()\``).
  for (const f of fields) {
    if (!/^(?:provides?|exports?)$/i.test(f.key)) continue;
    for (const span of backticked(f.value)) if (IDENTIFIER.test(span)) names.push(span.replace(/\(.*$/, ""));
    for (const item of f.items) {
      const first = itemReference(item);
      if (first && IDENTIFIER.test(first)) names.push(first.replace(/\(.*$/, ""));
    }
  }
  const sections = sectionsStartingWith(blocks, PROVIDES_HEADING);
  // A spec's title is no section of it: `# API` titles the api module's spec.
  const exports = sections.length || names.length ? [] : sectionsStartingWith(blocks, EXPORTS_HEADING).filter((s) => s.heading.depth > 1);
  for (const section of sections) names.push(...sectionNames(section.blocks, PROVIDED_IN_CODE));
  // An "Interface" section's code holds whole classes: their methods are not the module's names.
  for (const section of exports) names.push(...sectionNames(section.blocks, TOP_LEVEL_PROVIDED));
  return unique(names);
}

/** The names a Provides section gives: each item's first name, and what `inCode` finds in its code blocks. */
function sectionNames(blocks: Block[], inCode: RegExp): string[] {
  const names: string[] = [];
  for (const b of blocks) {
    if (b.kind === "text" && b.item) {
      const first = itemReference(b);
      if (first && IDENTIFIER.test(first)) names.push(first.replace(/\(.*$/, ""));
    } else if (b.kind === "code") {
      for (const m of b.text.matchAll(inCode)) names.push(m[1]!);
    }
  }
  return names;
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
