import type { SpecTree } from "../spec/types.js";
import { isKeyword } from "./keywords.js";
import { isLoose, type NameHit } from "./names.js";
import { isStopWord } from "./stem.js";

/** "the back-end", "the whole frontend": a side of the project asked for as a whole, whatever its modules are called. */
const SIDE = /^(?:front|back)[\s-]?end$/i;
/** A word short enough to be a prefix or a plain word of any id ("stg", "api") says nothing alone. */
const MIN_PART = 4;

/**
 * "add HubSpot tickets as a new staging model", "create a bucket for the data team's exports": a
 * layer's bare word beside a word that names one of its modules (a part of its id, `stg_hubspot`, or
 * its name written as a plain word, "bucket" for `buckets`) says where that module sits, not that the
 * whole layer is asked for. The module, when the layer holds exactly one so named; else the names as they were.
 */
export function memberOfNamedLayer(prose: string, names: readonly NameHit[], found: readonly NameHit[], spec: SpecTree): NameHit[] {
  const [only] = names;
  if (names.length !== 1 || only?.kind !== "layer" || only.qualified || SIDE.test(only.text)) return [...names];
  const members = spec.modules.filter((m) => m.layer === only.id);
  const loose = found.filter((h) => h.kind === "module" && isLoose(h, prose) && members.some((m) => m.id === h.id));
  if (new Set(loose.map((h) => h.id)).size === 1) return [{ ...loose[0]!, qualified: true }];
  const layerWords = new Set(only.id.toLowerCase().split(/[_-]+/));
  const byPart = new Map<string, string[]>();
  for (const m of spec.modules) {
    for (const part of new Set(m.id.toLowerCase().split(/[_-]+/))) {
      if (part.length < MIN_PART || layerWords.has(part)) continue;
      byPart.set(part, [...(byPart.get(part) ?? []), m.id]);
    }
  }
  // Parts as written (a verb's "drops" is no `file_drop`), each of one module alone: "hubspot" is stg_hubspot's only.
  const met: NameHit[] = [];
  for (const w of prose.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
    const word = w[0].toLowerCase();
    if ((w.index >= only.start && w.index < only.end) || isStopWord(word) || isKeyword(word)) continue;
    const owners = byPart.get(word);
    if (owners?.length === 1 && members.some((m) => m.id === owners[0])) met.push({ kind: "module", id: owners[0]!, text: w[0], start: w.index, end: w.index + w[0].length, qualified: true });
  }
  if (met.length > 0 && met.every((h) => h.id === met[0]!.id)) return [met[0]!];
  return [...names];
}
