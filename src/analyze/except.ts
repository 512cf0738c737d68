import type { SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";
import type { ScopeResult } from "./scope.js";
import type { Evidence, Scope } from "./types.js";

/**
 * "everything except the UI", "all modules but core", "every layer other than tooling",
 * "everything in media except captions": a whole (the system, or the layers and modules named
 * inside the phrase) and, after the exception word, what to leave out. The whole must stand
 * right before the exception ("all tests pass except test_fx" excludes nothing: the fx tests
 * are the subject), or before what the change of it is ("migrate everything from jest to
 * vitest except collab": a few short phrases opened by from, to or onto), and the left-out
 * names must follow it directly.
 */
const WHOLE_EXCEPT =
  /\b(?:everything|everywhere|all(?: (?:of )?(?:the |our )?[a-z]+)?|(?:every|each) [a-z]+|the (?:whole|entire) [a-z]+)((?: (?:in|of|under) (?:the )?[a-z0-9_-]+(?: (?:layer|module)s?)?)*)(?: (?:from|to|onto) [^\s,]+(?: [0-9][^\s,]*)?){0,3},? (?:except(?: for)?|but(?: not)?|other than|apart from|besides|excluding|save for) /dgi;

/** Words that may stand between the left-out names: "except the UI and the io layer". */
const JOINERS = new Set(["the", "and", "or", "nor", "&", "layer", "layers", "module", "modules", "agent", "package", "our", "its", ",", "/"]);

/**
 * The scope of a request that asks for a whole except some of it: the whole's modules
 * without those named after "except". Undefined when the request has no such phrase or
 * leaves out no module or layer it names.
 */
export function exceptScope(prose: string, names: readonly NameHit[], spec: SpecTree): ScopeResult | undefined {
  if (names.length === 0) return undefined;
  const sorted = [...names].sort((a, b) => a.start - b.start);
  let tries = 0;
  for (const m of prose.matchAll(WHOLE_EXCEPT)) {
    // A request asks for one whole; a bound keeps a pasted wall of "everything except" cheap.
    if (++tries > MAX_TRIES) break;
    const end = m.index + m[0].length;
    const left = leftOut(prose, end, sorted);
    if (left.length === 0) continue;
    // The whole's own names are those of its "in media" phrases: "from jest to vitest" names what changes, not where.
    const whole = sorted.slice(firstAt(sorted, m.index), firstAt(sorted, m.indices![1]![1]));
    const modulesOf = (hits: readonly NameHit[]) =>
      new Set(hits.flatMap((h) => (h.kind === "module" ? [h.id] : spec.modules.filter((x) => x.layer === h.id).map((x) => x.id))));
    const within = whole.length > 0 ? modulesOf(whole) : new Set(spec.modules.map((x) => x.id));
    const out = modulesOf(left);
    const ids = spec.modules.filter((x) => within.has(x.id) && !out.has(x.id)).map((x) => x.id);
    if (ids.length === 0) continue;
    const phrase = prose.slice(m.index, left.at(-1)!.end);
    const layer = spec.layers.find((l) => {
      const of = spec.modules.filter((x) => x.layer === l.id).map((x) => x.id);
      return of.length === ids.length && of.every((id) => ids.includes(id));
    });
    const scope: Scope = layer ? { kind: "layer", id: layer.id } : { kind: "modules", ids };
    const evidence: Evidence[] = layer
      ? [{ kind: "layer", target: layer.id, source: "name", words: [phrase] }]
      : ids.map((id) => ({ kind: "module", target: id, source: "name", words: [phrase] }));
    const without = left.map((h) => (h.kind === "layer" ? `layer ${h.id}` : h.id)).join(", ");
    return { scope, because: [`${phrase} -> all but ${without}`], evidence, confidence: 0.85 };
  }
  return undefined;
}

const MAX_TRIES = 16;
/** Joining words between two left-out names fit in far less. */
const MAX_GAP = 80;

/** Index of the first name starting at or after `at` in names sorted by start. */
function firstAt(sorted: readonly NameHit[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The names that follow `from` with nothing but joining words between them. */
function leftOut(prose: string, from: number, sorted: readonly NameHit[]): NameHit[] {
  const out: NameHit[] = [];
  let at = from;
  for (const hit of sorted.slice(firstAt(sorted, from))) {
    if (hit.start - at > MAX_GAP) break;
    const between = prose.slice(at, hit.start).toLowerCase().split(/\s+|(?=,)|(?<=,)/).filter(Boolean);
    if (!between.every((w) => JOINERS.has(w))) break;
    out.push(hit);
    at = hit.end;
  }
  return out;
}
