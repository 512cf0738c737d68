import { describe, expect, it } from "vitest";
import { unreadLanguages } from "../../src/validate/unread.js";
import { bareModule, tree } from "../helpers/tree.js";

function dartTree() {
  const base = tree(["journal: core", "report: api", "math: core"], ["core", "api"]);
  const files: Record<string, string[]> = { journal: ["lib/ledger/journal.dart", "pubspec.lock"], report: ["assets/report.svg"], math: ["src/core/math.py"] };
  return { ...base, modules: base.modules.map((m) => bareModule(m.id, m.layer, files[m.id]!)) };
}

describe("unreadLanguages", () => {
  it("names the extensions of a module's files the check cannot read; none when one file is read", () => {
    const spec = dartTree();
    expect(unreadLanguages(spec, ["journal"])).toEqual([".dart", ".lock"]);
    expect(unreadLanguages(spec, ["math"])).toBeUndefined();
    expect(unreadLanguages(spec, ["journal", "report"])).toEqual([".dart", ".lock", ".svg"]);
    expect(unreadLanguages(spec, ["journal", "math"])).toBeUndefined();
  });

  it("answers a module once per tree: a run asks after every attempt, and the answer cannot change", () => {
    const spec = dartTree();
    const first = unreadLanguages(spec, ["journal"]);
    expect(unreadLanguages(spec, ["journal"])).toBe(first);
    // Another tree object (a reload) is asked afresh.
    expect(unreadLanguages({ ...spec }, ["journal"])).not.toBe(first);
  });
});
