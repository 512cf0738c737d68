import { describe, expect, it } from "vitest";
import { analyzeTask, scopeWarnings } from "../../src/analyze/index.js";
import { editDistance, misspelledModule } from "../../src/analyze/spelling.js";
import { bareModule, tree } from "../helpers/tree.js";
import type { SpecTree } from "../../src/spec/types.js";

/** A shop: each module's spec says what it is about, so the index knows the project's words. */
function shop(): SpecTree {
  const spec = tree(["catalog: domain", "cart: domain <- catalog", "payments: domain", "checkout: web <- cart, payments", "shipping: web <- cart", "order_history: web"]);
  const bodies: Record<string, string> = {
    catalog: "Products, prices and stock levels.",
    cart: "The shopping cart: line items and totals.",
    payments: "Card payments and refunds; patents pending.",
    checkout: "The checkout page: address, shipping choice, payment.",
    shipping: "Shipping rates and delivery estimates.",
    order_history: "Past orders of a customer.",
  };
  return { ...spec, modules: spec.modules.map((m) => ({ ...bareModule(m.id, m.layer, m.files), body: bodies[m.id]! })) };
}

describe("a misspelled module name", () => {
  it("scopes to the one module clearly meant, and the plan says how it read the word", () => {
    const spec = shop();
    const analysis = analyzeTask("fix the chekout", spec);
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["checkout"] });
    expect(analysis.because).toContain("chekout -> checkout (misspelled)");
    expect(analysis.nearest).toBeUndefined();
    expect(scopeWarnings(analysis)).toEqual([{ code: "SCOPE_SPELLING", message: "Read `chekout` as module `checkout`. Pass --scope (e.g. --scope system) if you meant something else" }]);
    expect(analyzeTask("the paymnets page hangs", spec).scope).toEqual({ kind: "modules", ids: ["payments"] });
    expect(analyzeTask("catalgo prices are stale", spec).scope).toEqual({ kind: "modules", ids: ["catalog"] });
    expect(analyzeTask("fix the orderhistroy list", spec).scope).toEqual({ kind: "modules", ids: ["order_history"] });
  });

  it("leaves the fallback when the reading is not clear", () => {
    const spec = shop();
    const fallback = (request: string) => {
      const analysis = analyzeTask(request, spec);
      return analysis.scope.kind === "system" && analysis.nearest !== undefined;
    };
    expect(fallback("fix the chekout and the shpping")).toBe(true); // two modules meant: no single reading
    expect(fallback("fix the cehckout")).toBe(true); // the first letters changed
    expect(fallback("fix the chckot")).toBe(true); // two edits
    expect(fallback("fix the crat")).toBe(true); // too short to tell from another word
  });

  it("is tried before a word only one module's purpose uses, and never for such a word", () => {
    const spec = shop();
    // "page" is in checkout's purpose only, but the misspelled name says more.
    expect(analyzeTask("the paymnets page hangs", spec).scope).toEqual({ kind: "modules", ids: ["payments"] });
    // A word the specs use (beside `payments`) is no misspelling; payments' purpose uses it.
    const patents = analyzeTask("the patents screen is blank", spec);
    expect(patents.scope).toEqual({ kind: "modules", ids: ["payments"] });
    expect(patents.because).toEqual(["is blank", "patents -> payments (purpose)"]);
  });

  it("is never tried where a name, path or the index already decides", () => {
    const spec = shop();
    expect(analyzeTask("fix the chekout in the cart", spec).scope).toEqual({ kind: "modules", ids: ["cart"] });
    expect(misspelledModule("the checkout page", spec, () => false)).toBeUndefined();
  });

  it("measures one edit as a letter left out, added, changed, or two swapped", () => {
    expect(["chekout", "checkkout", "checkoyt", "chekcout"].map((w) => editDistance(w, "checkout"))).toEqual([1, 1, 1, 1]);
    expect(editDistance("chckot", "checkout", 2)).toBe(2);
  });
});
