import type { Plan } from "../../src/plan/types.js";
/** A plan of `layers` layers of `per` modules, each module depending on two of the layer below. */
export function bigPlan(layers: number, per: number): Plan {
  const id = (l: number, i: number) => `l${l}_m${String(i % per).padStart(3, "0")}`;
  const modules: { id: string; layer: string; spec: string; files: string[]; dependsOn: string[] }[] = [];
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < per; i++) modules.push({ id: id(l, i), layer: `layer${l}`, spec: "", files: [], dependsOn: l === 0 ? [] : [id(l - 1, i), id(l - 1, i + 7)] });
  }
  return {
    request: "implement system",
    analysis: { type: "implement", scope: { kind: "system" }, because: [] },
    layers: Array.from({ length: layers }, (_, l) => ({ id: `layer${l}`, modules: modules.filter((m) => m.layer === `layer${l}`).map((m) => m.id) })),
    modules,
    waves: [],
    criticalPath: Array.from({ length: layers }, (_, l) => id(l, 0)),
    warnings: [],
  };
}
