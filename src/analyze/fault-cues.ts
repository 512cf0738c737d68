import type { TypeWord } from "./asking.js";

/**
 * Faults told in plain words that the cues of `symptom.ts` do not read: what happens despite what
 * should prevent it, what a thing says against what is, what it is left with. Each looks at a word
 * and a few after it in a statement's clause (commands and questions are never asked).
 */

/** "seams are all over the place even with 'aligned'", "the alert fires even above the threshold": despite what should prevent it. */
const EVEN = new Set(["with", "when", "above", "below", "after", "if", "on", "at", "for", "in", "without", "under", "over"]);

/** Verbs that say what a thing reports, before a "but" with what is: "the estimate says 3h but the print takes 4h40". */
const SAYS = new Set(["say", "says", "said", "show", "shows", "showed", "report", "reports", "reported", "claim", "claims", "claimed",
  "display", "displays", "displayed", "tell", "tells", "told", "list", "lists", "listed"]);

/** Comparatives before "than": "is 30 patients lower than the waiting list shows". */
const COMPARATIVE = new Set(["lower", "higher", "more", "less", "fewer", "bigger", "smaller", "larger", "longer", "shorter", "greater"]);
/** What the other figure comes from, after the "than": "than the waiting list shows", "than Stripe says". */
const OTHER_SOURCE = new Set(["shows", "show", "says", "say", "reports", "report", "has", "have", "had"]);

/** Verbs that leave a thing with a defect: "has hairline gaps", "leaves grooves at the edges". */
const LEFT_WITH = new Set(["has", "have", "had", "leave", "leaves", "left", "get", "gets", "got"]);
/** Defects a thing is left with. */
const DEFECT = new Set(["gap", "gaps", "artifact", "artifacts", "artefact", "artefacts", "glitch", "glitches", "groove", "grooves",
  "zit", "zits", "blob", "blobs", "streak", "streaks", "smear", "smears", "seam", "seams", "tear", "tears", "jaggies"]);
/** Shapes that are a defect in a colour: "has black squares along the coast". */
const SHAPE = new Set(["square", "squares", "box", "boxes", "bar", "bars", "line", "lines", "spot", "spots", "patch", "patches", "area", "areas"]);
/** What a thing shows when it renders wrong, as a state: "tiles are completely black", "the text is black on dark grey". */
const WRONG_LOOK = new Set(["black", "invisible", "transparent", "blurry", "pixelated", "garbled", "misaligned", "cropped", "clipped", "squished"]);
const BE = new Set(["is", "are", "was", "were", "look", "looks", "come", "comes", "render", "renders"]);
/** How many modifiers may stand between such a verb and its defect: "has thin black squares". */
const DEFECT_REACH = 3;

/** Units of an age: "the balance is a day old". */
const AGE_UNIT = new Set(["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"]);

/** Verbs that hand out what they hold: "the API returns the old table", "the charge uses the old £50k threshold". */
const HANDS_OUT = new Set(["return", "returns", "returned", "use", "uses", "used", "serve", "serves", "served", "send", "sends", "sent",
  "show", "shows", "showed", "apply", "applies", "applied", "give", "gives", "gave", "load", "loads", "loaded",
  // "the vaccination certificate prints the owner's old address".
  "print", "prints", "printed", "display", "displays", "displayed",
  // What is carried over when it should be left behind: "a reissue keeps the old name", "moving a hub takes the old home's history".
  "keep", "keeps", "kept", "take", "takes", "took", "carry", "carries", "carried"]);
