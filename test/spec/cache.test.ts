import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { describe, expect, it, vi } from "vitest";
import { keepDerived, loadSpec as load, recallDerived, saveSpecCache } from "../../src/spec/load.js";
import { RACY_MS, type IndexData } from "../../src/spec/stat-index.js";
import { statPrefix } from "../../src/spec/cache-index-only.js";
import { findProjectRoot } from "../../src/spec/root.js";
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

  it("is one JSON document of every entry when written in many pieces (more specs than a piece holds)", () => {
    const files: Record<string, string> = { ".orchestrate/.keep": "" };
    for (let i = 0; i < 150; i++) files[`${L}/core/modules/M${i}_AGENT.md`] = moduleSpec({ module: `pkg/m${i}.py`, body: `## Provides\n- \`Thing${i}\`\n` });
    const root = makeProject(files);
    const fresh = planOf(root, false);
    expect(planOf(root, true)).toEqual(fresh);
    const entries = Object.values(readCache(root).entries);
    expect(entries.map((e) => e.module.id).sort()).toEqual(fresh.tree.modules.map((m) => m.id).sort());
    expect(entries.find((e) => e.module.id === "m149")!.module.provides).toEqual(["Thing149"]);
    // Read back: every module comes from an entry, the same as parsed.
    expect(planOf(root, true)).toEqual(fresh);
  });

  it("does not let a caller's change to a loaded module reach the cache", () => {
    const root = project();
    loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides.push("Mutated");
    expect(loadSpec(root, { cache: true }).modules.find((m) => m.id === "money")!.provides).toEqual(["Money"]);
  });

  describe("the resolved dependencies, kept under the tree's key", () => {
    type Resolved = { tree?: { key: string; resolution: { dependencies: { id: string }[][]; warnings: unknown[] } } };
    const idsOf = (tree: SpecTree, id: string) => tree.modules.find((m) => m.id === id)!.dependencies.map((d) => d.id);

    it("come from the cache on a second load of the same tree (a tampered entry shows)", () => {
      const root = project();
      const first = loadSpec(root, { cache: true });
      expect(idsOf(first, "cli")).toEqual(["money"]);
      const cache = readCache(root) as Cache & Resolved;
      expect(cache.tree?.resolution.dependencies).toHaveLength(2);
      const at = first.modules.findIndex((m) => m.id === "cli");
      cache.tree!.resolution.dependencies[at] = [{ ...cache.tree!.resolution.dependencies[at]![0]!, id: "from-the-cache" }];
      writeFileSync(join(root, CACHE), JSON.stringify(cache));
      expect(idsOf(loadSpec(root, { cache: true }), "cli")).toEqual(["from-the-cache"]);
    });

    it("are resolved from references kept apart (refs.json), read only when the tree is resolved again", () => {
      const root = project();
      const fresh = load(root);
      loadSpec(root, { cache: true });
      const file = join(root, ".orchestrate/cache/refs.json");
      const refs = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, { references: { target?: string }[] }> };
      const cli = Object.values(refs.entries).find((r) => r.references.some((ref) => ref.target === "money"))!;
      expect(Object.keys(refs.entries)).toHaveLength(2);
      // Tamper with the dependent's kept references: only a resolve that reads them shows it.
      cli.references = [];
      writeFileSync(file, JSON.stringify(refs));
      expect(loadSpec(root, { cache: true })).toEqual(fresh);
      expect(JSON.parse(readFileSync(join(root, CACHE), "utf8")).entries).not.toHaveProperty([Object.keys(refs.entries)[0]!, "module", "references"]);
      // The dependency changes, the dependent does not: the tree is resolved again, from the kept references.
      const money = join(root, `${L}/core/modules/MONEY_AGENT.md`);
      writeFileSync(money, `${readFileSync(money, "utf8")}\nMore text.\n`);
      expect(idsOf(loadSpec(root, { cache: true }), "cli")).toEqual([]);
      // Without them, a cached parse is parsed again to resolve.
      rmSync(file);
      writeFileSync(money, `${readFileSync(money, "utf8")}\nAnd more.\n`);
      expect(loadSpec(root, { cache: true })).toEqual(load(root));
      expect(idsOf(load(root), "cli")).toEqual(["money"]);
    });

    it("are resolved again when a dependency's spec changes, though the dependent's text did not", () => {
      const root = makeProject({
        ".orchestrate/.keep": "",
        [`${L}/core/modules/LEDGER_AGENT.md`]: moduleSpec({ module: "pkg/ledger.py", body: "## Provides\n- `LedgerBook`\n" }),
        [`${L}/core/modules/REPORT_AGENT.md`]: moduleSpec({ module: "pkg/report.py", body: "## Depends On\nReads the `LedgerBook`.\n" }),
      });
      expect(idsOf(loadSpec(root, { cache: true }), "report")).toEqual(["ledger"]);
      const ledger = join(root, `${L}/core/modules/LEDGER_AGENT.md`);
      writeFileSync(ledger, readFileSync(ledger, "utf8").replace("`LedgerBook`", "`Journal`"));
      const again = loadSpec(root, { cache: true });
      expect(idsOf(again, "report")).toEqual([]);
      expect(again.warnings.map((w) => w.code)).toContain("DEPENDS_ON_UNRESOLVED");
      // And back: the warning goes with the change.
      writeFileSync(ledger, readFileSync(ledger, "utf8").replace("`Journal`", "`LedgerBook`"));
      const back = loadSpec(root, { cache: true });
      expect(idsOf(back, "report")).toEqual(["ledger"]);
      expect(back.warnings.map((w) => w.code)).not.toContain("DEPENDS_ON_UNRESOLVED");
    });

    it("are resolved again when the files found under owned folders change", () => {
      const root = makeProject({
        ".orchestrate/.keep": "",
        [`${L}/core/modules/STRATEGIES_AGENT.md`]: moduleSpec({ module: "pkg/strategies/" }),
        [`${L}/core/modules/RUNNER_AGENT.md`]: moduleSpec({ module: "pkg/runner.py", body: "## Depends On\n```python\nfrom pkg.strategies.macd import Signal\n```\n" }),
      });
      const resolved = (tree: SpecTree) => ({ runner: idsOf(tree, "runner"), warnings: tree.warnings.map((w) => w.code) });
      const before = resolved(loadSpec(root, { cache: true }));
      expect(resolved(loadSpec(root, { cache: true }))).toEqual(before);
      mkdirSync(join(root, "pkg/strategies"), { recursive: true });
      writeFileSync(join(root, "pkg/strategies/macd.py"), "class Signal: ...\n");
      const after = resolved(loadSpec(root, { cache: true }));
      expect(after).toEqual(resolved(load(root)));
      expect(after).not.toEqual(before);
    });

    it("are not kept when resolving read owned source files, which change without any spec changing", () => {
      const root = makeProject({
        ".orchestrate/.keep": "",
        "pkg/widgets.py": "class WidgetBox:\n    pass\n",
        "pkg/gadgets.py": "def unrelated():\n    pass\n",
        [`${L}/core/modules/WIDGETS_AGENT.md`]: moduleSpec({ module: "pkg/widgets.py" }),
        [`${L}/core/modules/GADGETS_AGENT.md`]: moduleSpec({ module: "pkg/gadgets.py" }),
        [`${L}/core/modules/SCREEN_AGENT.md`]: moduleSpec({ module: "pkg/screen.py", body: "## Depends On\n```python\ndef draw(box: WidgetBox) -> None: ...\n```\n" }),
      });
      expect(idsOf(loadSpec(root, { cache: true }), "screen")).toEqual(["widgets"]);
      expect((readCache(root) as Cache & Resolved).tree).toBeUndefined();
      // The class moves to another module's file; no spec changes.
      writeFileSync(join(root, "pkg/widgets.py"), "def other():\n    pass\n");
      writeFileSync(join(root, "pkg/gadgets.py"), "class WidgetBox:\n    pass\n");
      expect(idsOf(loadSpec(root, { cache: true }), "screen")).toEqual(["gadgets"]);
    });

    it("see an edit to a Vue or Svelte component: what its script exports moves to another module's component", () => {
      const root = makeProject({
        ".orchestrate/.keep": "",
        "src/ui/Total.svelte": '<script context="module" lang="ts">\n  export interface PriceTag {\n    cents: number;\n  }\n</script>\n\n<p>total</p>\n',
        "src/ui/Badge.vue": '<template>\n  <b>1</b>\n</template>\n\n<script lang="ts">\nexport const size = 1;\n</script>\n',
        [`${L}/web/modules/TOTALS_AGENT.md`]: moduleSpec({ module: "src/ui/Total.svelte" }),
        [`${L}/web/modules/BADGES_AGENT.md`]: moduleSpec({ module: "src/ui/Badge.vue" }),
        [`${L}/web/modules/SCREEN_AGENT.md`]: moduleSpec({ module: "src/screen.ts", body: "## Depends On\n```ts\nfunction show(tag: PriceTag): void;\n```\n" }),
      });
      expect(idsOf(loadSpec(root, { cache: true }), "screen")).toEqual(["totals"]);
      // The type moves from the Svelte component's module script to the Vue component's script; no spec changes.
      writeFileSync(join(root, "src/ui/Total.svelte"), "<p>total</p>\n");
      writeFileSync(join(root, "src/ui/Badge.vue"), '<template>\n  <b>1</b>\n</template>\n\n<script lang="ts">\nexport interface PriceTag {\n  cents: number;\n}\n</script>\n');
      expect(idsOf(loadSpec(root, { cache: true }), "screen")).toEqual(["badges"]);
    });
  });

  describe("values kept under the tree's key, found by stat alone (recallDerived)", () => {
    const INDEX = ".orchestrate/cache/index.v8";
    const MONEY = `${L}/core/modules/MONEY_AGENT.md`;
    type Index = IndexData & { stamp: string };
    const keep = (root: string, value: unknown = { planned: 1 }) => {
      const tree = load(root, { cache: true });
      keepDerived(tree, "plan", value);
      saveSpecCache(tree);
    };
    const recall = (root: string) => recallDerived(root, "plan")?.value;
    /** Rewrites the index as if its scan ran long after every file's last write: no entry is racy. */
    const ageIndex = (root: string, change: (index: Index) => void = () => {}) => {
      const index = deserialize(readFileSync(join(root, INDEX))) as Index;
      index.scanned = Date.now() + 10 * RACY_MS;
      change(index);
      writeFileSync(join(root, INDEX), serialize(index));
    };
    /** Same length, other text. */
    const sameSizeEdit = (root: string) => {
      const file = join(root, MONEY);
      const before = statSync(file);
      writeFileSync(file, readFileSync(file, "utf8").replace("Money adds", "Money sums"));
      utimesSync(file, before.atime, before.mtime);
      expect(statSync(file).size).toBe(before.size);
      expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    };

    it("are found while the tree is the same, and then the index's keys stand for the spec files' texts", () => {
      const root = project();
      keep(root);
      expect(recall(root)).toEqual({ planned: 1 });
      expect(recallDerived(root, "other")).toBeUndefined();
      ageIndex(root);
      expect(recall(root)).toEqual({ planned: 1 });
      // A key the index holds for an unchanged stat is believed: the file is not read to check it.
      ageIndex(root, (index) => {
        const at = Buffer.from(index.files).toString().split("\0").indexOf(MONEY);
        expect(at).toBeGreaterThanOrEqual(0);
        index.keys = Buffer.from(Buffer.from(index.keys).toString().split("\n").map((k, i) => (i === at ? "tampered" : k)).join("\n"));
      });
      expect(recall(root)).toBeUndefined();
    });

    it("are not found after an edit of the same size and mtime within the racy window (git's racily clean rule)", () => {
      const root = project();
      // A whole second, which utimes puts back exactly.
      const now = Math.floor(Date.now() / 1000);
      utimesSync(join(root, MONEY), now, now);
      keep(root);
      sameSizeEdit(root);
      expect(recall(root)).toBeUndefined();
      expect(planOf(root, true).plan.modules.find((m) => m.id === "money")!.purpose).toBe("Money sums amounts.");
    });

    it("are not found after an edit of the same size that puts an old mtime back: its ctime moved", () => {
      const root = project();
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(join(root, MONEY), old, old);
      keep(root);
      ageIndex(root);
      expect(recall(root)).toEqual({ planned: 1 });
      sameSizeEdit(root);
      expect(recall(root)).toBeUndefined();
    });

    it("in the project's own folder, are found by stats of paths relative to it, and an edit is still seen", () => {
      const root = project();
      // A whole millisecond, which utimes puts back exactly.
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(join(root, MONEY), old, old);
      keep(root);
      ageIndex(root);
      const cwd = process.cwd();
      process.chdir(root);
      try {
        // As `plan` run in the project: its specs are stat'd without the folders above it.
        expect(statPrefix(findProjectRoot("."))).toBe("");
        expect(recallDerived(".", "plan")?.value).toEqual({ planned: 1 });
        sameSizeEdit(root);
        expect(recallDerived(".", "plan")).toBeUndefined();
      } finally {
        process.chdir(cwd);
      }
      expect(statPrefix(root)).toBe(join(root, "/"));
      expect(recall(root)).toBeUndefined();
    });

    it("in the project's own folder, read the specs by paths relative to it: the tree is the one loaded from outside", () => {
      const root = project();
      const outside = load(root);
      const cwd = process.cwd();
      process.chdir(root);
      try {
        expect(statPrefix(findProjectRoot("."))).toBe("");
        expect(load(".", { cache: true })).toEqual(outside);
        expect(load(".")).toEqual(outside);
      } finally {
        process.chdir(cwd);
      }
    });

    it("are not found when a spec file is added or removed, or a file appears in an owned folder", () => {
      const root = project();
      keep(root);
      ageIndex(root);
      writeFileSync(join(root, `${L}/app/modules/REPORT_AGENT.md`), moduleSpec({ module: "pkg/report.py" }));
      expect(recall(root)).toBeUndefined();
      keep(root);
      expect(recall(root)).toEqual({ planned: 1 });
      rmSync(join(root, `${L}/app/modules/CLI_AGENT.md`));
      expect(recall(root)).toBeUndefined();
      expect(load(root, { cache: true }).modules.map((m) => m.id).sort()).toEqual(["money", "report"]);

      const folders = makeProject({
        ".orchestrate/.keep": "",
        [`${L}/core/modules/STRATEGIES_AGENT.md`]: moduleSpec({ module: "pkg/strategies/" }),
      });
      keep(folders);
      expect(recall(folders)).toEqual({ planned: 1 });
      mkdirSync(join(folders, "pkg/strategies"), { recursive: true });
      writeFileSync(join(folders, "pkg/strategies/macd.py"), "");
      expect(recall(folders)).toBeUndefined();
    });

    it("while the tree's folders are unchanged, are found from their listing as kept; a spec added or removed is still seen", () => {
      const root = project();
      keep(root);
      ageIndex(root);
      /** As if long after every write so far: the folders' stats can be trusted. */
      const later = () => {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(Date.now() + 10 * RACY_MS);
        try {
          return recall(root);
        } finally {
          vi.useRealTimers();
        }
      };
      expect(later()).toEqual({ planned: 1 });
      const file = join(root, ".orchestrate/cache/listing.v8");
      expect(existsSync(file)).toBe(true);
      expect(later()).toEqual({ planned: 1 });
      // The kept listing is believed: without a file the tree has, its key is another.
      const kept = deserialize(readFileSync(file)) as { files: Uint8Array };
      writeFileSync(file, serialize({ ...kept, files: Buffer.from(Buffer.from(kept.files).toString().split("\0").filter((f) => f !== MONEY).join("\0")) }));
      expect(later()).toBeUndefined();
      writeFileSync(file, serialize(kept));
      expect(later()).toEqual({ planned: 1 });
      writeFileSync(join(root, `${L}/app/modules/REPORT_AGENT.md`), moduleSpec({ module: "pkg/report.py" }));
      expect(later()).toBeUndefined();
      rmSync(join(root, `${L}/app/modules/REPORT_AGENT.md`));
      ageIndex(root);
      expect(later()).toEqual({ planned: 1 });
      rmSync(join(root, MONEY));
      expect(later()).toBeUndefined();
    });

    it("are not kept for a tree resolved from source files, and not written into a project without .orchestrate/", () => {
      const root = makeProject({
        ".orchestrate/.keep": "",
        "pkg/widgets.py": "class WidgetBox:\n    pass\n",
        [`${L}/core/modules/WIDGETS_AGENT.md`]: moduleSpec({ module: "pkg/widgets.py" }),
        [`${L}/core/modules/SCREEN_AGENT.md`]: moduleSpec({ module: "pkg/screen.py", body: "## Depends On\n```python\ndef draw(box: WidgetBox) -> None: ...\n```\n" }),
      });
      keep(root);
      expect(recall(root)).toBeUndefined();
      const fresh = makeProject({ [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money.py" }) });
      keep(fresh);
      expect(recall(fresh)).toBeUndefined();
      expect(existsSync(join(fresh, ".orchestrate"))).toBe(false);
    });
  });
});
