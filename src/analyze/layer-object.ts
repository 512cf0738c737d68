import type { SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";

/** What may stand before a layer that is a command's object: its verb, then determiners ("refactor the index layer"). */
const OBJECT_BEFORE = /(?:^|[\n.!?;:]\s*)(?:please\s+|pls\s+)?(?!(?:in|on|of|at|for|from|to|into|under|inside|within|across|about|with|by|near|through|over|and|or|but|is|are|the|a|an|our|this|that|my|your|their|its)\s)[a-z]+(?:\s+(?:up|out|over))?\s+(?:(?:the|our|whole|entire)\s+)*$/i;
/** How far before the layer its verb may stand: "refactor the whole entire " fits. */
const OBJECT_REACH = 48;

/**
 * "refactor the index layer so segments and merge share one file format", "refactor the delivery
 * layer, mx_out and bounces duplicate the reply parsing": a layer called one ("the X layer") as the
 * object of the request's verb is what to work on; its modules named after it say why. The names
 * are then the layer alone. A layer after a preposition ("fix the cart in the services layer") is
 * where a module is, and a module of another layer is a scope of its own: the names stay.
 */
export function layerAsObject(prose: string, names: readonly NameHit[], spec: SpecTree): readonly NameHit[] {
  if (names.length < 2) return names;
  // The layer may come after the modules, as a later sentence's object: "why does importer keep rows in a list? analyze the services layer".
  for (const layer of names) {
    if (layer.kind !== "layer" || !layer.qualified) continue;
    if (!OBJECT_BEFORE.test(prose.slice(Math.max(0, layer.start - OBJECT_REACH), layer.start))) continue;
    const within = names.every((h) => (h.kind === "module" ? spec.modules.find((m) => m.id === h.id)?.layer === layer.id : h.id === layer.id));
    if (within) return [layer];
  }
  return names;
}
