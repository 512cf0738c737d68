import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SPEC_ID } from "./root.js";
import { withoutBom } from "./bom.js";
import { ATX, MODULES_HEADING, unfenced } from "./links.js";
import { splitFrontMatter } from "./front-matter-split.js";
import { idOf, pathsOf, plain, type TableRow } from "./module-cells.js";
import { markdownTables } from "./md-table.js";
import { sentenceDependencies } from "./prose-dependencies.js";
import { SECTION_FILES_TEXT, systemSectionRows } from "./system-sections.js";

/**
 * Modules a system spec declares with their layers, in a tree that has no module spec anywhere:
 * a nested list under its "Modules" heading (layers as top items, modules under them,
 * `- **Core**` then `  - ledger — double-entry journal (src/ledger/)`), a list under a layer's
 * subheading (`### Core` then `- ledger — ...`), a table of modules with a Layer column, or a section per
 * module with its `Files:` line (spec/system-sections.ts). Read by lines, not by the Markdown parser, which the listing of a second `plan` never loads.
 */
export function declaredRows(source: string, tabled: TableRow[]): TableRow[] {
  // Most system specs declare nothing so: their text is not split for it.
  if (!mayDeclare(source)) return [];
  const rows = tabled.filter((r) => r.layer !== undefined);
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...listedRows(source).filter((r) => !seen.has(r.id))];
}

const MODULES_TEXT = /^#{1,6}[^\n]*\b(?:modules?|agents?|components?)\b/im;
// A table of modules with a Layer column, under no Modules heading (`| Module | Layer | Files |`).
const MODULE_TABLE = /^\s*\|?\s*\**(?:modules?|components?|agents?)\**\s*\|(?:[^\n|]*\|)*?\s*\**layers?\**\s*\|/im;

/** A heading of modules, or a section's `Files:` line where a layer is named: the quick test before the passes. */
function mayDeclare(source: string): boolean {
  return MODULES_TEXT.test(source) || MODULE_TABLE.test(source) || (/\blayer\b/i.test(source) && SECTION_FILES_TEXT.test(source));
}

const ITEM = /^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+(.*)$/;

/** The modules of the lists under "Modules" headings whose layer a parent item or a subheading names. */
function listedRows(source: string): TableRow[] {
  const split = splitFrontMatter(source);
  const skip = typeof split === "object" ? source.slice(0, source.length - split.body.length).split("\n").length - 1 : 0;
  const lines = source.split("\n");
  // A module's own section (`### ledger` then `- Files: src/ledger/`): its lines are its fields, not modules.
  const sections = new Set<number>();
  const sectioned = SECTION_FILES_TEXT.test(source) ? systemSectionRows(lines, skip, sections) : [];
  const rows: TableRow[] = [];
  let inSection = false;
  let depth = 0;
  let layer: string | undefined;
  // The open items above the current line: their indents and, for a layer, its name.
  let parents: { indent: number; text: string }[] = [];
  for (const [i, line] of unfenced(lines, skip)) {
    const h = ATX.exec(line);
    if (h) {
      const hashes = h[1]!.length;
      const text = plain(h[2]!);
      inSection = sections.has(i);
      if (depth > 0 && hashes <= depth) depth = 0;
      if (depth === 0 && MODULES_HEADING.test(text)) [depth, layer] = [hashes, undefined];
      else if (depth > 0) layer = text;
      parents = [];
      continue;
    }
    if (depth === 0 || inSection) continue;
    const item = ITEM.exec(line);
    if (!item) continue;
    const indent = item[1]!.replace(/\t/g, "    ").length;
    parents = parents.filter((p) => p.indent < indent);
    const level = parents.length;
    parents.push({ indent, text: item[2]! });
    // Under a layer's subheading the top items are modules; under the Modules heading itself, layers, with modules below them.
    const parent = layer ?? (level === 1 ? parents[0]!.text : undefined);
    if (parent === undefined || level !== (layer === undefined ? 1 : 0)) continue;
    const row = rowOf(item[2]!, i + 1, layerName(parent));
    if (row) rows.push(row);
  }
  // A group none of whose modules names a path lists something else (a subheading "Conventions", say).
  const listed = rows.filter((r) => rows.some((o) => o.layer === r.layer && o.files.length > 0));
  const seen = new Set(listed.map((r) => r.id));
  return [...listed, ...sectioned.filter((r) => !seen.has(r.id))];
}

