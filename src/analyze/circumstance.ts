import type { NameHit } from "./names.js";

/**
 * A figure of a load ("slow with 200 rooms", "per 1,000 rows", "with 4000 open sessions"), "without" ("quote a stay without
 * booking") or "during" ("battery drain during rides") before a name. Not "with many accounts": the reports slow with many accounts may be
 * the accounts' to speed up too.
 */
const CIRCUMSTANCE = /\b(?:(?:with|per|for)\s+\d[\d,.]*[km]?(?:\s+(?:open|active|live|concurrent|pending|queued|running|parallel|simultaneous))?|without(?:\s+(?:a|an|the|any))?|during(?:\s+(?:a|an|the|their|our|my))?)\s+$/i;

/**
 * A module named by one plain word in a circumstance ("the front desk is slow with 200 rooms",
 * "public api: quote a stay without booking") says what the work meets, not where it goes,
 * when another name, or a path or explicit token (`otherScope`), says where: that one is the scope
 * ("crates/logstream/src/mask.rs:3 is slow with 200 secrets" is the log streamer's).
 */
export function withoutCircumstance(prose: string, names: NameHit[], otherScope = false): NameHit[] {
  const circumstance = (hit: NameHit) =>
    hit.kind === "module" && !hit.qualified && !/\s/.test(hit.text) && CIRCUMSTANCE.test(prose.slice(Math.max(0, hit.start - 24), hit.start));
  const kept = names.filter((hit) => !circumstance(hit));
  return (kept.length > 0 || otherScope) && kept.length < names.length ? kept : names;
}
