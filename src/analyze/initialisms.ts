import type { ModuleSpec, SpecTree } from "../spec/types.js";
import type { Span } from "./text.js";

/**
 * People write "the EPC reminders", "DD mandates", "FCM token" where the spec spells the thing out
 * ("the energy performance certificate", "Direct Debit mandates", "Firebase Cloud Messaging"): the
 * spec's author wrote for a reader, the ticket's for a colleague. An initialism in capitals names
 * the one module whose spec spells it out, when exactly one does and none writes it as it is (then
 * the index meets it as any other word).
 */

/** A module named by an initialism, in the shape of a name hit (names.ts). */
export interface InitialismHit extends Span {
  kind: "module";
  id: string;
  text: string;
  qualified: false;
  initialism: true;
}

/** A word in capitals, two to five letters, maybe after a digit ("3DS") and before a plural `s` ("EPCs"). */
const CAPITALS = /(?<![\w-])(\d?[A-Z]{2,5})s?(?![\w-])/g;

/**
 * Initialisms that are words of their own in any project ("the API", "a CSV", "the UK"): whatever run
 * of a spec's words they happen to spell, they do not stand for it.
 */
const COMMON: ReadonlySet<string> = new Set(("API APIS URL URI CSV PDF SQL JSON XML YAML HTML CSS HTTP HTTPS REST UI UX ID IDS OK " +
  "GPS CPU GPU RAM SDK CLI DB PR CI CD QA UK US USA EU VAT UTC GMT IO OS TV PC IOS MAC AWS GCP SMS FAQ ASAP FYI TODO " +
  "AM PM EOD ETA JS TS PHP SSL TLS SSH DNS IP TCP UDP VPN CDN JWT OTA AI ML LLM PIN").split(" "));

/** Words a spelled-out name may hold that its initialism leaves out: "house in multiple occupation". */
const SKIPPED: ReadonlySet<string> = new Set(["of", "in", "and", "for", "to", "on", "the", "a", "an", "by", "at", "&"]);

/**
 * Module hits for the initialisms in `text` outside `taken` (spans already read as names or paths):
 * "EPC reminders go out" -> certificates, whose spec speaks of "the energy performance certificate".
 */
export function initialismHits(text: string, spec: SpecTree, taken: readonly Span[]): InitialismHit[] {
  const hits: InitialismHit[] = [];
  // A value quoted or in code (`KeyError: 'EUR'`) is data, not a word for a thing.
  const code = [...text.matchAll(/`[^`\n]*`|'[^'\n]*'|"[^"\n]*"/g)].map((q) => ({ start: q.index, end: q.index + q[0].length }));
  // Spans in order, walked once beside the matches (also in order): a long request stays linear.
  const skip = [...taken, ...code].sort((a, b) => a.start - b.start);
  let next = 0;
  let reach = -1;
  const owners = new Map<string, string | undefined>();
  for (const m of text.matchAll(CAPITALS)) {
    const start = m.index;
    const end = start + m[0].length;
    while (next < skip.length && skip[next]!.start < end) reach = Math.max(reach, skip[next++]!.end);
    if (reach > start || COMMON.has(m[1]!)) continue;
    if (!owners.has(m[1]!)) owners.set(m[1]!, ownerOf(m[1]!, spec.modules));
    const id = owners.get(m[1]!);
    if (id !== undefined) hits.push({ kind: "module", id, text: m[0], start, end, qualified: false, initialism: true });
  }
  return hits;
}

/** The one module whose spec spells the initialism out, when none writes it as it is. */
function ownerOf(initialism: string, modules: readonly ModuleSpec[]): string | undefined {
  const letters = initialism.toLowerCase();
  const owners = modules.filter((mod) => spellsOut(mod, letters));
  return owners.length === 1 && !modules.some((mod) => writes(mod, initialism)) ? owners[0]!.id : undefined;
}

/** Words of a module's prose (code blocks left out), with a break (`null`) where a sentence or a clause ends. */
function proseWords(m: ModuleSpec): (string | null)[] {
  let words = cached.get(m);
  if (!words) {
    // Prose only: code blocks, inline code (paths, names) and links' targets spell nothing.
    const body = m.body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").replace(/`[^`\n]*`|\]\([^)\n]*\)/g, " . ");
    words = [];
    const upper: boolean[] = [];
    // A clause, a table cell, a list item or a paragraph ends a name; a line wrapped inside a paragraph does not.
    for (const piece of body.matchAll(/[\p{L}\p{N}]+|[.,;:()|!?]|\n[ \t]*(?:\n|[-*+>#]|\d+[.)])/gu)) {
      const word = /^[\p{L}\p{N}]/u.test(piece[0]) ? piece[0] : null;
      // An initialism or a code ("ASTM E1394") is no word of a spelled-out name: it breaks one.
      words.push(word === null || /^\p{Lu}{2,}$/u.test(word) || /\p{L}\p{N}|\p{N}\p{L}/u.test(word) ? null : word.toLowerCase());
      upper.push(word !== null && /^\p{Lu}/u.test(word));
    }
    cached.set(m, words);
    capitals.set(m, upper);
  }
  return words;
}

const cached = new WeakMap<ModuleSpec, (string | null)[]>();
const capitals = new WeakMap<ModuleSpec, boolean[]>();

/** Whether the module's prose word at `at` is written with a capital. */
function capital(m: ModuleSpec, at: number): boolean {
  return capitals.get(m)?.[at] ?? false;
}

/**
 * Whether the module's prose has a run of words whose first letters spell `letters`, one word a letter,
 * the small words of a name ("in", "of") skipped inside it: "house in multiple occupation" for hmo,
 * "one-time password" for otp, "3-D Secure" for 3ds.
 */
function spellsOut(m: ModuleSpec, letters: string): boolean {
  const words = proseWords(m);
  for (let at = 0; at < words.length; at++) {
    if (words[at]?.[0] !== letters[0] || SKIPPED.has(words[at]!)) continue;
    // Two letters spell some pair of words in any spec: only a proper name ("Direct Debit") counts.
    if (letters.length === 2 && !(capital(m, at) && capital(m, at + 1))) continue;
    let k = 1;
    let i = at + 1;
    while (k < letters.length && i < words.length) {
      const word = words[i];
      if (word === null || word === undefined) break;
      if (word[0] === letters[k]) k++;
      else if (!SKIPPED.has(word)) break;
      i++;
    }
    if (k === letters.length) return true;
  }
  return false;
}

/** Whether the module's prose writes the initialism itself (then it is a plain word of that spec). */
function writes(m: ModuleSpec, initialism: string): boolean {
  return proseWords(m).includes(initialism.toLowerCase());
}
