import type { NameHit } from "./names.js";

/**
 * A layer's or module's name inside a dependency's name with its version ("upgrade to .NET 9 and EF Core 9",
 * "bump Spring Session 3.2") names that dependency: a capitalised word before it and a version right after.
 */
export function withoutVersionedNames(prose: string, names: NameHit[]): NameHit[] {
  return names.filter((hit) => hit.qualified || !/^\s+v?\d+(?:\.\d+)*\b/.test(prose.slice(hit.end)) || !/(?:^|\s)[A-Z][A-Za-z.]*\s+$/.test(prose.slice(Math.max(0, hit.start - 24), hit.start)));
}
