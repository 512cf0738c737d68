import { singular } from "./text.js";

/** Words that carry no routing information, in requests or in specs. */
const STOP = new Set(
  ("a an the and or but if then else of to in on at by for from with without into onto over under about " +
    "through across between during within until upon per " +
    "as is are was were be been being am it its this that these those there here which who whom whose what " +
    "when where why how all any some no not only so than too very can could should would will shall may might " +
    "must do does did done doing have has had having i we you he she they me us our your their my them " +
    "please pls just also still again now after before while once each every other another same such more " +
    "most less least much many few one two three new make makes made use uses used using need needs get gets " +
    "got let lets thing things way via etc e g ie eg module modules agent agents layer layers file files code " +
    "update updates change changes improve support handle allow ensure want try see look check properly " +
    "correctly instead currently right sure good better nice nicer able something anything run runs " +
    "happen happens still always never own " +
    // German's, for specs and tickets written in German ("Die Kurssuche ist langsam bei 5000 Kursen").
    "der die das den dem des ein eine einen einem einer eines und oder aber nicht ist sind wird werden wurde " +
    "wurden bei beim mit von vom zu zum zur im auf für aus als wie wo warum wann obwohl wenn dass kann können " +
    "man es er sie wir ich ihr noch schon immer auch nur sehr alle allen jede jeder jedes statt ohne nach vor " +
    "über unter bis durch gegen um sich geht " +
    // Spanish's, for tickets written in Spanish ("los tipos de cambio del fin de semana").
    "el la los las de del al un una unos unas que en por para con sin se su sus es son está están y o pero cuando " +
    "muy hay ya cómo qué porque desde").split(" "),
);

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * A light suffix stemmer, the same for specs and requests so that "limiting" meets
 * "limit", "calculation" meets "calculate", "notifications" meets "notify" and "fetcher" meets "fetch". It only has
 * to be consistent, not linguistically right: two words that stem alike match.
 */
