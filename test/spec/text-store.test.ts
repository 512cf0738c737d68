import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { describe, expect, it, vi } from "vitest";
import { loadSpec as load, saveSpecCache } from "../../src/spec/load.js";
import { RACY_MS, type IndexData } from "../../src/spec/stat-index.js";
import { openTextStore, textsFile } from "../../src/spec/text-store.js";
import { parserStamp, writeAtomic } from "../../src/spec/cache-files.js";
import type { SpecTree } from "../../src/spec/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { SpecError } from "../../src/errors.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";
const MONEY = `${L}/core/modules/MONEY_AGENT.md`;
const TEXTS = ".orchestrate/cache/texts.bin";
const INDEX = ".orchestrate/cache/index.v8";

function project(): string {
  return makeProject({
    ".orchestrate/.keep": "",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, app.\n",
    [MONEY]: moduleSpec({ module: "pkg/money.py", body: "## Purpose\nMoney adds amounts. More.\n\n## Provides\n- `Money`\n" }),
    [`${L}/app/modules/CLI_AGENT.md`]: moduleSpec({ module: "pkg/cli.py", body: "## Depends On\n- money\n" }),
  });
}

/** Loads and saves the cache, as the commands do once they accept the tree. */
function loadSpec(root: string, options: { cache?: boolean } = {}): SpecTree {
  const tree = load(root, options);
  saveSpecCache(tree);
  return tree;
}

const bodyOf = (tree: SpecTree, id: string) => tree.modules.find((m) => m.id === id)!.body;
const planOf = (tree: SpecTree) => buildPlan(tree, analyzeTask("implement system", tree), "implement system");

/** Rewrites the index as if its scan ran long after every file's last write: no entry is racy. */
function ageIndex(root: string): void {
  const index = deserialize(readFileSync(join(root, INDEX))) as IndexData & { stamp: string };
  index.scanned = Date.now() + 10 * RACY_MS;
  writeFileSync(join(root, INDEX), serialize(index));
}

/** Changes `from` to `to` (of the same UTF-8 length) in the kept texts, in place: only a load that uses them shows it. */
function tamperKept(root: string, from: string, to: string): void {
  const file = join(root, TEXTS);
  const bytes = readFileSync(file);
  const at = bytes.indexOf(from);
  expect(at).toBeGreaterThan(0);
  bytes.write(to, at);
  writeFileSync(file, bytes);
}

/** Rewrites MONEY with `from` replaced by `to` (same size), then puts its mtime (and atime) back. */
function sameSizeEdit(root: string, from: string, to: string): void {
  const file = join(root, MONEY);
  const before = statSync(file);
  writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
  utimesSync(file, before.atime, before.mtime);
  expect(statSync(file).size).toBe(before.size);
  expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
}

