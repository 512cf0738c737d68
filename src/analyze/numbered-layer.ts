import type { NameHit } from "./names.js";

/**
 * "refactor 01-domain so fares and availability read the schedule through one repository": a layer
 * written as its numbered id (`01-domain`, `2-marketplace`) is named as the layer, as in backticks,
 * though no "layer" follows; its bare word ("the domain") may still be the domain's thing.
 */
export function withNumberedLayers<T extends { names: NameHit[] }>(found: T): T {
  const numbered = (hit: NameHit) => hit.kind === "layer" && !hit.qualified && /^\d+[-_.]/.test(hit.id) && hit.text.toLowerCase() === hit.id.toLowerCase();
  if (!found.names.some(numbered)) return found;
  return { ...found, names: found.names.map((hit) => (numbered(hit) ? { ...hit, qualified: true } : hit)) };
}
