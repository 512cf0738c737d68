import { describe, expect, it } from "vitest";
import { bandLabel, drawnEdges, LABEL_CHAR_W, LABEL_X, layoutGraph, NODE_H } from "../../src/dashboard/app/layout.js";
import { bigPlan } from "./plans.js";

const known = (nodes: { id: string }[]) => new Set(nodes.map((n) => n.id));

describe("the plan graph's layout", () => {
  it("draws a dependency another path implies only when it is on the critical path", () => {
    const nodes = [
      { id: "a", dependsOn: [] },
      { id: "b", dependsOn: ["a"] },
      { id: "c", dependsOn: ["a", "b"] },
      { id: "d", dependsOn: ["a", "c", "x"] },
    ];
    expect(drawnEdges(nodes, known(nodes), new Set())).toEqual([
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
    ]);
    expect(drawnEdges(nodes, known(nodes), new Set(["a->d"]))).toContainEqual(["a", "d"]);
  });

  it("puts each layer in its own band, in plan order, below the layers it builds on (300 modules)", async () => {
    const plan = bigPlan(6, 50);
    const started = Date.now();
    const layout = await layoutGraph({ layers: plan.layers, nodes: plan.modules });
    const ms = Date.now() - started;
    expect(layout.nodes.size).toBe(300);
    expect(layout.bands.map((b) => b.layer)).toEqual(plan.layers.map((l) => l.id));
    for (let i = 1; i < layout.bands.length; i++) expect(layout.bands[i]!.y).toBeGreaterThanOrEqual(layout.bands[i - 1]!.y + layout.bands[i - 1]!.height - 1);
    for (const band of layout.bands) {
      for (const id of plan.layers.find((l) => l.id === band.layer)!.modules) {
        const y = layout.nodes.get(id)!.y;
        expect(y).toBeGreaterThanOrEqual(band.y);
        expect(y + NODE_H).toBeLessThanOrEqual(band.y + band.height);
      }
    }
    expect(ms).toBeLessThan(20_000);
  });
});

describe("the band labels", () => {
  it("leave room for the longest layer name left of every node, a name past 28 characters cut", async () => {
    const layers = [
      { id: "foundation", modules: ["slug"] },
      { id: "infrastructure", modules: ["store"] },
      { id: "interface_adapters_and_entry_points_of_the_app", modules: ["posts"] },
    ];
    const nodes = [
      { id: "slug", dependsOn: [] },
      { id: "store", dependsOn: [] },
      { id: "posts", dependsOn: ["slug", "store"] },
    ];
    const layout = await layoutGraph({ layers, nodes });
    const room = LABEL_X + Math.max(...layers.map((l) => bandLabel(l.id).length)) * LABEL_CHAR_W;
    for (const n of layout.nodes.values()) expect(n.x).toBeGreaterThan(room);
    expect(bandLabel(layers[2]!.id)).toBe("interface_adapters_and_entr…");
    expect(bandLabel("infrastructure")).toBe("infrastructure");
  });
});