/** A layer's name as its item or heading writes it: `**Core**`, `Core layer — rules`, `2. App (entry points)`. */
function layerName(text: string): string {
  return plain(text).replace(/^\d+[.)]?\s+/, "").split(/\s+[-\u2013\u2014:(]|[(:,;]/)[0]!.trim();
}

// Where a module's name ends: a dash, a colon or a parenthesis after it.
const NAME_END = /\s+[-\u2013\u2014]\s+|\s*[:(]\s*|$/;
// A path: a folder or a file under one (`src/ledger/`, `src/api/*.ts`), or a file with an extension.
const PATH = /^(?:\.{0,2}[\w@.*-]+[\\/])+[\w@.*{},-]*$|^[\w-]+\.\w{1,5}$/;

/**
 * A module an item declares: `ledger — double-entry journal (src/ledger/)`, `` **Ledger** (`src/ledger/`): the books ``.
 * Its files are the paths it names, its purpose the rest of its text, its dependencies a "uses x" or "depends on x" in it.
 */
function rowOf(text: string, line: number, layer: string): TableRow | undefined {
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  const words = plain(text).split(/[\s,;()]+/).map((w) => w.replace(/[.:]+$/, ""));
  const named = [...spans, ...words].filter((w) => PATH.test(w) && !/^\w+\.\w+\.\w+/.test(w));
  // A word of prose with a slash (`z/x/y` tiles, `min/max` zoom, `MoveTo/LineTo`) is a path only where the item names none
  // the way paths are written: in a code span, or ending in `/`, an extension or a glob.
  const sure = named.filter((w) => spans.includes(w) || /[\\/]$|\*|\.\w{1,8}$/.test(w));
  const paths = sure.length > 0 ? sure : named;
  const written = plain(text);
  const name = written.slice(0, NAME_END.exec(written)!.index).trim();
  const id = idOf(name);
  if (!id || !SPEC_ID.test(id) || name.split(/\s+/).length > 4) return undefined;
  const rest = written.slice(name.length).replace(/^\s*[-\u2013\u2014:]\s*/, "");
  const purpose = rest.replace(/\s*\([^)]*[\\/][^)]*\)\s*/g, " ").replace(/\s+/g, " ").trim();
  return { name, id, line, files: pathsOf(paths.map((p) => `\`${p}\``).join(",")), dependsOn: sentenceDependencies(rest, false), purpose, allowedImports: [], forbiddenImports: [], layer, declaredAs: "the list of modules" };
}

/**
 * Whether the system spec `systemFile` declares modules (`declaredRows`), for a tree with no module spec anywhere.
 * Its text is kept with the listing's folders (`dirs`) either way, so a declaration written later lists the tree again.
 */
export function declaresModules(root: string, systemFile: string, dirs: string[]): boolean {
  if (!dirs.includes(systemFile)) dirs.push(systemFile);
  let text: string;
  try {
    text = withoutBom(readFileSync(join(root, systemFile), "utf8")).replace(/\r\n?/g, "\n");
  } catch {
    return false;
  }
  if (!mayDeclare(text)) return false;
  // A table of modules with a Layer column (read by spec/layer-modules.ts tableRows), or a list.
  const tabled = text.includes("|") && markdownTables(text).some((t) => /^\W*(?:modules?|components?|agents?)\b/i.test(plain(t.header[0] ?? "")) && t.header.some((c) => /^layers?$/i.test(plain(c))));
  return tabled || listedRows(text).length > 0;
}

const NUMBERED_LAYER = /^\s*(?:layer\s*)?\d+(?:\.\d+)*\s*(?:[-\u2013\u2014:.)]\s*)?(?=[A-Za-z`*])/i;

/** The layer id a layer's name makes: `Core (business rules)`, `API Layer`, `**App**` -> `core`, `api`, `app`; undefined when it makes none. */
export function layerOfField(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // "Layer 1: Core", "2 - Application", "1. Domain": the number orders the layers, the name is the layer's.
  const id = value.replace(NUMBERED_LAYER, "").split(/\s+[-\u2013\u2014(]|[(,;]/)[0]!.toLowerCase().replace(/[`*]/g, "").replace(/\s+layer$/, "").trim().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return SPEC_ID.test(id) ? id : undefined;
}
