import type { ParsedModule, RawReference } from "./module.js";
import { lineTable } from "./module.js";
import { readFrontMatter } from "./frontmatter.js";
import { squashName } from "./names.js";
import { markdownTables } from "./md-table.js";
import type { Warning } from "./types.js";
import { idOf, nameOf, namesOf, pathsOf, plain, wordsOf, type TableRow } from "./module-cells.js";
import { sectionRows } from "./section-modules.js";
import { isExclusion } from "./glob-entries.js";

// The header of a table of modules: its first column names them ("Module", "Component", "Agent").
const NAME_COLUMN = /^(?:modules?|components?|agents?)(?:\s+(?:name|id))?$/i;
const FILES_COLUMN = /^(?:(?:owned\s+|source\s+)?(?:files?|paths?)|owns|location|folders?|director(?:y|ies))$/i;
// "Needs", "Upstream", "Relies on": what teams name the column too; "(modules)" after any of them.
const DEPENDS_COLUMN = /^(?:depends(?:\s+(?:up)?on)?|dependencies|deps|uses|requires|needs|upstream|relies\s+on)(?:\s*\(.*\))?$/i;
// A module's own import rules; the layer spec's apply to it as to every module of the layer.
const ALLOWED_COLUMN = /^(?:(?:may|can)\s+import|allowed(?:\s+imports?)?)$/i;
const FORBIDDEN_COLUMN = /^(?:(?:may|must)\s+not\s+import|(?:cannot|never)\s+imports?|(?:forbidden|prohibited|disallowed)(?:\s+imports?)?)$/i;
const PURPOSE_COLUMN = /^(?:purpose|description|responsibilit(?:y|ies)|role|what it does)$/i;
// One table of every layer's modules, kept in one layer's spec: a row's "Layer" cell places it.
const LAYER_COLUMN = /^layers?$/i;

/**
 * The modules a layer spec lists in a table whose first column names them, with their files,
 * dependencies, purpose and own import rules when the table has such columns. Tables in code blocks are not read.
 */
export function tableRows(source: string): TableRow[] {
  // Most layer specs have no such table: their text is not split for it.
  // A header row may start without a `|` (`Module | Files`), as GitHub allows.
  if (!source.includes("|") || !/(?:^|\|)[ \t]*\**(?:modules?|components?|agents?)\b/im.test(source)) return [];
  const rows: TableRow[] = [];
  for (const table of markdownTables(source)) {
    const header = table.header.map(plain);
    if (!NAME_COLUMN.test(header[0] ?? "")) continue;
    const column = (pattern: RegExp) => header.findIndex((c, k) => k > 0 && pattern.test(c));
    const [files, depends, purpose] = [column(FILES_COLUMN), column(DEPENDS_COLUMN), column(PURPOSE_COLUMN)];
    const [allowed, forbidden, layer] = [column(ALLOWED_COLUMN), column(FORBIDDEN_COLUMN), column(LAYER_COLUMN)];
    for (const { cells: row, line } of table.rows) {
      const name = nameOf(row[0] ?? "");
      const id = idOf(name);
      if (!id) continue;
      const [allowedImports, forbiddenImports] = [wordsOf(row[allowed] ?? ""), wordsOf(row[forbidden] ?? "")];
      const inLayer = plain(row[layer] ?? "");
      rows.push({ name, id, line, files: pathsOf(row[files] ?? ""), dependsOn: namesOf(row[depends] ?? ""), purpose: plain(row[purpose] ?? ""), allowedImports, forbiddenImports, ...(inLayer ? { layer: inLayer } : {}) });
    }
  }
  return rows;
}

/**
 * The modules the layer specs' tables declare (`tableRows`) that have no spec file of their own:
 * a module of `taken` (by id or front matter name, in any case and with any separators) wins
 * over a row. A module two rows declare is the first's, and the second is a warning. A row's
 * "Layer" cell naming one of `layerIds` puts the module in that layer, else in the spec's.
 */
