import { extractSummary } from "../spec/purpose.js";
import type { ModuleSpec, SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";
import { nameTokens, singular } from "./text.js";

/** More than this share of the other modules' specs must use the module's word in their prose. */
const SHARE = 1 / 3;

const cache = new WeakMap<SpecTree, Map<string, boolean>>();

/**
 * "Patients are getting reminder texts at 6am", "the RTT return is 30 patients lower than the waiting
 * list shows": where more than a third of the other modules' specs use a module's one-word name in their
 * purpose ("letters to patients", "new and follow-up patients"), the word written bare beside another
 * module's name is the domain's thing the request speaks of, not that module; the other name is the
 * scope. Alone, or named as the module ("the patients module", `patients`), it is the module still.
 * As a layer's word is (layer-domain-word.ts).
 */
export function withoutDomainModuleWords<T extends { names: NameHit[] }>(found: T, spec: SpecTree): T {
  const domain = new Set(found.names.filter((hit) => hit.kind === "module" && !hit.qualified && !hit.initialism && isDomainWord(hit, spec)));
  if (domain.size === 0) return found;
  const kept = found.names.filter((hit) => !domain.has(hit));
  // Only beside another module's name, and one not written as its id: "the importer and the reports",
  // "how balances follow the journal" name two modules alike; "reminder texts" (of `reminders`) or a
  // display name ("the waiting list") says what the request is about beside the domain's word.
  const others = kept.filter((hit) => hit.kind === "module");
  return others.length > 0 && !others.some((hit) => writtenAsId(hit)) ? { ...found, names: kept } : found;
}

function isDomainWord(hit: NameHit, spec: SpecTree): boolean {
  const words = nameTokens(hit.text);
  if (words.length !== 1) return false;
  const word = singular(words[0]!.word.toLowerCase());
  const key = `${hit.id}\u0000${word}`;
  let known = cache.get(spec);
  if (!known) cache.set(spec, (known = new Map()));
  let domain = known.get(key);
  if (domain === undefined) {
    const others = spec.modules.filter((m) => m.id !== hit.id);
    const used = new RegExp(`\\b${word.replace(/[^a-z0-9]/g, "")}s?\\b`, "i");
    domain = others.length >= 3 && others.filter((m) => used.test(purposeOf(m))).length > SHARE * others.length;
    known.set(key, domain);
  }
  return domain;
}

/**
 * What a spec says its module is for (its purpose, with a subagent's `description:`): there a module's
 * name is the domain's thing ("letters to patients"); elsewhere in a spec it is as often the module
 * itself, as a dependency ("Used by reports").
 */
function purposeOf(m: ModuleSpec): string {
  const description = typeof m.frontMatter.description === "string" ? m.frontMatter.description : "";
  return `${description} ${extractSummary(m.body).purpose}`.replace(/`[^`\n]*`/g, " ");
}

/** Whether a name is written as its module's id, in any case, separators and number: "the reports", "Order Book". */
function writtenAsId(hit: NameHit): boolean {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const written = squash(hit.text);
  const id = squash(hit.id);
  return written === id || `${written}s` === id || written === `${id}s`;
}
