/** A module a system spec's table puts in a layer: the name as written, the layer cell as written. */
export interface TabledLayer {
  name: string;
  layer: string;
}

const FENCE = /^[ \t]{0,3}(?:```|~~~)/;
const DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
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
  const lines = text.split(/\r?\n/);
  const found: TabledLayer[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i]!)) fenced = !fenced;
    if (fenced || !DELIMITER.test(lines[i + 1] ?? "") || !lines[i]!.includes("|")) continue;
    const header = cells(lines[i]!);
    const column = header.findIndex((c) => LAYER_COLUMN.test(c));
    if (column < 0) continue;
    const members = header.flatMap((c, k) => (k > 0 && MEMBERS_COLUMN.test(c) ? [k] : []));
    for (let j = i + 2; j < lines.length && lines[j]!.includes("|"); j++) {
      const row = cells(lines[j]!);
      const layer = row[column];
      if (!layer) continue;
      if (column > 0) found.push({ name: row[0]!, layer });
      else for (const k of members) for (const name of (row[k] ?? "").split(/[,;]/)) if (name.trim()) found.push({ name: name.trim(), layer });
    }
  }
  return found;
}

/** A table row's cells, without the emphasis and code marks around their words. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.replace(/[`*]/g, "").trim());
}
