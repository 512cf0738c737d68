import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import { ASKING_BACKTEST, ASKING_CLINIC, ASKING_LEDGER } from "./routes/asking.js";
import { BACKTEST, BACKTEST_ROUTES } from "./routes/backtest.js";
import { CLINIC, CLINIC_ROUTES } from "./routes/clinic.js";
import { EXAMPLE, ROUTES, type Route } from "./routes/ledger.js";
import { SHAPES_BACKTEST, SHAPES_CLINIC, SHAPES_LEDGER } from "./routes/shapes.js";

// Routing quality over three trees of different shapes, measured rather than asserted one
// by one: the accuracy of type and of scope separately, printed, with a floor. A miss is
// listed in the output; raise the floors when the router gets better, never lower them
// to make a change pass.

const TREES: Array<[name: string, root: string, routes: Route[]]> = [
  ["ledger", EXAMPLE, [...Object.values(ROUTES).flat(), ...ASKING_LEDGER, ...SHAPES_LEDGER]],
  ["backtest", BACKTEST, [...BACKTEST_ROUTES, ...ASKING_BACKTEST, ...SHAPES_BACKTEST]],
  ["clinic", CLINIC, [...CLINIC_ROUTES, ...ASKING_CLINIC, ...SHAPES_CLINIC]],
];

/** Floors, set at what the router reaches (see the printed misses). */
const TYPE_FLOOR = 0.995;
const SCOPE_FLOOR = 0.98;

const key = (scope: Scope) => (scope.kind === "modules" ? `modules ${[...scope.ids].sort().join(",")}` : scope.kind === "layer" ? `layer ${scope.id}` : "system");

describe("routing quality", () => {
  it("has at least 300 requests over three trees", () => {
    expect(TREES.reduce((n, [, , routes]) => n + routes.length, 0)).toBeGreaterThanOrEqual(300);
  });

  it(`routes at least ${TYPE_FLOOR * 100}% of types and ${SCOPE_FLOOR * 100}% of scopes right`, () => {
    let total = 0;
    let types = 0;
    let scopes = 0;
    const lines: string[] = [];
    const misses: string[] = [];
    for (const [name, root, routes] of TREES) {
      const spec = loadSpec(root);
      let t = 0;
      let s = 0;
      for (const [request, type, scope] of routes) {
        const analysis = analyzeTask(request, spec);
        const typeOk = analysis.type === type;
        const scopeOk = key(analysis.scope) === key(scope);
        t += typeOk ? 1 : 0;
        s += scopeOk ? 1 : 0;
        if (!typeOk) misses.push(`  ${name} type: "${request}": ${analysis.type}, expected ${type}`);
        if (!scopeOk) misses.push(`  ${name} scope: "${request}": ${key(analysis.scope)}, expected ${key(scope)}`);
      }
      lines.push(`  ${name}: ${routes.length} requests, type ${pct(t, routes.length)}, scope ${pct(s, routes.length)}`);
      total += routes.length;
      types += t;
      scopes += s;
    }
    // The figures belong in the test output: they are what this test is for.
    process.stdout.write(
      [`routing quality: ${total} requests, type ${pct(types, total)}, scope ${pct(scopes, total)}`, ...lines, ...(misses.length ? ["misses:", ...misses] : [])].join("\n") + "\n",
    );
    expect(types / total).toBeGreaterThanOrEqual(TYPE_FLOOR);
    expect(scopes / total).toBeGreaterThanOrEqual(SCOPE_FLOOR);
  });
});

function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;
}
