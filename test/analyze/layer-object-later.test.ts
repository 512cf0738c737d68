import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { loadSpec } from "../../src/spec/load.js";

const ledger = loadSpec(fileURLToPath(new URL("../../examples/ledger", import.meta.url)));

/** A layer called one as a later sentence's object is what to work on, as it is when it comes first (analyze/layer-object.ts). */
describe("a layer as the object of a later sentence", () => {
  it("is the scope when the modules named before it are in it", () => {
    expect(analyzeTask("why does importer keep rows in a list? analyze the services layer", ledger).scope).toEqual({ kind: "layer", id: "services" });
    expect(analyzeTask("journal and balances both round half up. Refactor the core layer", ledger).scope).toEqual({ kind: "layer", id: "core" });
  });

  it("is not, when a module named is of another layer or the layer only says where a module is", () => {
    expect(analyzeTask("why does importer keep rows in a list? analyze the core layer", ledger).scope).not.toEqual({ kind: "layer", id: "core" });
    expect(analyzeTask("fix the importer in the services layer", ledger).scope).toEqual({ kind: "modules", ids: ["importer"] });
  });
});
