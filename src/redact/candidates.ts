import { KEY } from "./assignments.js";

/** `source` with each lowercase letter matching either case: what the `i` flag does to ASCII, without making the whole expression case-blind. */
const caseBlind = (source: string): string => source.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

/**
 * Where a match of any rule could start: a token's prefix (rules.ts), an assignment's key and
 * sign (assignments.ts), a private key's `-----BEGIN` (keys.ts). A text this finds nothing in
 * holds no match of them, and the redactor returns it as it is without running their expressions.
 *
 * Why one expression and not those three scans: each position of a text costs a V8 regular
 * expression about one check for each of its alternatives (the token prefixes are 17, the keys 7,
 * about 40 instructions a character in all). Here a position costs one character-class check, and
 * only at the few characters every start holds (`-` `_` `:` `=` `/` `A` `B` `b` `J`) are the starts
 * looked for, around that character: about 30 % fewer instructions on a run's texts.
 *
 * Also found in JSON text, where a string's quote or tab is escaped (`password\"=`, `token\t:`):
 * the JSON redaction scans a whole document with this before looking at its strings.
 */
const CANDIDATE = new RegExp(
  "[-_:=/ABJb](?<=" +
    [
      // Ending at `-` or `_`: rules.ts's prefixes sk-ant- and sk-(proj|...)- (both start sk-), glpat-, xox?-, xapp-, gh?_, github_pat_, sk_/rk_, npm_, hf_.
      "sk-|glpat-|xox[abeprs]-|xapp-|gh[pousr]_|github_pat_|[sr]k_|npm_|hf_",
      // An assignment's key and its sign, the quote and tab also as JSON writes them.
      `${caseBlind(KEY)}(?:\\\\?["'])?(?:[ \\t]|\\\\t){0,4}[:=]`,
      "eyJ|hooks\\.slack\\.com/",
      // Starting at the character: a key block, a URL's `://`, an AWS key id, a Google key, a bearer token.
      "-(?=----BEGIN)|:(?=//)|A(?=3T[A-Z0-9]|KIA|SIA|BIA|CCA|Iza)|[Bb](?=earer)|B(?=EARER)",
    ].join("|") +
    ")",
);

/** Whether a match of a token rule, an assignment or a key block could start in `text` (raw, or as JSON writes it). */
export function holdsCandidate(text: string): boolean {
  return CANDIDATE.test(text);
}
