import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec as load, saveSpecCache } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

/** Loads and, with `cache`, saves the cache as the commands do once they accept the tree. */
function loadSpec(root: string, options: { cache?: boolean } = {}): SpecTree {
  const tree = load(root, options);
  saveSpecCache(tree);
  return tree;
}
import { buildPlan } from "../../src/plan/build.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";
const CACHE = ".orchestrate/cache/specs.json";

/** A project orchestrate keeps state in (`.orchestrate/` exists): only there is the cache written. */
function project(): string {
  return makeProject({
    ".orchestrate/.keep": "",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, app.\n",
    [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money.py", frontMatter: "owns: [pkg/money_extra.py]", body: "## Purpose\nMoney adds amounts. More.\n\n## Provides\n- `Money`\n\n## Performance\n```bash\npython -m bench money\n```\n" }),
    [`${L}/app/modules/CLI_AGENT.md`]: moduleSpec({ module: "pkg/cli.py", body: "## Depends On\n- money\n\n```python\nfrom pkg.money import Money\n```\n" }),
  });
}

type Cache = { stamp: string; entries: Record<string, { module: { id: string; provides: string[] } }> };
const readCache = (root: string) => JSON.parse(readFileSync(join(root, CACHE), "utf8")) as Cache;
const planOf = (root: string, cache: boolean) => {
  const tree = loadSpec(root, { cache });
  return { tree, plan: buildPlan(tree, analyzeTask("implement system", tree), "implement system") };
};

describe("the spec parse cache", () => {
  it("gives the same tree and plan as a fresh parse, from the first load and from the cache", () => {
    const root = project();
    const fresh = planOf(root, false);
    expect(existsSync(join(root, CACHE))).toBe(false);
    expect(planOf(root, true)).toEqual(fresh);
    expect(Object.keys(readCache(root).entries)).toHaveLength(2);
    expect(planOf(root, true)).toEqual(fresh);
    expect(fresh.plan.modules.find((m) => m.id === "money")).toMatchObject({ purpose: "Money adds amounts.", benchmark: "python -m bench money" });
  });

  it("is read on the second load (an entry changed on disk shows), and not for a spec whose text changed", () => {
    const root = project();
    loadSpec(root, { cache: true });
    // Tamper with the cached parse: only a load that uses the cache can return it.
    const cache = readCache(root);
    for (const entry of Object.values(cache.entries)) if (entry.module.id === "money") entry.module.provides = ["FromTheCache"];
    writeFileSync(join(root, CACHE), JSON.stringify(cache));
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["FromTheCache"]);
    // A changed file is parsed again; its old entry is dropped from the file.
    const file = join(root, `${L}/core/modules/MONEY_AGENT.md`);
    writeFileSync(file, readFileSync(file, "utf8").replace("- `Money`", "- `Money`\n- `add`"));
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["Money", "add"]);
    expect(Object.values(readCache(root).entries).map((e) => e.module.provides).sort()).toEqual([[], ["Money", "add"]]);
  });

  it("is ignored when another version or parser wrote it, and when it is not JSON", () => {
    const root = project();
    loadSpec(root, { cache: true });
    const cache = readCache(root);
    for (const entry of Object.values(cache.entries)) entry.module.provides = ["Stale"];
    writeFileSync(join(root, CACHE), JSON.stringify({ ...cache, stamp: "0.0.1-other" }));
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["Money"]);
    expect(readCache(root).stamp).toBe(cache.stamp);
    writeFileSync(join(root, CACHE), "{ not json");
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["Money"]);
  });

  it("is written only when the caller saves it: a rejected project leaves no cache", () => {
    const root = project();
    const tree = load(root, { cache: true });
    expect(existsSync(join(root, CACHE))).toBe(false);
    saveSpecCache(tree);
    expect(existsSync(join(root, CACHE))).toBe(true);
  });

  it("is not written into a project without .orchestrate/ (plan on a fresh or read-only tree)", () => {
    const root = makeProject({ [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money.py" }) });
    saveSpecCache(load(root, { cache: true }));
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  });

  it("does not let a caller's change to a loaded module reach the cache", () => {
    const root = project();
    loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides.push("Mutated");
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["Money"]);
  });
});
