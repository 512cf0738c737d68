import { bodyDigest, derivedFacts, rememberFacts, rememberSpecDigest } from "./derived.js";
import { lineTable, type ParsedModule } from "./module.js";
import type { Entry, References, Unresolved } from "./cache-files.js";
import { extend } from "../extend.js";

/** A module's entry in the spec cache (spec/cache.ts): made from a parse, and made back into one. */

/** Whether `entry` can be the parse of `source`: its body starts inside it. */
export function fits(entry: Entry, source: string): boolean {
  return Number.isInteger(entry.bodyStart) && entry.bodyStart >= 0 && entry.bodyStart <= source.length;
}

/** The module an entry stands for, its body cut from `source`; the plan's facts and digest are remembered. */
export function moduleOf(entry: Entry, source: string): Unresolved {
  rememberFacts(entry.digest, entry.facts);
  const body = source.slice(entry.bodyStart);
  // The plan digests the body again: the entry has it, computed from the same text.
  if (typeof entry.digest === "string" && typeof entry.module.specFile === "string") rememberSpecDigest(entry.module.specFile, body, entry.digest);
  const { fileLines, ...module } = entry.module;
  return extend(module, Array.isArray(fileLines) ? { fileLines: lineTable(fileLines), body } : { body });
}

/**
 * The entry to store for `parsed`, the parse of `source`; undefined when its body is not a
 * suffix of the source (the body is the text after the front matter, so it always is). The
 * entry shares the module's parts, as a hit's does: `save` runs before anyone changes them.
 * `bodyStart`, where known (spec/front-matter-split.ts `knownBodyStart`), spares comparing the body with the source's end.
 */
export function entryOf(parsed: ParsedModule, source: string, bodyStart?: number): Entry | undefined {
  const { body, fileLines, references: _references, dependencySections: _sections, notes: _notes, ...rest } = parsed;
  if (bodyStart === undefined && !source.endsWith(body)) return undefined;
  const specDigest = bodyDigest(parsed);
  return { module: { ...rest, ...(fileLines ? { fileLines: Object.entries(fileLines) } : {}) }, bodyStart: bodyStart ?? source.length - body.length, digest: specDigest, facts: derivedFacts(body, specDigest) };
}


/** The parts of `parsed` that `refs.json` keeps. */
export function referencesOf(parsed: ParsedModule): References {
  return { references: parsed.references, dependencySections: parsed.dependencySections, notes: parsed.notes };
}
