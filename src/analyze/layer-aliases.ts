import { markdownTables } from "../spec/md-table.js";
import { squashName } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";

/** A system table's column of a layer's other names: "Also called", "Also known as", "AKA", "Aliases". */
const ALIAS_COLUMN = /^(?:also (?:called|known as)|aka|a\.k\.a\.?|alias(?:es)?|other names?|synonyms?|nicknames?)$/i;
/** A name people write as words: one to three of them, letters, digits and hyphens. */
const WORDS = /^[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*){0,2}$/i;

const cache = new WeakMap<SpecTree, ReadonlyArray<[layer: string, written: string]>>();

/**
 * The other names the system spec's layer table gives each layer: `| 4_mission | autonomy, behaviour |`
 * under "Also called", `| foundation | landing zone |` under "Also known as". People say "the HAL",
 * "review the landing zone", "platform services: ..." for the layer so called, without "layer".
 */
export function layerAliases(spec: SpecTree): ReadonlyArray<[layer: string, written: string]> {
  let found = cache.get(spec);
  if (found) return found;
  const out: Array<[string, string]> = [];
  const byName = new Map(spec.layers.flatMap((l) => [[squashName(l.id), l.id], [squashName(l.id.replace(/^\d+[\s_-]+/, "")), l.id]]));
  for (const table of markdownTables(spec.system.body)) {
    const aliasAt = table.header.findIndex((cell) => ALIAS_COLUMN.test(plain(cell)));
    const layerAt = table.header.findIndex((cell) => /^layers?$/i.test(plain(cell)));
    if (aliasAt < 0 || layerAt < 0) continue;
    for (const { cells } of table.rows) {
      const layer = byName.get(squashName(plain(cells[layerAt] ?? "")));
      if (!layer) continue;
      for (const alias of (cells[aliasAt] ?? "").split(/\s*(?:[,;/]|\bor\b)\s*/)) {
        const written = plain(alias);
        if (WORDS.test(written) && squashName(written) !== squashName(layer)) out.push([layer, written]);
      }
    }
  }
  found = out;
  cache.set(spec, found);
  return found;
}

/** A cell's text without Markdown emphasis, code ticks and the quotes around a name. */
function plain(cell: string): string {
  return cell.replace(/[`*_"']/g, " ").replace(/\s+/g, " ").trim();
}
