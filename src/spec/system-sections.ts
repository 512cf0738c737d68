import { join } from "node:path";
import { ATX, MODULES_HEADING, unfenced } from "./links.js";
import { idOf, plain, type TableRow } from "./module-cells.js";
import { sectionFields } from "./section-modules.js";
import { SPEC_ID } from "./root.js";

// A line giving a section's files: `**Files**: src/ledger/`, `- Files: \`src/ledger/\``, `Owns:`. The cheap test before the pass.
export const SECTION_FILES_TEXT = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:files?|owns|owned files|paths?|location)(?:\*\*|__)?[ \t]*:/im;
// `### Module: ledger`, `### 2. Ledger`: what a module's heading carries besides its name.
const MODULE_PREFIX = /^(?:\d+(?:\.\d+)*[.)]?\s+)?(?:module\s*(?::|[—–]|-(?=\s))\s*)?/i;
// `## Layer: core`, `## Core layer`, `## 1. Domain Layer (business rules)`: a heading naming a layer.
const LAYER_HEADING = /\blayer\b/i;
const MODULE_HEADING = /^(?:\d+(?:\.\d+)*[.)]?\s+)?module\s*(?::|[—–]|-(?=\s))/i;

/**
 * The modules a system spec declares as sections of their own, one heading each with its `Files:` line
 * (and `Depends on:`, `Layer:`), as a single-file spec writes every module: under a "Modules" heading
 * (`## Modules` then `### ledger`), under a heading naming a layer (`## Core layer` then `### Ledger`),
 * or as `### Module: ledger`. The layer is the section's `Layer:` line, else the heading it is under
 * (none under "Modules" alone). `sections` gets the line index of each such heading, so the lists in it
 * are not read as modules; `unplaced` each section with files that is none of these.
 */
export function systemSectionRows(lines: readonly string[], skip: number, sections: Set<number>, unplaced: { line: number; heading: string }[] = []): TableRow[] {
  const headings: { at: number; level: number; text: string }[] = [];
  for (const [i, line] of unfenced(lines, skip)) {
    const h = ATX.exec(line);
    if (h) headings.push({ at: i, level: h[1]!.length, text: plain(h[2]!) });
  }
  const rows: TableRow[] = [];
  // The headings above the current one, each shallower than the next.
  const open: { at: number; level: number; text: string }[] = [];
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k]!;
    while (open.length && open[open.length - 1]!.level >= h.level) open.pop();
    open.push(h);
    // `### Module: web` is one module's heading, `## Modules` the heading of them all.
    const prefixed = MODULE_HEADING.test(h.text);
    if (h.level === 1 || (!prefixed && MODULES_HEADING.test(h.text))) continue;
    const fields = sectionFields(lines.slice(h.at + 1, headings[k + 1]?.at ?? lines.length) as string[]);
    if (fields.files.length === 0) continue;
    const above = open.slice(0, -1);
    const underModules = above.some((a) => MODULES_HEADING.test(a.text) && !MODULE_HEADING.test(a.text));
    // The nearest heading above that is neither the title, nor "Modules", nor a module's: the layer's.
    const layerHeading = above.reverse().find((a) => a.level > 1 && !MODULES_HEADING.test(a.text) && !sections.has(a.at));
    if (!(underModules || prefixed || fields.layer !== undefined || (layerHeading && LAYER_HEADING.test(layerHeading.text)))) {
      // A system spec's notes may give a section files (`### Storage` then `Files: src/db/`): not a module on a guess, but said when nothing else is one.
      unplaced.push({ line: h.at + 1, heading: lines[h.at]!.trim() });
      continue;
    }
    const name = h.text.replace(MODULE_PREFIX, "").replace(/\s*\(.*\)\s*$/, "").trim();
    const id = idOf(name);
    if (!id || !SPEC_ID.test(id) || name.split(/\s+/).length > 4) continue;
    sections.add(h.at);
    const layer = fields.layer ?? layerHeading?.text;
    rows.push({ name, id, line: h.at + 1, files: fields.files, dependsOn: fields.dependsOn, purpose: fields.purpose, allowedImports: [], forbiddenImports: [], ...(layer ? { layer: layerTitle(layer) } : {}), declaredAs: `its section \`${lines[h.at]!.trim()}\`` });
  }
  return rows;
}

/** `Layer: core`, `Core layer`, `1. Domain Layer (rules)` -> `core`, `Core`, `Domain`: the layer a heading names. */
function layerTitle(text: string): string {
  return text.replace(/^\d+(?:\.\d+)*[.)]?\s+/, "").replace(/^layer\s*[:—–-]\s*/i, "").split(/\s+[-\u2013\u2014:(]|[(:,;]/)[0]!.replace(/\s+layer$/i, "").trim();
}

const SYSTEM_SPECS = [".claude/system/SYSTEM_ORCHESTRATOR.md", ".claude/SYSTEM_ORCHESTRATOR.md", ".claude/CLAUDE.md", "CLAUDE.md", "AGENTS.md"];

/**
 * For a tree with no module: `; .claude/CLAUDE.md:5 \`### Ledger\` gives files but names no layer: ...`, when the
 * system spec writes its modules as sections that are not read as modules (`## Core` then `### Ledger`,
 * which may as well be notes), with how to make them modules. Empty otherwise.
 */
export function unplacedSectionsHint(root: string, read: (path: string) => string | undefined): string {
  for (const file of SYSTEM_SPECS) {
    const text = read(join(root, file));
    if (text === undefined) continue;
    if (!SECTION_FILES_TEXT.test(text)) return "";
    const unplaced: { line: number; heading: string }[] = [];
    systemSectionRows(text.replace(/\r\n?/g, "\n").split("\n"), 0, new Set(), unplaced);
    const [first, ...rest] = unplaced;
    if (!first) return "";
    const more = rest.length ? ` (and ${rest.length} more section${rest.length === 1 ? "" : "s"})` : "";
    return `; ${file}:${first.line} \`${first.heading}\`${more} gives files but names no layer, so it is not read as a module: put such sections under a \`## Modules\` heading or a heading naming their layer (\`## Core layer\`), or give each a \`Layer: core\` line`;
  }
  return "";
}