export function tabledModules(
  layers: { id: string; specFile: string; source: string }[],
  taken: { id: string; frontMatter: Record<string, unknown> }[],
  layerIds: ReadonlySet<string>,
): { modules: ParsedModule[]; warnings: Warning[] } {
  const names = new Set(taken.flatMap((m) => [m.id, ...(typeof m.frontMatter.name === "string" ? [m.frontMatter.name] : [])]).map(squashName));
  const first = new Map<string, string>();
  const modules: ParsedModule[] = [];
  const warnings: Warning[] = [];
  for (const layer of layers) {
    for (const row of [...tableRows(layer.source), ...sectionRows(layer.source)]) {
      const key = squashName(row.id);
      if (names.has(key)) continue;
      const other = first.get(key);
      if (other) {
        warnings.push({ code: "TABLED_MODULE_TWICE", message: `Module \`${row.id}\` is declared in a table here and in ${other}: the first is read, this row is not`, file: layer.specFile, line: row.line });
        continue;
      }
      first.set(key, `${layer.specFile}:${row.line}`);
      const placed = row.layer === undefined ? layer.id : layerNamed(row.layer, layerIds);
      if (placed === undefined) {
        const known = [...layerIds].join(", ");
        warnings.push({ code: "TABLED_LAYER_UNKNOWN", message: `Module \`${row.id}\`: its Layer cell \`${row.layer}\` names no layer (layers: ${known}), so it is put in \`${layer.id}\`, the layer of this spec`, file: layer.specFile, line: row.line });
      }
      modules.push(tabledModule(row, placed ?? layer.id, layer.specFile, layer.source));
    }
  }
  return { modules, warnings };
}

/** The layer of `layerIds` a Layer cell names, in any case and spacing: `App`, `app layer`, `Core (rules)`. */
function layerNamed(cell: string, layerIds: ReadonlySet<string>): string | undefined {
  const key = squashName(cell.replace(/\s*\(.*$/, "").replace(/\s+layer$/i, ""));
  return [...layerIds].find((id) => squashName(id) === key);
}

/**
 * The module a table row declares, parsed as a module spec is: its spec file is the layer's
 * (`specFile`, so warnings name it and the row's line), its owned files, dependencies and import
 * rules the row's. Its agent is told the row, then the layer spec: the layer's rules are its rules
 * too, and the architecture check holds it to them as the layer's (validate/architecture.ts).
 */
export function tabledModule(row: TableRow, layer: string, specFile: string, layerSource: string, kind = "Layer spec"): ParsedModule {
  const { body: layerBody } = readFrontMatter(layerSource, specFile);
  // `!src/billing/legacy/**` takes files from the others, which ownership does not apply: said, as in a module spec (spec/owned-paths.ts).
  const files = row.files.filter((f) => !isExclusion(f));
  const notes: Warning[] = row.files.filter(isExclusion).map((f) => ({
    code: "FILES_EXCLUSION_NOT_READ",
    message: `${row.id}: \`${f}\` in its Files (${row.declaredAs ?? "its row of the table of modules"}) excludes files, which orchestrate does not apply: the module owns everything its other entries name, those files included; to give them to another module, name them in that module's row or spec`,
    file: specFile,
    line: row.line,
  }));
  const fileLines = lineTable(files.map((f) => [f, row.line] as const));
  const references = row.dependsOn.map((target): RawReference => ({ kind: "list", target, line: row.line }));
  const listed = (items: string[]) => (items.length ? items.map((i) => `\`${i}\``).join(", ") : "(none listed)");
  const body = [
    `# ${row.name}`,
    "",
    ...(row.purpose ? ["## Purpose", "", row.purpose, ""] : []),
    "## Module",
    "",
    `Module \`${row.id}\` of layer \`${layer}\`, declared in ${row.declaredAs ?? "the table of modules"} of ${specFile} (line ${row.line}); it has no spec file of its own.`,
    "",
    `- Files: ${listed(files)}`,
    `- Depends on: ${listed(row.dependsOn)}`,
    ...(row.allowedImports.length ? [`- May import: ${listed(row.allowedImports)}`] : []),
    ...(row.forbiddenImports.length ? [`- Must not import: ${listed(row.forbiddenImports)}`] : []),
    "",
    `## ${kind} (${specFile})`,
    "",
    layerBody.trim(),
    "",
  ].join("\n");
  return {
    id: row.id,
    layer,
    specFile,
    fields: {},
    files,
    fileLines,
    loggers: [],
    provides: [],
    allowedImports: row.allowedImports.map((pattern) => ({ pattern, file: specFile, line: row.line })),
    forbiddenImports: row.forbiddenImports.map((pattern) => ({ pattern, file: specFile, line: row.line })),
    frontMatter: {},
    references,
    dependencySections: [],
    notes,
    body,
  };
}
