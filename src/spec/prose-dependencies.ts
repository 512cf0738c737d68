/**
 * Dependencies written as a sentence: "Relies on the billing and auth modules", "Uses booking
 * and reminders.", "Depends on the patients module for records". The names after the verb, up
 * to the sentence's end, split at commas, "and" and "or", each cut at its first preposition and
 * without "the" and "module". They count only where they name a module (`named` references).
 */

// Under a dependency heading any of these opens such a sentence; elsewhere in a spec only the explicit ones do.
const SECTION_VERBS = /\b(?:relies|rely|relying|depends?|depending|builds?|built)\s+(?:up)?on\b|\b(?:uses|needs|requires|calls|imports|reads from|talks to|wraps)\b/gi;
// A sentence that opens with "Needs", "Requires" or "Uses" says what the module needs, as one with "depends on" does.
const EXPLICIT_VERBS = /\b(?:relies|rely|depends?)\s+(?:up)?on\b/gi;
const OPENING_VERBS = /(?:^|(?<=[.!?]\s+))(?:Needs|Requires|Uses)\b/gm;
const MAX_CLAUSE = 240;
const CLAUSE_END = /[.;:!?\n()]|$/;
const SPLIT = /\s*,\s*|\s+(?:and|or|as well as|plus)\s+/i;
const CUT = /\s+(?:for|to|when|because|via|through|in|on|from|with|so|which|that|if|at|by)\b.*$/i;
const FILLER = /^(?:(?:the|a|an|its|their|our)\s+)+|\s+(?:modules?|services?|components?|packages?|layers?|agents?)$/gi;
/** A module's name is one to three words: a longer part is a phrase ("the data it has cached"). */
const NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*(?:\s+[\p{L}\p{N}_-]+){0,2}$/u;

/** The names a sentence of `text` gives after a dependency verb; `inSection`: the text is under a dependency heading. */
export function sentenceDependencies(text: string, inSection: boolean): string[] {
  return sentenceNames(text, inSection).map((n) => n.name);
}

/**
 * `sentenceDependencies`, each name with whether the sentence calls it a module: "the Store and
 * Pricing modules", "the Billing module". Such a name counts in any case; another, written in
 * prose, may be a type (`Cart`) and counts only as written. `openings`: in a module's own spec, a
 * sentence opening with "Needs", "Requires" or "Uses" is one too ("Needs the Billing Engine.").
 */
export function sentenceNames(text: string, inSection: boolean, openings = false): { name: string; module: boolean }[] {
  // Most prose names no dependency: its text is not split.
  const opening = openings && !inSection && OPENING_HINT.test(text);
  if (!opening && !(inSection ? /\b(?:on|uses|needs|requires|calls|imports|from|to|wraps)\b/i : /\bon\b/i).test(text)) return [];
  const names: { name: string; module: boolean }[] = [];
  const verbs = inSection ? text.matchAll(SECTION_VERBS) : opening ? [...text.matchAll(EXPLICIT_VERBS), ...text.matchAll(OPENING_VERBS)].sort((a, b) => a.index - b.index) : text.matchAll(EXPLICIT_VERBS);
  for (const verb of verbs) {
    // A list of modules is short: a clause read no further keeps a paragraph of verbs linear.
    const rest = text.slice(verb.index + verb[0].length, verb.index + verb[0].length + MAX_CLAUSE).replace(/^[\s:*]+/, "");
    const clause = rest.slice(0, CLAUSE_END.exec(rest)!.index);
    const parts = clause.split(SPLIT).map((part) => part.replace(/[`*]/g, "").replace(CUT, ""));
    // "the Store and Pricing modules": the plural calls every name of the list a module.
    const all = parts.length > 1 && MODULES.test(parts[parts.length - 1]!);
    for (const part of parts) {
      const name = part.replace(FILLER, "").trim();
      if (NAME.test(name)) names.push({ name, module: all || MODULE.test(part) });
    }
  }
  return names;
}

const OPENING_HINT = /(?:^|[.!?]\s)(?:Needs|Requires|Uses)\b/m;
const MODULES = /\s(?:modules|services|components|packages)\s*$/i;
const MODULE = /\s(?:module|service|component|package)s?\s*$/i;

// A paragraph that is only names: `ledger, tax`, `ledger and tax.`, `ledger`.
const BARE_NAMES = /^[\w.-]+(?:\s*(?:,|;|,?\s+and\s)\s*[\w.-]+)*\.?$/;

/** The names of a paragraph that lists them and says nothing else (`ledger, tax`): each counts where it names a module. */
export function bareNames(text: string): string[] {
  const line = text.trim();
  if (line.length > 200 || !BARE_NAMES.test(line)) return [];
  return line
    .replace(/\.$/, "")
    .split(/\s*(?:,|;|\band\b)\s*/)
    .filter((n) => n.length > 0);
}
