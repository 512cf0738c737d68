import type { SpecTree } from "../spec/types.js";
import type { ScopeResult } from "./scope.js";
import { indexWords, term } from "./stem.js";

/** The word "layer"; the words before it are read from a window of the text before (linear on any input). */
const LAYER = /\blayer\b/gi;
/** "the data model layer", "the import/export layer": up to three words right before "layer". */
const BEFORE = /((?:[A-Za-z][\w/-]*[ \t]+){0,2}[A-Za-z][\w/-]*)[ \t]+$/;
/** How far before "layer" its words may start. */
const WINDOW = 80;
/** A request names a layer once or twice; a bound keeps a pasted wall of "layer" cheap. */
const MAX_PHRASES = 8;

/**
 * The layer a request names by what it holds rather than by its id: "write unit tests for
 * the data model layer" in a tree whose system spec says "core: the parcel, depot and address
 * model", "the import/export layer" where both of the io layer's modules are titled
 * "... import/export". A layer's words are those of the system spec's lines that name it and
 * the titles of its modules; the layer that meets the most of the phrase's words, alone, is
 * the scope. Undefined when no phrase says "layer" or no single layer is best.
 */
export function describedLayer(text: string, spec: SpecTree): ScopeResult | undefined {
  if (spec.layers.length < 2) return undefined;
  let tries = 0;
  for (const m of text.matchAll(LAYER)) {
    if (++tries > MAX_PHRASES) break;
    const phrase = BEFORE.exec(text.slice(Math.max(0, m.index - WINDOW), m.index))?.[1];
    if (!phrase) continue;
    const asked = new Set(indexWords(phrase).map(term).filter((t): t is string => t !== null));
    if (asked.size === 0) continue;
    const scored = spec.layers
      .map((layer) => ({ id: layer.id, score: [...asked].filter((t) => layerTerms(spec, layer.id).has(t)).length }))
      .sort((a, b) => b.score - a.score);
    const [best, next] = scored;
    if (!best || best.score === 0 || (next && next.score === best.score)) continue;
    const written = `${phrase.trim()} layer`;
    return {
      scope: { kind: "layer", id: best.id },
      because: [`${written} -> layer ${best.id} (described)`],
      evidence: [{ kind: "layer", target: best.id, source: "spec", words: [written] }],
      confidence: 0.7,
    };
  }
  return undefined;
}

const cache = new WeakMap<SpecTree, Map<string, Set<string>>>();

/** Terms of the system spec's lines that name the layer and of its modules' titles. */
function layerTerms(spec: SpecTree, layer: string): Set<string> {
  let byLayer = cache.get(spec);
  if (!byLayer) {
    byLayer = new Map();
    const lines = spec.system.body.split("\n");
    for (const l of spec.layers) {
      const named = new RegExp(`(?:^|[^a-z0-9])${l.id.toLowerCase().replace(/[^a-z0-9]/g, "[^a-z0-9]?")}(?:[^a-z0-9]|$)`);
      const text = [
        ...lines.filter((line) => named.test(line.toLowerCase())),
        ...spec.modules.filter((x) => x.layer === l.id).map((x) => /^#{1,6}[ \t]+(.+)$/m.exec(x.body)?.[1] ?? ""),
      ].join("\n");
      byLayer.set(l.id, new Set(indexWords(text).map(term).filter((t): t is string => t !== null)));
    }
    cache.set(spec, byLayer);
  }
  return byLayer.get(layer) ?? new Set();
}
