import type { SpecTree } from "../spec/types.js";
import { isKeyword } from "./keywords.js";
import { isStopWord } from "./stem.js";

/** A word of the request read as a module's id misspelled: `chekout` for `checkout`. */
export interface Misspelling {
  word: string;
  id: string;
}

/**
 * Shorter words are too easily another word one letter away (`chart`, `cart`). Measured with
 * a 267,000-word English list against four trees: at 5 letters, or two edits from 8, ordinary
 * words (`patients`, `shifting`, `executive`, `chart`) read as modules; at these rules a few
 * rare ones do (`bilking`, `resorts`), and the warning says so and a paid run asks first.
 */
const MIN_LENGTH = 6;

/**
 * The one module a misspelled word clearly means, for a request that otherwise names none
 * (the caller asks only then: the alternative is the whole system). A word counts when it
 * is at least `MIN_LENGTH` letters, not a stop word or task keyword, begins with the id's first
 * two letters, is one edit (a letter left out, added, changed, or two swapped) from the id
 * written without `_`/`-`, and no other module is as near. `known`
 * says a word is the project's own (its specs use it): such a word is meant as written
 * (`shipping` beside a module `shopping`), never as a misspelling. Several words meaning
 * different modules are left alone: one reading must stand out.
 */
export function misspelledModule(text: string, spec: SpecTree, known: (word: string) => boolean): Misspelling | undefined {
  const ids = spec.modules.map((m) => ({ id: m.id, name: m.id.toLowerCase().replace(/[_-]+/g, "") }));
  const found = new Map<string, string>();
  for (const word of new Set((text.match(/[A-Za-z]+/g) ?? []).map((w) => w.toLowerCase()))) {
    if (word.length < MIN_LENGTH || isStopWord(word) || isKeyword(word)) continue;
    let best: { id: string; distance: number } | undefined;
    let tie = false;
    for (const { id, name } of ids) {
      if (name === word || !word.startsWith(name.slice(0, 2))) continue;
      const distance = editDistance(word, name, 2);
      if (distance > 1) continue;
      if (!best || distance < best.distance) [best, tie] = [{ id, distance }, false];
      else if (distance === best.distance) tie = true;
    }
    if (best && !tie && !known(word)) found.set(word, best.id);
  }
  const meant = new Set(found.values());
  if (meant.size !== 1) return undefined;
  const [word, id] = [...found][0]!;
  return { word, id };
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring), capped: `cap` once over it. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      least = Math.min(least, d);
    }
    if (least >= cap) return cap;
    [before, previous] = [previous, row];
  }
  return Math.min(previous[b.length]!, cap);
}
