import { describe, expect, it } from "vitest";
import { scopeFromLog } from "../../src/logs/scope.js";
import { makeProject } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";
import { specOf } from "./helpers.js";

/**
 * A log of 100,000 lines (5 MB, within the 8 MB a log is read to) is scoped in linear time. A hang
 * check in the test thread's CPU time, not a benchmark: before, the tree's files were indexed again
 * for each of its 33,000 errors, and each error's block looked up in the list of them (8 s).
 */
describe("a log of 100,000 lines", () => {
  it("of logger lines and Python frames is scoped to the module its errors name, at once", () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      i % 3 === 0 ? `2025-11-20 09:14:02 | SHOP.CART | ERROR | line ${i} failed` : i % 3 === 1 ? `  File "shop/cart.py", line ${i}, in total` : "Traceback (most recent call last):",
    );
    const root = makeProject({ "logs/x.log": lines.join("\n") });
    // A tree of 300 modules, as a large project has.
    const spec = specOf({ cart: ["shop/cart.py"], ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`part${i}`, [`shop/part${i}.py`, `shop/part${i}/x.py`]])) }, root);
    const started = cpuMs();
    const { analysis } = scopeFromLog({ type: "debug", scope: { kind: "system" }, because: [] }, spec, "logs/x.log");
    expect(cpuMs() - started).toBeLessThan(4_000);
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["cart"] });
  });
});
