import { describe, expect, it } from "vitest";
import { unreadLanguages } from "../../src/validate/unread.js";
import { bareModule, tree } from "../helpers/tree.js";

function haskellTree() {
  const base = tree(["journal: core", "report: api", "math: core"], ["core", "api"]);
  const files: Record<string, string[]> = { journal: ["src/Ledger/Journal.hs", "stack.yaml.lock"], report: ["assets/report.svg"], math: ["src/core/math.py"] };
  return { ...base, modules: base.modules.map((m) => bareModule(m.id, m.layer, files[m.id]!)) };
}

describe("unreadLanguages", () => {
  it("names the extensions of a module's files the check cannot read; none when one file is read", () => {
    const spec = haskellTree();
    expect(unreadLanguages(spec, ["journal"])).toEqual([".hs", ".lock"]);
    expect(unreadLanguages(spec, ["math"])).toBeUndefined();
    expect(unreadLanguages(spec, ["journal", "report"])).toEqual([".hs", ".lock", ".svg"]);
    expect(unreadLanguages(spec, ["journal", "math"])).toBeUndefined();
  });

  it("answers a module once per tree: a run asks after every attempt, and the answer cannot change", () => {
    const spec = haskellTree();
    const first = unreadLanguages(spec, ["journal"]);
    expect(unreadLanguages(spec, ["journal"])).toBe(first);
    // Another tree object (a reload) is asked afresh.
    expect(unreadLanguages({ ...spec }, ["journal"])).not.toBe(first);
  });
});
