import type { SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";
import { ownText } from "./own-text.js";
import { nameTokens, singular } from "./text.js";

/** More than this share of the other layers' modules must use the layer's word as a word of their own. */
const SHARE = 1 / 3;

const cache = new WeakMap<SpecTree, Map<string, boolean>>();

/**
 * "calls drop after exactly 32 seconds", "one-way audio on calls from the browser softphone", "the badge
 * count keeps going up across page navigations": where more than a third of the other layers' module specs use a
 * layer's word in their prose ("per call", "the rated calls", "the options page"), the word
 * written bare is the domain's thing the request is about, not the layer. Named as the layer ("the
 * calls layer", `calls`), or beside a layer so named, it is the layer still. So is a word, written in the
 * singular, that the system spec's opening sentence uses for the product as a whole: in "PocketBank is the
 * iOS app of a digital bank", "the app sits in the background" is the product, not the `04-app` layer.
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
    // The product's word is one thing, written so: "the app", not "the portals" (the layer's members).
    const product = singular(hit.text.toLowerCase()) === hit.text.toLowerCase() && productWords(spec).has(word);
    domain = (others.length > 0 && others.filter((m) => used.test(prose(ownText(m)))).length > SHARE * others.length) || product;
    known.set(key, domain);
  }
  return domain;
}

/** A spec's prose: without code blocks and code spans, where a layer's word is a path's or an import's (`ledger/core/journal.py`). */
function prose(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").replace(/`[^`\n]*`/g, " ");
}

/**
 * The first sentence of the system spec's first paragraph of prose (no heading, list, table or code),
 * where a project says what it is: "PocketBank is the iOS app of a licensed European digital bank".
 * The sentences after it name its parts ("meta services as ASP.NET Core apps").
 */
export function opening(body: string): string {
  const paragraphs = prose(body).split(/\n\s*\n/);
  const first = paragraphs.find((p) => /^[ \t]*[A-Za-z*_]/.test(p) && !/^[ \t]*(?:[-*+] |\d+\. )/.test(p)) ?? "";
  return first.split(/[.!?](?:\s|$)/)[0] ?? "";
}

const products = new WeakMap<SpecTree, ReadonlySet<string>>();

/**
 * The layers' words the system spec's opening paragraph uses for the product ("PocketBank is the iOS
 * app of ..." in a tree with a `04-app` layer): the project's own vocabulary, which names no module of
 * that layer either ("the app sits in the background" meets `app_shell` by no more than that).
 */
export function productWords(spec: SpecTree): ReadonlySet<string> {
  let words = products.get(spec);
  if (!words) {
    const text = opening(spec.system.body);
    const found = new Set<string>();
    for (const layer of spec.layers) {
      const parts = layer.id.replace(/^\d+[-_ ]*/, "").split(/[-_ ]+/).filter(Boolean);
      const word = parts.length === 1 ? singular(parts[0]!.toLowerCase()) : undefined;
      if (word && new RegExp(`\\b${word.replace(/[^a-z0-9]/g, "")}s?\\b`, "i").test(text)) found.add(word);
    }
    products.set(spec, (words = found));
  }
  return words;
}
