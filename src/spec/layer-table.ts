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
 * naming a module. Other cells ("May import") are not read.
 */
export function tabledLayers(text: string): TabledLayer[] {
  const found: TabledLayer[] = [];
  for (const table of markdownTables(text)) {
    const header = table.header.map(unmarked);
    const column = header.findIndex((c) => LAYER_COLUMN.test(c));
    if (column < 0) continue;
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