/** Words that open what is handed out, before its "old": "the", "its", and a possessive's noun and "s" ("the owner's old address"). */
const HANDED = new Set(["the", "an", "a", "its", "their", "his", "her", "s"]);
/** How far after such a verb its "old" may stand: "prints the owner's old". */
const OLD_REACH = 4;
/** Words a figure is said to be out by, after it: "the cash-up is £40 out", "block hours are 1 hour short". */
const OUT_BY = new Set(["out", "short", "off", "over", "under", "behind", "ahead"]);
/** Units between a figure and how far out it is: "1 hour short", "3 days behind". */
const FIGURE_UNIT = new Set(["p", "pence", "pounds", "dollars", "euros", "cents", "percent", "second", "seconds", "minute", "minutes", "hour", "hours",
  "day", "days", "week", "weeks", "month", "months", "year", "years", "km", "kg", "mb", "gb", "items", "units", "people", "person"]);
/** Sizes said to be more than it should be, or less: "the reserve plan is too small on bank holidays"; not a judgement of a setting ("rate limits are too strict" asks for another). */
const TOO = new Set(["small", "big", "large", "low", "high", "short", "long", "few", "many", "much", "little", "early", "late"]);
/** What a rule or alert goes off on, too often: "the alert fires for every water meter at 3am". */
const FIRES = new Set(["fire", "fires", "fired", "firing", "trigger", "triggers", "triggered", "triggering"]);
const ON_EACH = new Set(["for", "after", "on"]);

/** Verbs that set a value, and the values that leave it hollow: "the night recount sets level 2 to 0 cars". */
const SETS = new Set(["set", "sets", "reset", "resets", "put", "puts"]);
const HOLLOW_VALUE = new Set(["0", "zero", "null", "none", "nothing", "empty", "blank", "nan"]);
/** Words before a bound that a figure goes past: "are above the contract number", "overbook beyond the RM limit". */
const PAST = new Set(["above", "beyond", "over", "past", "exceed", "exceeds", "exceeded", "exceeding"]);
/** Bounds: "the RM limit", "the cap", "the contract number". */
const BOUND = new Set(["limit", "limits", "cap", "caps", "maximum", "max", "quota", "threshold", "contract", "allowance", "capacity"]);
/** How far after "the" such a bound may stand: "beyond the RM limit", "above the agreed contract". */
const BOUND_REACH = 3;
/** Places two figures are compared between: "is higher in the app than on the website". */
const IN_PLACE = new Set(["in", "on", "at", "for", "from", "via"]);

/** How far on a cue's second part may stand ("says 3h but", "lower than the waiting list shows"): bounded, so a long request stays linear. */
const REACH = 12;

/** Where a "but" stands after `k` in its clause. */
function butAfter(words: readonly TypeWord[], k: number, end: number): boolean {
  for (let i = k + 1; i < Math.min(end, k + 1 + REACH); i++) if (words[i]?.word === "but") return true;
  return false;
}

/** Whether an "old" stands a few words after the verb at `k`, after words that open what it hands out ("prints the owner's old"). */
function oldAfter(words: readonly TypeWord[], k: number, end: number): boolean {
  for (let i = k + 1; i < Math.min(end, k + 1 + OLD_REACH); i++) {
    const w = words[i]?.word ?? "";
    if (w === "old" || w === "previous" || w === "outdated") return i > k + 1 && words[i - 1]?.word === "s";
    if (!HANDED.has(w) && !/^[a-z]+$/.test(w)) return false;
  }
  return false;
}

