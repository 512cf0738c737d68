import { markdownTables } from "./md-table.js";

/** A module a system spec's table puts in a layer: the name as written, the layer cell as written. */
export interface TabledLayer {
  name: string;
  layer: string;
}

const LAYER_COLUMN = /^layers?$/i;
// The columns of a row per layer that list its modules: "Modules", "Packages", "Agents", "Crates".
const MEMBERS_COLUMN = /\b(?:modules?|agents?|packages?|components?|services?|libraries|libs?|crates?|members?)\b/i;

/**
 * The modules a system spec's tables put in layers, as a tree without layer folders is written
 * (`.claude/agents/*_AGENT.md`, its layers named in the system spec only). Two shapes:
 * a row per module with a "Layer" column (`| ledger-agent | packages/ledger | core |`), and a row
 * per layer, "Layer" first, whose "Modules" (or "Packages", "Agents") cells list modules
 * (`| core | money, ledger |`): every name of such a cell is given, and the caller keeps those
 * naming a module. Other cells ("May import") are not read. A third, a column per layer under a "Layers"
 * heading (`| Domain | Application |` then `| ledger | billing |`), is read by `columnLayers`.
 */
export function tabledLayers(text: string): TabledLayer[] {
  const found: TabledLayer[] = [];
  let lines: string[] | undefined;
  for (const table of markdownTables(text)) {
    const header = table.header.map(unmarked);
    const column = header.findIndex((c) => LAYER_COLUMN.test(c));
    if (column < 0) {
      found.push(...columnLayers(header, table.rows, (lines ??= text.split("\n"))));
      continue;
    }
    const members = header.flatMap((c, k) => (k > 0 && MEMBERS_COLUMN.test(c) ? [k] : []));
    for (const { cells } of table.rows) {
      const row = cells.map(unmarked);
      const layer = row[column];
      if (!layer) continue;
      if (column > 0) found.push({ name: row[0]!, layer });
      else for (const k of members) for (const name of (row[k] ?? "").split(/[,;]/)) if (name.trim()) found.push({ name: name.trim(), layer });
    }
  }
  return found;
}

/** A cell's words without the emphasis and code marks around them. */
function unmarked(cell: string): string {
  return cell.replace(/[`*]/g, "").trim();
}

// Columns that say something of modules, not name a layer: such a table is no table of layers.
const OTHER_COLUMN = /^(?:name|id|description|purpose|role|files?|paths?|owns|location|depends on|dependencies|uses|notes?|status|owner|layer order|order|#)$/i;

/**
 * A table with a column per layer (`| Domain | Application | Interface |`), each cell of a column
 * naming modules of that layer (`| ledger | billing | web |`, `money, tax`): read when the table is
 * under a heading that names layers ("## Layers", "Architecture layers") or each column's name says
 * "layer" (`Domain layer`), so no other table of names (a routing table) is taken for one.
 */
function columnLayers(header: string[], rows: { cells: string[]; line: number }[], lines: readonly string[]): TabledLayer[] {
  if (header.length < 2 || rows.length === 0 || header.some((c) => !c || OTHER_COLUMN.test(c) || MEMBERS_COLUMN.test(c))) return [];
  if (!header.every((c) => /\blayer\b/i.test(c)) && !/\blayers?\b/i.test(headingAbove(lines, rows[0]!.line - 3) ?? "")) return [];
  const found: TabledLayer[] = [];
  for (const { cells } of rows) {
    header.forEach((layer, k) => {
      for (const name of unmarked(cells[k] ?? "").split(/\s*(?:[,;]|<br\s*\/?>)\s*/i)) if (name && !/^[-—–]+$/.test(name)) found.push({ name, layer });
    });
  }
  return found;
}

/** The text of the nearest ATX heading at or above the 0-based line `from`. */
function headingAbove(lines: readonly string[], from: number): string | undefined {
  for (let i = from; i >= 0; i--) {
    const m = /^ {0,3}#{1,6}[ \t]+(.*)$/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}
