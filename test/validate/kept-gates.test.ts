import { describe, expect, it } from "vitest";
import type { DiscoveredCheck } from "../../src/validate/discover.js";
import { gatesChange, gatesToKeep, keptChecks } from "../../src/validate/kept-gates.js";

const check = (level: DiscoveredCheck["level"], target: string, run?: string): DiscoveredCheck => ({ level, target, check: run ? { name: "tests", kind: "command", run } : { name: "architecture", kind: "architecture" }, from: "x" });
const modules = new Set(["cart", "pay"]);

describe("the gates a run keeps", () => {
  it("are the system's, the layers' and its own modules'", () => {
    const all = [check("system", "system", "npm test"), check("layer", "core"), check("module", "cart", "npm test -- cart.test.ts"), check("module", "ship", "npm test -- ship.test.ts")];
    expect(gatesToKeep(all, modules).map((d) => d.target)).toEqual(["system", "core", "cart"]);
  });

  it("are read back from their event, and none from an event of before (no `gates`) or a malformed one", () => {
    const gates = [check("module", "cart", "pytest -q tests/test_cart.py")];
    expect(keptChecks({ none: false, lines: [], gates })).toEqual(gates);
    expect(keptChecks({ none: false, lines: [] })).toBeUndefined();
    expect(keptChecks({ gates: [{ level: "module" }] })).toBeUndefined();
  });

  it("changed: each gate of the run's modules that differs, the first three named; nothing when only another module's did", () => {
    const kept = [check("system", "system", "npm test"), check("layer", "core"), check("layer", "web")];
    expect(gatesChange(kept, [...kept, check("module", "ship", "npm test -- ship.test.ts")], modules)).toBeUndefined();
    const now = [check("system", "system", "make test"), check("module", "cart", "pytest -q tests/test_cart.py"), check("module", "pay", "pytest -q tests/test_pay.py")];
    expect(gatesChange(kept, now, modules)).toBe(
      "the project's gates changed since the run started (system gate: `make test`, was `npm test`; layer gates: `none`, was `architecture`; module gate of cart: `pytest -q tests/test_cart.py`, was `none`; 1 more); the run keeps the gates it started with, and a new run (`orchestrate run`) takes the project's as they are now",
    );
  });
});
