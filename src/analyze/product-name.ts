import type { SpecTree } from "../spec/types.js";
import { opening } from "./layer-domain-word.js";
import type { NameHit } from "./names.js";

const names = new WeakMap<SpecTree, string | undefined>();

/**
 * "Lumen app shows 0 W on the live dial", "audit Lumen for tokens in logs": where the system spec's
 * opening sentence says what the product is by a name that is also a module's ("Lumen is a home energy
 * monitor" beside a `lumen` module for the hub's firmware), the name written bare is the product, so
 * names no module; the request's other words say where. Named as the module ("the lumen module",
 * `lumen`) it is the module still. The hits returned are masked as a name is: neither a type's word nor the index's.
 */
export function productHits(names: readonly NameHit[], spec: SpecTree): NameHit[] {
  const product = productName(spec);
  return product === undefined ? [] : names.filter((hit) => hit.kind === "module" && !hit.qualified && squash(hit.text) === product);
}

/** The product's name, squashed, when a module has it for its id: the subject of the system spec's opening sentence. */
export function productName(spec: SpecTree): string | undefined {
  if (names.has(spec)) return names.get(spec);
  // "Lumen is a home energy monitor", "PocketBank is the iOS app of ...": one or two capitalised words, then a copula.
  const subject = /^\s*(?:\*\*)?([A-Z][\w-]*(?: [A-Z][\w-]*)?)(?:\*\*)? (?:is|are)\b/.exec(opening(spec.system.body))?.[1];
  const name = subject === undefined ? undefined : squash(subject);
  const found = name !== undefined && spec.modules.some((m) => squash(m.id) === name) ? name : undefined;
  names.set(spec, found);
  return found;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}
