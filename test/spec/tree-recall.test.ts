import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepDerived, loadSpec, saveSpecCache } from "../../src/spec/load.js";
import { forgetTree, keepTree, recallTree } from "../../src/spec/tree-recall.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers/domain/modules";

function project(): string {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nThe domain layer.\n",
    [`${L}/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", related: ["tests/test_money.py"], body: "## Provides\n- `Money`\n" }),
    [`${L}/ORDERS_AGENT.md`]: moduleSpec({ module: "shop/orders.py", body: "## Depends On\n- money\n" }),
  });
  mkdirSync(join(root, ".orchestrate"));
  return root;
}

/** A tree loaded as a run loads it, with a value kept for it as a run keeps its plan. */
function loadAndKeep(root: string, name: string) {
  const tree = loadSpec(root, { cache: true });
  keepDerived(tree, name, "the plan");
  keepTree(tree);
  saveSpecCache(tree);
  return tree;
}

describe("a run's tree kept whole", () => {
  it("is read back as loaded, with the value kept for it, its modules told first", () => {
    const root = project();
    const loaded = loadAndKeep(root, "run-plan");
    const told: number[] = [];
    const back = recallTree(root, "run-plan", (n) => told.push(n));
    expect(back?.value).toBe("the plan");
    expect(back?.tree).toEqual(loaded);
    expect(told).toEqual([2]);
    // Its path table without a prototype, as loadSpec makes it.
    const money = back!.tree.modules.find((m) => m.id === "money")!;
    expect(Object.getPrototypeOf(money.fileLines)).toBeNull();
    expect(money.fileLines?.["tests/test_money.py"]).toBeGreaterThan(0);
  });

  it("is not read back once a spec changed, nor for a value not kept", () => {
    const root = project();
    loadAndKeep(root, "run-plan");
    expect(recallTree(root, "another")).toBeUndefined();
    writeFileSync(join(root, L, "ORDERS_AGENT.md"), moduleSpec({ module: "shop/orders.py", body: "## Depends On\n- money\n\nNow with refunds.\n" }));
    expect(recallTree(root, "run-plan")).toBeUndefined();
    // Loaded and kept again, the edited tree is the one read back.
    loadAndKeep(root, "run-plan");
    expect(recallTree(root, "run-plan")?.tree.modules.find((m) => m.id === "orders")?.body).toContain("Now with refunds.");
    // A run that keeps no tree (one of more than 2,000 modules) drops the last one: nothing is read back.
    forgetTree(root);
    expect(recallTree(root, "run-plan")).toBeUndefined();
  });
});
