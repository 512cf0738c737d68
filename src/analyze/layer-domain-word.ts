import type { SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";
import { nameTokens, singular } from "./text.js";

/** More than this share of the other layers' modules must use the layer's word as a word of their own. */
const SHARE = 1 / 3;

const cache = new WeakMap<SpecTree, Map<string, boolean>>();

/**
 * "calls drop after exactly 32 seconds", "one-way audio on calls from the browser softphone", "the badge
 * count keeps going up across page navigations": where more than a third of the other layers' module specs use a
 * layer's word in their prose ("per call", "the rated calls", "the options page"), the word
 * written bare is the domain's thing the request is about, not the layer. Named as the layer ("the
 * calls layer", `calls`), or beside a layer so named, it is the layer still.
 */
export function withoutDomainLayerWords<T extends { names: NameHit[] }>(found: T, spec: SpecTree): T {
  // A request that calls one of them a layer speaks of layers: "Implement layers foundation and core".
  if (found.names.some((hit) => hit.kind === "layer" && hit.qualified)) return found;
  const domain = new Set(found.names.filter((hit) => hit.kind === "layer" && !hit.qualified && isDomainWord(hit, spec)));
  return domain.size === 0 ? found : { ...found, names: found.names.filter((hit) => !domain.has(hit)) };
}

function isDomainWord(hit: NameHit, spec: SpecTree): boolean {
  const words = nameTokens(hit.text);
  if (words.length !== 1) return false;
  const word = singular(words[0]!.word);
  const key = `${hit.id}\u0000${word}`;
  let known = cache.get(spec);
  if (!known) cache.set(spec, (known = new Map()));
  let domain = known.get(key);
  if (domain === undefined) {
    const others = spec.modules.filter((m) => m.layer !== hit.id);
    const used = new RegExp(`\\b${word.replace(/[^a-z0-9]/g, "")}s?\\b`, "i");
    domain = others.length > 0 && others.filter((m) => used.test(prose(m.body))).length > SHARE * others.length;
    known.set(key, domain);
  }
  return domain;
}

/** A spec's prose: without code blocks and code spans, where a layer's word is a path's or an import's (`ledger/core/journal.py`). */
function prose(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").replace(/`[^`\n]*`/g, " ");
}