/** The fault at word `k` of a statement's clause ending at `end`, as the words that tell it; else undefined. */
export function plainFault(words: readonly TypeWord[], k: number, end: number): string | undefined {
  const word = words[k]?.word ?? "";
  const next = words[k + 1]?.word ?? "";
  if (word === "even" && EVEN.has(next) && k + 2 < end) return `even ${next}`;
  if (word === "all" && next === "over" && words[k + 2]?.word === "the" && words[k + 3]?.word === "place") return "all over the place";
  if (SAYS.has(word) && k > 0 && butAfter(words, k, end)) return `${word} but`;
  // Out of date: "returns the old table for a minute after a result"; not a command's ("use the old API").
  if (HANDS_OUT.has(word) && k > 0 && (next === "old" || ((next === "the" || next === "an") && words[k + 2]?.word === "old"))) return `${word} the old`;
  if (HANDS_OUT.has(word) && k > 0 && HANDED.has(next) && oldAfter(words, k, end)) return `${word} the old`;
  if (FIRES.has(word) && k > 0 && ON_EACH.has(next) && (words[k + 2]?.word === "every" || words[k + 2]?.word === "each")) return `${word} ${next} every`;
  if (COMPARATIVE.has(word) && next === "than") {
    for (let i = k + 2; i < Math.min(end, k + 2 + REACH); i++) if (OTHER_SOURCE.has(words[i]?.word ?? "")) return `${word} than ${words[i]?.word}`;
    // A figure said to exceed the one it is bounded by: "the tax credit relief is more than the UK tax on them".
    if ((words[k - 1]?.word === "is" || words[k - 1]?.word === "are") && words[k + 2]?.word === "the") return `${words[k - 1]?.word} ${word} than the`;
  }
  // A value set to nothing: "the night recount sets level 2 to 0 cars", not a command's ("set the timeout to 0").
  if (SETS.has(word) && k > 0) {
    for (let i = k + 1; i < Math.min(end - 1, k + 1 + REACH); i++) if (words[i]?.word === "to" && HOLLOW_VALUE.has(words[i + 1]?.word ?? "")) return `${word} to ${words[i + 1]?.word}`;
  }
  // A bound gone past: "permit holders inside are above the contract number", "we overbook the Q class beyond the RM limit".
  if (PAST.has(word) && k > 0 && next === "the") {
    for (let i = k + 2; i < Math.min(end, k + 2 + BOUND_REACH); i++) if (BOUND.has(words[i]?.word ?? "")) return `${word} the ${words[i]?.word}`;
  }
  // One figure in two places: "bag price is higher in the app than on the website".
  if (COMPARATIVE.has(word) && (words[k - 1]?.word === "is" || words[k - 1]?.word === "are") && IN_PLACE.has(next)) {
    for (let i = k + 2; i < Math.min(end - 1, k + 2 + REACH); i++) if (words[i]?.word === "than" && IN_PLACE.has(words[i + 1]?.word ?? "")) return `${word} ${next} than ${words[i + 1]?.word}`;
  }
  if (LEFT_WITH.has(word) && k > 0) {
    for (let i = k + 1; i < Math.min(end, k + 1 + DEFECT_REACH); i++) {
      const w = words[i]?.word ?? "";
      if (DEFECT.has(w) || (SHAPE.has(w) && WRONG_LOOK.has(words[i - 1]?.word ?? ""))) return `${word} ${w}`;
    }
  }
  // A state that looks wrong, after an adverb as tickets write them (also misspelt: "compltely").
  if (BE.has(word) && k > 0) {
    const at = /^[a-z]{3,}ly$/.test(next) ? k + 2 : k + 1;
    const look = words[at]?.word ?? "";
    if (at < end && WRONG_LOOK.has(look)) return `${word} ${look}`;
    // A figure out by an amount: "the end of day cash-up is £40 out", "block hours are 1 hour short".
    if (/^\d/.test(next) && word !== "look" && word !== "looks") {
      const at = FIGURE_UNIT.has(words[k + 2]?.word ?? "") ? k + 3 : k + 2;
      if (at < end && OUT_BY.has(words[at]?.word ?? "") && (at + 1 >= end || words[at + 1]?.word !== "of")) return `${word} ${next} ${words[at]?.word}`;
    }
    // "is too small", "are too few": a size it should not have.
    if (next === "too" && TOO.has(words[k + 2]?.word ?? "")) return `${word} too ${words[k + 2]?.word}`;
    // Stale by an age: "the balance on the widget is a day old".
    if (/^(?:a|an|one|\d+|two|three|several)$/.test(next) && AGE_UNIT.has(words[k + 2]?.word ?? "") && words[k + 3]?.word === "old") return `${word} ${next} ${words[k + 2]?.word} old`;
  }
  return undefined;
}
