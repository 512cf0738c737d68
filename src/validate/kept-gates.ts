import type { DiscoveredCheck } from "./discover.js";

/** How the line saying a resumed run's gates changed begins. */
export const GATES_CHANGED = "the project's gates changed since the run started";

/**
 * The discovered checks a run keeps in its store as it starts: the system's, the layers', and
 * its own modules' (not the whole tree's: a run scoped to one module of 10,000 keeps one).
 */
export function gatesToKeep(discovered: readonly DiscoveredCheck[], modules: ReadonlySet<string>): DiscoveredCheck[] {
  return discovered.filter((d) => d.level !== "module" || modules.has(d.target));
}

/** A recorded list of discovered checks, as its event's data holds it; undefined when it is not one (a run from before they were kept). */
export function keptChecks(data: unknown): DiscoveredCheck[] | undefined {
  const gates = (data as { gates?: unknown } | null)?.gates;
  if (!Array.isArray(gates)) return undefined;
  const ok = gates.every((g: Partial<DiscoveredCheck> | null) => typeof g?.level === "string" && typeof g.target === "string" && typeof g.check?.kind === "string");
  return ok ? (gates as DiscoveredCheck[]) : undefined;
}

/**
 * What changed between the gates a run started with (`kept`) and those the project shows now,
 * for its modules alone, as one line; undefined when nothing did. Only the levels the run's
 * discovery covered count: a level since configured is the configuration's, not discovery's.
 */
export function gatesChange(kept: readonly DiscoveredCheck[], now: readonly DiscoveredCheck[], modules: ReadonlySet<string>): string | undefined {
  const keptOnes = byTarget(kept, modules);
  const nowOnes = byTarget(now, modules);
  const changed: string[] = [];
  for (const key of new Set([...keptOnes.keys(), ...nowOnes.keys()])) {
    const [was, is] = [keptOnes.get(key) ?? "none", nowOnes.get(key) ?? "none"];
    if (was !== is) changed.push(`${key}: \`${is}\`, was \`${was}\``);
  }
  if (changed.length === 0) return undefined;
  const shown = changed.length > 3 ? [...changed.slice(0, 3), `${changed.length - 3} more`] : changed;
  return `${GATES_CHANGED} (${shown.join("; ")}); the run keeps the gates it started with, and a new run (\`orchestrate run\`) takes the project's as they are now`;
}

/** Each gate's command lines (or check kinds), by "system gate", "layer gates", "module gate of m". */
function byTarget(checks: readonly DiscoveredCheck[], modules: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const d of checks) {
    if (d.level === "module" && !modules.has(d.target)) continue;
    const key = d.level === "system" ? "system gate" : d.level === "layer" ? "layer gates" : `module gate of ${d.target}`;
    const what = d.check.run ?? d.check.kind;
    const list = out.get(key) ?? [];
    // Every layer has the same architecture check: once is enough.
    if (!list.includes(what)) list.push(what);
    out.set(key, list);
  }
  return new Map([...out].map(([key, list]) => [key, list.join(" && ")]));
}
