import type { NameHit } from "./names.js";

/**
 * Words before a name that make it what the work adopts or replaces, not what it changes:
 * "refactor the journal to use the new Money type", "switch the importer to using events",
 * "read balances instead of the journal". Articles and a few adjectives may stand between.
 * Not "a command that uses the reports service": a new thing's description may ask for
 * work on what it uses too.
 */
const USED_BEFORE = /\b(?:to use|using|instead of|rather than)\s+(?:(?:the|a|an|new|our|its|their|existing|shared|current)\s+)*$/i;

/** Enough for "instead of the existing shared " and more. */
const LOOK_BACK = 160;

/**
 * The names a request works on: a name written as what the work uses ("to use the Money
 * type") is context when another name, a path or an explicit token gives the scope; alone
 * ("use money everywhere") it is the scope. The modules used stay in the plan as dependencies.
 */
export function withoutUsedNames(prose: string, names: NameHit[], otherScope: boolean): NameHit[] {
  // The words just before the name, not all of the request before it: that was quadratic in a request naming a module thousands of times.
  const used = names.filter((hit) => USED_BEFORE.test(prose.slice(Math.max(0, hit.start - LOOK_BACK), hit.start)));
  if (used.length === 0) return names;
  const kept = names.filter((hit) => !used.includes(hit));
  return kept.length > 0 || otherScope ? kept : names;
}
