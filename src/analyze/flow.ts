import type { SpecTree } from "../spec/types.js";
import type { ScopeResult } from "./scope.js";
import type { Scope } from "./types.js";

/**
 * "how does a GPS fix end up as a point on the live map?", "how does a Stripe invoice become a row in
 * fct_mrr?": what a thing is at the start, and what it becomes. Bounded phrases, one match a request.
 */
const FLOW = /\bhow (?:does|do|did|is|are|can|could|would) (.{3,80}?) (?:become|turn into|end up (?:as|in|on|at)|reach|get to|get into|make it (?:into|to)|flow into|land in|find its way (?:into|to)) (.{3,80}?)(?:[?.!\n]|$)/i;

/**
 * A question how one thing becomes another asks about the modules on its way: the module the start
 * names, the one the end names, and those between them on the shortest chain of dependencies (either
 * way). A chain through every layer is the whole product: its scope is the system. Undefined when
 * either end names no single module or no chain joins them.
 */
export function flowScope(text: string, spec: SpecTree, scopeOf: (phrase: string) => { scope: Scope; confidence?: number }): ScopeResult | undefined {
  const m = FLOW.exec(text);
  if (!m) return undefined;
  const [start, end] = [scopeOf(m[1]!), scopeOf(m[2]!)];
  const [from, to] = [single(start.scope), single(end.scope)];
  if (from === undefined || to === undefined) return undefined;
  const path = chain(spec, from, to);
  // An end met by a word of a purpose alone is trusted only beside a module it depends on, or one depending on it.
  if (!path || (path.length > 2 && Math.min(start.confidence ?? 0, end.confidence ?? 0) < SURE)) return undefined;
  const layers = new Set(path.map((id) => spec.modules.find((x) => x.id === id)?.layer));
  const words = [m[0].trim()];
  if (spec.layers.length > 2 && layers.size === spec.layers.length) {
    return { scope: { kind: "system" }, because: [`${m[1]} -> ${m[2]} (through every layer)`], evidence: [{ kind: "system", source: "system", words }], confidence: 0.6 };
  }
  const ids = spec.modules.filter((x) => path.includes(x.id)).map((x) => x.id);
  return {
    scope: { kind: "modules", ids },
    because: [`${m[1]} -> ${m[2]}: ${path.join(" -> ")} (on its way)`],
    evidence: ids.map((id) => ({ kind: "module" as const, target: id, source: "spec" as const, words })),
    confidence: 0.6,
  };
}

/** The confidence of an end named by a name, a path or an id (a purpose word alone scores below). */
const SURE = 0.8;

function single(scope: Scope): string | undefined {
  return scope.kind === "modules" && scope.ids.length === 1 ? scope.ids[0] : undefined;
}

/** The shortest chain of dependencies between two modules, read either way; breadth first. */
function chain(spec: SpecTree, from: string, to: string): string[] | undefined {
  const next = new Map<string, Set<string>>(spec.modules.map((m) => [m.id, new Set<string>()]));
  for (const m of spec.modules) {
    for (const d of m.dependencies) {
      next.get(m.id)?.add(d.id);
      next.get(d.id)?.add(m.id);
    }
  }
  const back = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    if (at === to) break;
    for (const n of next.get(at) ?? []) {
      if (back.has(n)) continue;
      back.set(n, at);
      queue.push(n);
    }
  }
  if (!back.has(to)) return undefined;
  const path: string[] = [];
  for (let at: string | undefined = to; at !== undefined; at = back.get(at)) path.unshift(at);
  return path;
}