describe("spec texts kept in the cache (texts.bin)", () => {
  it("serve an unchanged spec without reading it, and give the tree and plan a fresh load gives", () => {
    const root = project();
    const fresh = load(root);
    const first = loadSpec(root, { cache: true });
    expect(existsSync(join(root, TEXTS))).toBe(true);
    ageIndex(root);
    const kept = loadSpec(root, { cache: true });
    expect(kept).toEqual(fresh);
    expect(first).toEqual(fresh);
    expect(planOf(kept)).toEqual(planOf(fresh));
    // Believed while the file's stat is unchanged: a text changed in the cache alone shows.
    tamperKept(root, "Money adds", "Money sums");
    expect(bodyOf(loadSpec(root, { cache: true }), "money")).toContain("Money sums");
  });

  it("are not used for a racy file: one written within RACY_MS of the scan that recorded it is read", () => {
    const root = project();
    loadSpec(root, { cache: true });
    tamperKept(root, "Money adds", "Money sums");
    // Not aged: every file is as new as the scan.
    const tree = loadSpec(root, { cache: true });
    expect(bodyOf(tree, "money")).toContain("Money adds");
    expect(tree).toEqual(load(root));
  });

  it("are not written again when racy files read again hold the texts kept: only a new text is", () => {
    const root = project();
    loadSpec(root, { cache: true });
    const file = join(root, TEXTS);
    const before = readFileSync(file);
    // Racy still (not aged): every spec is read again, and each text's key is kept already.
    writeFileSync(file, Buffer.concat([before, Buffer.from("trailing bytes a rewrite would drop")]));
    const tree = loadSpec(root, { cache: true });
    expect(tree).toEqual(load(root));
    expect(readFileSync(file).subarray(before.length).toString()).toBe("trailing bytes a rewrite would drop");
    writeFileSync(join(root, MONEY), readFileSync(join(root, MONEY), "utf8").replace("Money adds", "Money adds up"));
    loadSpec(root, { cache: true });
    expect(readFileSync(file).includes("trailing bytes")).toBe(false);
    expect(readFileSync(file).includes("Money adds up")).toBe(true);
  });

  it("see an edit of the same size whose mtime was put back within the racy window", () => {
    const root = project();
    // A whole second, which utimes puts back exactly.
    const now = Math.floor(Date.now() / 1000);
    utimesSync(join(root, MONEY), now, now);
    loadSpec(root, { cache: true });
    sameSizeEdit(root, "Money adds", "Money sums");
    const tree = loadSpec(root, { cache: true });
    expect(bodyOf(tree, "money")).toContain("Money sums");
    expect(planOf(tree).modules.find((m) => m.id === "money")).toMatchObject({ purpose: "Money sums amounts.", specText: bodyOf(load(root), "money") });
  });

  it("see an edit of the same size that puts an old mtime back, in an index old enough to trust: its ctime moved", () => {
    const root = project();
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(root, MONEY), old, old);
    loadSpec(root, { cache: true });
    ageIndex(root);
    expect(bodyOf(loadSpec(root, { cache: true }), "money")).toContain("Money adds");
    ageIndex(root);
    sameSizeEdit(root, "Money adds", "Money sums");
    const tree = loadSpec(root, { cache: true });
    expect(bodyOf(tree, "money")).toContain("Money sums");
    expect(tree).toEqual(load(root));
    // And kept: the next load serves the new text.
    ageIndex(root);
    expect(bodyOf(loadSpec(root, { cache: true }), "money")).toContain("Money sums");
  });

  it("give the errors a fresh load gives for a spec that became unreadable or too large", () => {
    const root = project();
    loadSpec(root, { cache: true });
    ageIndex(root);
    writeFileSync(join(root, MONEY), `${moduleSpec({ module: "pkg/money.py" })}${"x".repeat(300 * 1024)}`);
    const error = (cache: boolean) => {
      try {
        load(root, { cache });
      } catch (caught) {
        return caught;
      }
      throw new Error("loaded");
    };
    expect(error(true)).toBeInstanceOf(SpecError);
    expect(error(true)).toEqual(error(false));
  });

  it("are ignored when missing, cut short, of another stamp, or not adding up; the tree is the same", () => {
    const root = project();
    const fresh = load(root);
    loadSpec(root, { cache: true });
    const file = join(root, TEXTS);
    const whole = readFileSync(file);
    const cases: [string, () => void][] = [
      ["cut short", () => writeFileSync(file, whole.subarray(0, whole.length - 10))],
      ["header cut", () => writeFileSync(file, whole.subarray(0, 6))],
      ["not ours", () => writeFileSync(file, "not a text store")],
      ["another stamp", () => writeAtomic(file, textsFile("0.0.1-other", new Map([["k", "t"]])))],
      ["missing", () => writeFileSync(file, "")],
    ];
    for (const [name, spoil] of cases) {
      spoil();
      ageIndex(root);
      expect(loadSpec(root, { cache: true }), name).toEqual(fresh);
    }
  });

  it("hold the tree's texts only, each by its key, written again when one changed", () => {
    const root = project();
    loadSpec(root, { cache: true });
    const keys = () => Buffer.from((deserialize(readFileSync(join(root, INDEX))) as IndexData).keys).toString().split("\n");
    const store = () => openTextStore(join(root, TEXTS), parserStamp());
    expect(store().size).toBe(3);
    expect(keys().map((k) => store().text(k)?.length)).toEqual(keys().map(() => expect.any(Number)));
    writeFileSync(join(root, MONEY), readFileSync(join(root, MONEY), "utf8").replace("Money adds", "Money adds up"));
    const tree = loadSpec(root, { cache: true });
    expect(store().size).toBe(3);
    const money = keys().map((k) => store().text(k)).find((t) => t?.includes("Money adds up"));
    expect(money?.endsWith(bodyOf(tree, "money"))).toBe(true);
  });

  it("keep each text's length in UTF-8 as read, not measured again", () => {
    const root = project();
    const measure = vi.spyOn(Buffer, "byteLength");
    try {
      loadSpec(root, { cache: true });
      expect(measure.mock.calls.filter(([text]) => typeof text === "string" && text.includes("**Module**"))).toEqual([]);
    } finally {
      measure.mockRestore();
    }
  });

  it("keep the length in UTF-8 of texts read as other than their bytes: invalid UTF-8, a CR, a byte order mark", () => {
    // Each in a tree of its own: a batch of files read together is measured whole when one of them is odd.
    const odd = [
      { files: { [`${L}/app/modules/BAD_AGENT.md`]: Buffer.concat([Buffer.from("# Bad 📦\n\n**Module**: `pkg/bad.py`\n\nA byte that is no UTF-8: "), Buffer.from([0xff]), Buffer.from("\n")]) }, read: ["# Bad 📦\n\n**Module**: `pkg/bad.py`\n\nA byte that is no UTF-8: \uFFFD\n"] },
      { files: { [`${L}/app/modules/CRLF_AGENT.md`]: "# Crlf\r\n\r\n**Module**: `pkg/crlf.py`\r\n", [`${L}/app/modules/BOM_AGENT.md`]: "\uFEFF# Bom\n\n**Module**: `pkg/bom.py`\n" }, read: ["# Crlf\n\n**Module**: `pkg/crlf.py`\n", "# Bom\n\n**Module**: `pkg/bom.py`\n"] },
    ];
    for (const { files, read } of odd) {
      const root = project();
      for (const [rel, content] of Object.entries(files)) writeFileSync(join(root, rel), content);
      loadSpec(root, { cache: true });
      ageIndex(root);
      // Each length kept is the text's: every text comes back from the store as the tree has it.
      const keys = (deserialize(readFileSync(join(root, INDEX))) as IndexData).keys;
      const store = openTextStore(join(root, TEXTS), parserStamp());
      const stored = Buffer.from(keys).toString().split("\n").map((key) => store.text(key));
      expect(stored).toHaveLength(3 + Object.keys(files).length);
      expect(stored).not.toContain(undefined);
      for (const text of read) expect(stored).toContain(text);
      expect(loadSpec(root, { cache: true })).toEqual(load(root));
    }
  });

  it("read back many texts in batches, one of them UTF-16, each as written", () => {
    const root = makeProject({ x: "" });
    const texts = new Map<string, string>();
    for (let i = 0; i < 400; i++) texts.set(`k${i}`, `${i === 7 ? "📦 " : ""}${"text ".repeat(200 + i)}${i}`);
    const file = join(root, "texts.bin");
    writeAtomic(file, textsFile("s", texts));
    const store = openTextStore(file, "s");
    expect(store.size).toBe(400);
    // In order, as a load asks, and out of it.
    for (const key of [...texts.keys(), "k399", "k3", "k7", "k250"]) expect(store.text(key)).toBe(texts.get(key));
    expect(store.text("absent")).toBeUndefined();
    expect(openTextStore(file, "other").size).toBe(0);
  });
});
