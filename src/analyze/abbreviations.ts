import type { ModuleSpec } from "../spec/types.js";
import { indexWords, stem } from "./stem.js";

/**
 * Module ids are often abbreviations of the words people write: `inv_svc` owning
 * `src/inventory/service.ts` is the inventory service, `pmt` providing `PaymentGateway` the
 * payment module, `cfg` owning `internal/cfg/config.go` the config package. An id's part
 * stands for a word of the module's own identifiers (owned paths, Provides names) that it
 * abbreviates.
 */

const VOWEL = /[aeiouy]/;
const LETTERS = /^[a-z]+$/;

/**
 * The modules whose id has a part standing for `word` (lower-cased, any form: "notification"
 * for `notif` owning `src/notify/`). Looked up per word, not per tree: only a word before
 * "module" or "service" asks, and a module's own words are read only when a part of its id
 * begins with the word's letter.
 */
export function abbreviatedBy(word: string, modules: readonly ModuleSpec[]): ModuleSpec[] {
  const meant = stem(word);
  const first = meant[0];
  return modules.filter((m) => {
    const parts = m.id.toLowerCase().split(/[_-]+/).filter((p) => p[0] === first && p.length >= 2 && LETTERS.test(p));
    return parts.length > 0 && ownWords(m).some((w) => stem(w) === meant && parts.some((p) => abbreviates(p, w)));
  });
}

const own = new WeakMap<ModuleSpec, string[]>();

/** Words of the owned paths (extensions left out) and Provides names, unique. */
function ownWords(m: ModuleSpec): string[] {
  let words = own.get(m);
  if (!words) {
    const paths = m.files.map((f) => f.replace(/\.[A-Za-z0-9]+$/, ""));
    words = [...new Set([...paths, ...m.provides].flatMap(indexWords))];
    own.set(m, words);
  }
  return words;
}

/**
 * Whether `part` of an id is short for `word`: its beginning (`inv` for inventory, `repo` for
 * repository; three letters or more), or its consonant skeleton, first letter and the
 * following consonants in order (`svc` for service, `pmt` for payment, `cfg` for config). A
 * skeleton has no vowel after its first letter: `cli` is no skeleton of completion. Another
 * form of the same word (`order` and `orders`) is no abbreviation.
 */
export function abbreviates(part: string, word: string): boolean {
  if (word.length < part.length + 1 || word[0] !== part[0] || !LETTERS.test(word)) return false;
  return (word.startsWith(part) ? part.length >= 3 : skeleton(part, word)) && stem(word) !== stem(part);
}

function skeleton(part: string, word: string): boolean {
  if (word.length < part.length + 2 || VOWEL.test(part.slice(1))) return false;
  let at = 1;
  for (const c of part.slice(1)) {
    at = word.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
