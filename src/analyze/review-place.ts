import type { SpecTree } from "../spec/types.js";
import { systemWords } from "./system-words.js";
import type { ScopeResult } from "./scope.js";
import { singular } from "./text.js";

const REVIEW = /^\s*(?:(?:please|pls|can you|could you)\s+)?(?:audit|review|check|scan|inspect|go through|look through|analy[sz]e|assess)\s+([^.?!\n]{1,60}?)\s+for\s/i;

/** The project's units by their usual names ("every job", "all the services"), not the words for all of it. */
const UNITS = /^(?:every|each|all)\b(?! (?:the )?(?:modules|layers|code|module|layer|file)$)/;

/**
 * A review's place and what it looks for: "audit the whole platform for rider phone numbers in logs",
 * "please audit everything for owner emails in logs". What follows "for" is what to find, wherever it
 * is; a module's word there ("rider" of `rider_api`, "owner" of `owner-portal`) is a thing looked for,
 * not a place. When the place before it is the whole system, the system is the scope.
 */
export function reviewOfAll(prose: string, spec: SpecTree): ScopeResult | undefined {
  const place = REVIEW.exec(prose)?.[1];
  const system = place !== undefined ? systemWords(place) : undefined;
  // "review every service for ...": the units a project is made of may be a layer of that name, found by name;
  // in a tree with none ("audit all services for plates written to logs"), they are all of it.
  if (system === undefined || (UNITS.test(system) && unitNamed(system, spec))) return undefined;
  // Only a place that is all of it: "review everything in meta for SQL injection" is meta's.
  if (place!.trim().toLowerCase().replace(/^(?:the|our|this)\s+/, "") !== system.replace(/^the\s+/, "")) return undefined;
  return { scope: { kind: "system" }, because: [system], evidence: [{ kind: "system", source: "system", words: [system] }], confidence: 0.9 };
}

/** Whether a layer or module is called by the unit's word: "all the jobs" in a tree with a `jobs` layer is that layer. */
function unitNamed(units: string, spec: SpecTree): boolean {
  const word = singular(units.split(/\s+/).at(-1)!.toLowerCase());
  return [...spec.layers, ...spec.modules].some((x) => x.id.toLowerCase().split(/[-_.]+/).some((part) => singular(part) === word));
}