export function stem(word: string): string {
  let w = singular(american(word.toLowerCase().replace(/['\u2019]s$/, "")));
  // A verb in -ate ("calculate", "aggregated"), not a doubled t ("formatted" is format's).
  const ate = /at(?:e|ed|ing)$/.test(w) && !/tt(?:ed|ing)$/.test(w);
  // "cookie" and "cookies" (singular: "cooky") stem alike.
  if (w.length > 4 && w.endsWith("ie")) w = `${w.slice(0, -2)}y`;
  const strip = (suffix: string, min: number): boolean => {
    if (!w.endsWith(suffix) || w.length - suffix.length < min) return false;
    w = w.slice(0, -suffix.length);
    return true;
  };
  // The verb meets its -ment noun when six letters or more are left: enrichment and enrich, settlement and settle; not comment, segment or statement.
  const ment = strip("ment", 6);
  // The verb meets its -ction noun: prediction and predict, compression is left alone (a "session" is no "sess").
  if (!ment && /ctions?$/.test(w) && w.length >= 8) w = w.replace(/ions?$/, "");
  if (!ment && (strip("ations", 3) || strip("ation", 3) || strip("ing", 3) || strip("ed", 3))) {
    if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1); // running -> run, stopped -> stop
  } else if (!ment && !strip("ly", 4)) {
    strip("er", 4);
  }
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  // The verb meets its -ation noun: calculate and calculation, aggregated and aggregation both give "calcul", "aggreg".
  if (ate && w.endsWith("at") && w.length >= 5) w = w.slice(0, -2);
  // notification, notified -> notify; specification -> specify.
  if (w.length > 5) w = w.replace(/if(?:ic|i)$/, "ify");
  // "quizzes" and "quiz" (its plural doubles the z).
  return w.endsWith("zz") ? w.slice(0, -1) : w;
}

/**
 * A British spelling as the American one, so a request and a spec written by different people
 * meet: "relocalisation" and "relocalization", "behaviour" and "behavior", "centre" and "center",
 * "catalogue" and "catalog". Only endings: what is left before them must be a few letters long.
 */
function american(word: string): string {
  return word
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$/, "iz$1")
    .replace(/(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$/, "yz$1")
    .replace(/(?<=[a-z]{2}[ivbmnpl])our(s|ed|ing|ite|ites)?$/, "or$1")
    .replace(/(?<=[a-z]{2}[tb])re(s)?$/, "er$1")
    .replace(/(?<=[a-z]{3})ogue(s)?$/, "og$1");
}

/**
 * Words of a text for the index: identifiers split by case and separators, lower-cased
 * (`SharpeRatio` -> sharpe, ratio; `HTTPClient` -> http, client; `MACD_Trend_v4` -> macd,
 * trend, v4; `Größe` -> größe). One pass over the characters: this runs over every spec of the tree.
 */
export function indexWords(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start >= 0 && end > start) out.push(text.slice(start, end).toLowerCase());
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit && !(c > 127 && isLetter(text[i]!))) {
      flush(i);
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    if (upper) {
      const prev = text.charCodeAt(i - 1);
      const next = text.charCodeAt(i + 1);
      const prevLowerOrDigit = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const prevUpper = prev >= 65 && prev <= 90;
      // camelCase boundary, or the last capital of an acronym before a word (HTTP|Client).
      if (prevLowerOrDigit || (prevUpper && next >= 97 && next <= 122)) {
        flush(i);
        start = i;
      }
    }
  }
  flush(text.length);
  return out;
}

/**
 * A letter past ASCII is part of its word: "häuser" is one word, not "h" and "user" (which would
 * meet a spec's "user-agent"). The letter only: no case boundary is read in it.
 */
function isLetter(c: string): boolean {
  return /[\p{L}\p{M}]/u.test(c);
}

const memo = new Map<string, string | null>();

/** The index term of a lower-cased word: null for a stop word, else its stem. Memoised: a tree has a few thousand distinct words. */
/**
 * The longest word that is a term: no name of a module, file or function is longer, and a longer one (a
 * pasted hash, 100 KB of `a`) made the fuzzy search of the spec index quadratic in its length (40,000
 * characters took 3 s, the most an argument holds 20 s).
 */
const MAX_TERM = 64;

export function term(word: string): string | null {
  let t = memo.get(word);
  if (t === undefined) {
    t = STOP.has(word) || word.length < 2 || word.length > MAX_TERM ? null : stem(word);
    if (memo.size < 100_000) memo.set(word, t);
  }
  return t;
}

/**
 * Words people use for the same thing as the words specs use: a request to "fix the login bug"
 * is about the module that signs users in, whether its spec says login, sign-in or auth.
 * Kept to the few words whose meaning does not depend on the project.
 */
const SAME_AS: readonly string[][] = [
  ["login", "logon", "signin", "auth", "authentication", "authenticate"],
  ["logout", "logoff", "signout", "auth", "authentication"],
  ["email", "mail", "mailer"],
  ["encrypt", "encryption", "decrypt", "decryption", "cipher", "crypto", "cryptography"],
  // An endpoint is a part of an API, whatever the project serves.
  ["endpoint", "api"],
  // "CLI" abbreviates what specs spell out ("the command-line program"; see `joinedVerbs`).
  ["cli", "commandline"],
];
/** Keyed by stem, so that every form of a word finds the group ("ciphers", "emailed", "logins"). */
const SAME = new Map<string, string[]>();
for (const group of SAME_AS) {
  for (const word of group) {
    const key = stem(word);
    SAME.set(key, [...new Set([...(SAME.get(key) ?? []), ...group])].filter((w) => stem(w) !== key));
  }
}

/** Other words for `word` (lower-cased) or another form of it that specs use: `logins` -> signin, auth, ... */
export function sameAs(word: string): readonly string[] {
  return SAME.get(stem(word)) ?? [];
}

/**
 * "log in", "logged out", "sign-in" written as one word (`login`, `logout`, `signin`), as specs and
 * identifiers write them; not a noun's "log" ("the log in production", "an error log in the importer").
 * "command line" and "command-line" as one word too, for the CLI (see `SAME_AS`).
 */
export function joinedVerbs(text: string): string {
  return text.replace(/\bcommand[\s-]+line\b/gi, "commandline").replace(/(?<!\b(?:the|a|an|this|that|its|my|our|your|their|error|debug|audit|access|event|server|app|build|test)[\s-]+)\b(log|sign)(?:ged|ging|ed|ing|s)?[\s-]+(in|on|out|off)\b/gi, (_, verb: string, particle: string) => `${verb}${particle}`);
}
