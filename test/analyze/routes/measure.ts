import { analyzeTask } from "../../../src/analyze/index.js";
import type { Scope } from "../../../src/analyze/types.js";
import { loadSpec } from "../../../src/spec/load.js";
import type { Route } from "./ledger.js";

export type Tree = [name: string, root: string, routes: Route[]];

export interface Measured {
  total: number;
  types: number;
  scopes: number;
  /** The figures and every miss, for the test output. */
  report: string;
}

const key = (scope: Scope) => (scope.kind === "modules" ? `modules ${[...scope.ids].sort().join(",")}` : scope.kind === "layer" ? `layer ${scope.id}` : "system");

/** Routes every request of every tree and counts right types and scopes (a scope's modules in any order). */
export function measure(title: string, trees: readonly Tree[]): Measured {
  let total = 0;
  let types = 0;
  let scopes = 0;
  const lines: string[] = [];
  const misses: string[] = [];
  for (const [name, root, routes] of trees) {
    const spec = loadSpec(root);
    let t = 0;
    let s = 0;
    for (const [request, type, scope] of routes) {
      const analysis = analyzeTask(request, spec);
      const typeOk = analysis.type === type;
      const scopeOk = key(analysis.scope) === key(scope);
      t += typeOk ? 1 : 0;
      s += scopeOk ? 1 : 0;
      const shown = JSON.stringify(request.length > 90 ? `${request.slice(0, 90)}...` : request);
      if (!typeOk) misses.push(`  ${name} type: ${shown}: ${analysis.type}, expected ${type}`);
      if (!scopeOk) misses.push(`  ${name} scope: ${shown}: ${key(analysis.scope)}, expected ${key(scope)}  [${analysis.because.join("; ")}]`);
    }
    lines.push(`  ${name}: ${routes.length} requests, type ${pct(t, routes.length)}, scope ${pct(s, routes.length)}`);
    total += routes.length;
    types += t;
    scopes += s;
  }
  const report = [`${title}: ${total} requests, type ${pct(types, total)}, scope ${pct(scopes, total)}`, ...lines, ...(misses.length ? ["misses:", ...misses] : [])].join("\n");
  return { total, types, scopes, report };
}

function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;
}
