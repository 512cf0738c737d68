import { isKeyword } from "./keywords.js";
import type { NameHit } from "./names.js";
import type { ScopeResult } from "./scope.js";

/**
 * A module's one-word name written as a modifier of a thing another module of the scope was found for:
 * "schedule change email is sent in English" is the email's module (the index met "email" in its spec),
 * not the schedule's, which only says which email. The name's next words, up to a function word, are the
 * thing it modifies; the last of them is its head ("change email": email). Only when another module is
 * in the scope by that head word, so "the availability lookup is slow" stays availability's.
 */
export function withoutModifierNames(result: ScopeResult | undefined, names: readonly NameHit[], prose: string): ScopeResult | undefined {
  if (!result || result.scope.kind !== "modules" || result.scope.ids.length < 2) return result;
  const dropped = new Set<string>();
  for (const hit of names) {
    if (hit.kind !== "module" || hit.qualified || !/^[a-z]+$/i.test(hit.text)) continue;
    const head = headAfter(prose, hit.end);
    if (!head) continue;
    const by = result.evidence.filter((e) => e.target !== hit.id && e.words.some((w) => w.toLowerCase() === head));
    if (by.length > 0 && names.filter((h) => h.id === hit.id).length === 1) dropped.add(hit.id);
  }
  if (dropped.size === 0) return result;
  const ids = result.scope.ids.filter((id) => !dropped.has(id));
  if (ids.length === 0) return result;
  return {
    ...result,
    scope: { kind: "modules", ids },
    evidence: result.evidence.filter((e) => !e.target || !dropped.has(e.target)),
    because: result.because.filter((b) => !names.some((h) => dropped.has(h.id) && b === h.text)),
  };
}

/** Words that end the thing a name modifies: articles, prepositions, auxiliaries, conjunctions. */
const FUNCTION = new Set(("a an the this that these those is are was were be been has have had does do did will would can " +
  "could should in on at for to of from by with and or but as not no when if while after before").split(" "));

/** The last of up to two plain words right after `end`, before a function word: "[change email] is sent" -> email; none after a verb. */
function headAfter(prose: string, end: number): string | undefined {
  const words = /^[ \t]+([a-z]+)(?:[ \t]+([a-z]+))?/.exec(prose.slice(end));
  if (!words) return undefined;
  const taken = [words[1], words[2]].filter((w): w is string => w !== undefined);
  // "the cart ignores coupons": a word in -s or -ed after the name is its verb, not a thing it modifies.
  if (/(?:s|ed)$/.test(taken[0]!)) return undefined;
  const kept: string[] = [];
  for (const w of taken) {
    if (FUNCTION.has(w) || isKeyword(w)) break;
    kept.push(w);
  }
  return kept.at(-1);
}
