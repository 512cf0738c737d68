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
  const spelled = spelling(initialism.toLowerCase());
  const written = new RegExp(`(?<![\\p{L}\\p{N}])${initialism}(?![\\p{L}\\p{N}])`, "u");
  let owner: ModuleSpec | undefined;
  for (const m of modules) {
    const text = prose(m);
    if (written.test(text)) return undefined;
    if (!spelled.test(text)) continue;
    if (owner) return undefined;
    owner = m;
  }
  return owner?.id;
}

/** A module's prose, cut as the spec index cuts it; code blocks, inline code (paths, names) and links' targets spell nothing. */
function prose(m: ModuleSpec): string {
  let text = cached.get(m);
  if (text === undefined) {
    // Cut before the scans too (a fence the cut opens is read as prose: a few words at most).
    text = m.body.slice(0, 2 * PROSE_CHARS).replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").replace(/`[^`\n]*`|\]\([^)\n]*\)/g, " . ").slice(0, PROSE_CHARS);
    cached.set(m, text);
  }
  return text;
}

/**
 * How much of a spec's prose is read, as the spec index reads it (spec-index.ts): what a module is
 * about is said in its first sections, and a tree of 1,000 specs of 20 KB is read in milliseconds.
 */
const PROSE_CHARS = 3000;

const cached = new WeakMap<ModuleSpec, string>();

/**
 * Between the words of a name: spaces, a hyphen ("one-time"), a line wrapped inside a paragraph; not
 * a clause's or a list item's end ("ASTM E1394" is broken by its code, see `word`).
 */
const GAP = "(?:[ \\t\\-\u2010\u2011/'\u2019\"*_]|\\n(?![ \\t]*(?:\\n|[-*+>#]|\\d+[.)])))+";
/** Small words a spelled-out name may hold that its initialism leaves out: "house in multiple occupation". */
const SMALL = `(?:(?:of|in|and|for|to|on|the|a|an|by|at|&)${GAP})*`;

/**
 * A run of words whose first letters spell `letters`, one word a letter, small words skipped inside it:
 * "house in multiple occupation" for hmo, "one-time password" for otp, "3-D Secure" for 3ds. A word is
 * a figure or a letter with lower-case letters after it: an initialism or a code ("ASTM E1394") is none.
 * Two letters spell some pair of words in any spec: only a proper name ("Direct Debit") counts then.
 */
function spelling(letters: string): RegExp {
  let pattern = spellings.get(letters);
  if (!pattern) {
    const proper = letters.length === 2;
    const word = (c: string) =>
      /\d/.test(c) ? `${c}\\d*(?![\\p{L}\\p{N}])` : `[${c.toUpperCase()}${proper ? "" : c}](?:\\p{Ll}[\\p{L}\\p{M}]*)?(?![\\p{L}\\p{N}])`;
    const words = [...letters].map(word);
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join(`${GAP}${SMALL}`)}`, "u");
    spellings.set(letters, pattern);
  }
  return pattern;
}

const spellings = new Map<string, RegExp>();
