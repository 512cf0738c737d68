import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import type { PlanModule } from "../../src/plan/types.js";
import { dependenciesOf } from "../../src/prompt/context.js";
import { piece } from "../../src/prompt/piece.js";

// V8's own test intrinsic: whether two objects have the same hidden class (map). A new hidden
// class seen by optimized code deoptimizes it, and V8 compiles it again (see src/prompt/piece.ts).
setFlagsFromString("--allow-natives-syntax");
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

const mod = (id: string, dependsOn: string[]): PlanModule => ({ id, layer: "core", spec: `${id}.md`, files: [`src/${id}.ts`], dependsOn, specText: `## Purpose\n${id}.\n` });

describe("prompt context shapes", () => {
  it("gives pieces of every kind one hidden class", () => {
    const kinds = [
      piece("spec", 0, "the module's spec", "spec text"),
      piece("task", 0, "the task", "do it"),
      piece("dependencies", 1, "store's Provides", "### `store`", "store", "provides", 12),
      piece("dependencies", 2, "store's signatures", "Signatures in `src/store.ts`", "store", "signatures"),
      piece("memory", 3, "a memory of the module", "- **k**: v"),
    ];
    for (const p of kinds.slice(1)) expect(haveSameMap(kinds[0]!, p)).toBe(true);
  });

  it("gives a module's dependency list one hidden class whether it is empty or not (once warm)", () => {
    const store = mod("store", []);
    const api = mod("api", ["store"]);
    const modules = new Map([store, api].map((m) => [m.id, m]));
    const of = (module: PlanModule) => dependenciesOf({ root: "/nowhere", module, request: "r", modules, maxTokens: 1000 });
    for (let i = 0; i < 20; i++) of(api);
    expect(of(api).map((d) => d.id)).toEqual(["store"]);
    expect(of(store)).toEqual([]);
    expect(haveSameMap(of(api), of(store))).toBe(true);
  });
});
