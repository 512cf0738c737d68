import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";

// Rules found on a twelfth round of unseen trees (routes/unseen11.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

describe("a layer's word the other layers' specs use as their own is the domain's thing, not the layer", () => {
  it.each([
    // trainer's layer `training`: the data, model and serving specs speak of training as well.
    ["training loss goes to NaN after the warmup when the learning rate schedule restarts", "optim"],
    ["checkpoints from a training run can't be loaded into the inference server", "ckpt,infer_srv"],
  ])("%s", (request, scope) => {
    expect(key(analyzeTask(request, tree("trainer")).scope)).toBe(scope);
  });

  // Guards: named as a layer, or beside a layer so named, it is the layer.
  it("named as the layer, it is the layer", () => {
    expect(key(analyzeTask("review the training layer", tree("trainer")).scope)).toBe("layer training");
    expect(key(analyzeTask("Implement layers foundation and core", loadSpec(fileURLToPath(new URL("../../examples/ledger", import.meta.url)))).scope))
      .toBe("accounts,balances,errors,events,fx,journal,money");
  });
});

describe("undecided, the module whose purpose alone uses the request's subject", () => {
  it("is chosen over one meeting another word as weakly", () => {
    // scoot: only support's purpose says Intercom; history's says receipts.
    expect(key(analyzeTask("Intercom still shows the old receipt", tree("scoot")).scope)).toBe("support");
  });
});
