import { describe, expect, it } from "vitest";
import type { Plan, PlanModule } from "../../src/plan/types.js";
import type { SpecTree } from "../../src/spec/types.js";
import type { Store } from "../../src/store/types.js";
import { MemoryStore } from "../../src/store/memory.js";
import { specTextLifetime } from "../../src/run/spec-text-lifetime.js";

const SECRET = `ghp_${"Zq8Wm4Rt".repeat(5).slice(0, 36)}`;
const TEXTS = { a: "# A 📦\n\n## Provides\n- `add(a, b)`\n", b: `# B\n\nUses a. token ${SECRET}\n`, c: "# C\n\nUses a and b.\n" };

function module(id: keyof typeof TEXTS, dependsOn: string[]): PlanModule {
  return { id, layer: "core", spec: `${id}.md`, files: [`${id}.ts`], dependsOn, specText: TEXTS[id], specDigest: `d-${id}` };
}

/** A run of a <- b <- c (c depends on a too) created in a real MemoryStore, and its tree of the same texts. */
function setUp() {
  const plan: Plan = { request: "implement system", analysis: { type: "implement", scope: { kind: "system" }, because: [] }, layers: [], modules: [module("a", []), module("b", ["a"]), module("c", ["a", "b"])], waves: [], criticalPath: [], warnings: [] };
  const tree = { modules: plan.modules.map((m) => ({ id: m.id, body: m.specText })) } as unknown as SpecTree;
  const memory = new MemoryStore();
  memory.createRun({ id: "r1", request: plan.request, plan, options: "{}", at: 1, modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })) });
  const reads: string[] = [];
  const store: Pick<Store, "keepsSpecText" | "getSpecText"> = {
    keepsSpecText: (digest) => memory.keepsSpecText(digest),
    getSpecText: (digest) => {
      reads.push(digest);
      return memory.getSpecText(digest);
    },
  };
  const ended = specTextLifetime(plan, store, tree);
  const end = (id: string) => ended({ type: "module:state", runId: "r1", moduleId: id, layer: "core", state: "done", attempt: 1, at: 2 });
  const text = (id: string) => plan.modules.find((m) => m.id === id)!.specText;
  return { plan, tree, reads, end, text };
}

describe("specTextLifetime", () => {
  it("holds a text until its module and every dependent ended, then reads it back from the store", () => {
    const { reads, end, text } = setUp();
    end("a");
    end("b");
    expect(text("a")).toBe(TEXTS.a);
    expect(reads).toStrictEqual([]);
    end("c");
    expect(text("a")).toBe(TEXTS.a);
    expect(text("c")).toBe(TEXTS.c);
    expect(reads).toStrictEqual(["d-a", "d-c"]);
  });

  it("gives back the text as it was, not as the store redacted it", () => {
    const { reads, end, text } = setUp();
    for (const id of ["a", "b", "c"]) end(id);
    expect(text("b")).toBe(TEXTS.b);
    expect(reads).not.toContain("d-b");
  });

  it("counts a module's end once, however often it ends again (a layer's fix round)", () => {
    const { reads, end, text } = setUp();
    end("b");
    end("b");
    end("c");
    expect(text("b")).toBe(TEXTS.b);
    expect(text("a")).toBe(TEXTS.a);
    expect(reads).toStrictEqual([]);
    end("a");
    expect(text("a")).toBe(TEXTS.a);
    expect(reads).toStrictEqual(["d-a"]);
  });

  it("keeps the plan's modules as they were to a reader (keys, order, JSON) and empties the tree's copies of the texts", () => {
    const { plan, tree } = setUp();
    const before = [module("a", []), module("b", ["a"]), module("c", ["a", "b"])];
    expect(JSON.stringify(plan.modules)).toBe(JSON.stringify(before));
    expect(plan.modules.map((m) => ({ ...m }))).toStrictEqual(before);
    expect(tree.modules.map((m) => m.body)).toStrictEqual(["", "", ""]);
  });

  it("takes a text set later in place of the one it reads", () => {
    const { plan, end } = setUp();
    plan.modules[0]!.specText = "replaced";
    for (const id of ["a", "b", "c"]) end(id);
    expect(plan.modules[0]!.specText).toBe("replaced");
  });
});
