import fc from "fast-check";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { simpleYaml } from "../../src/spec/simple-yaml.js";

describe("simpleYaml: flat front matter without js-yaml", () => {
  it("reads the front matter specs write most", () => {
    expect(simpleYaml("owns: [pkg/core/m1_extra.py]\nlayer: core\ndepends_on: [money, ledger-io]\n")).toEqual({ owns: ["pkg/core/m1_extra.py"], layer: "core", depends_on: ["money", "ledger-io"] });
    expect(simpleYaml("")).toEqual({});
  });

  it("leaves the rest to js-yaml: quotes, comments, numbers, booleans, nesting, repeated keys", () => {
    for (const text of ["owns: ['a']", "a: b # c", "a: 1", "a: true", "a: [null]", "a:\n  - b", "a: b\na: c", "a: {b: c}", "a: ", "a:  b", "__proto__: x", "a: [b, ]"]) {
      expect(simpleYaml(text), text).toBeUndefined();
    }
  });

  const KEYS = ["owns", "depends_on", "layer", "agent", "validation", "a-b", "_x", "True", "null"];
  const VALUES = ["core", "pkg/a.py", "m1_extra.py", "true", "False", "NULL", "yes", "no", "on", "off", "1", "1.5", "0x1F", "2024-01-01", ".inf", "~", "a b", "'q'", "\"q\"", "a#b", "a #b", "-x", "x-", "a:b", "", " ", "[a, b]", "[]", "[ ]", "[a,b]", "[a, true]", "[1]", "[a, [b]]", "[a", "{a: b}", "*ref", "&anchor x", "!tag x", "Yes", "Off", "n", "y", "<<"];
  it("agrees with js-yaml on generated front matter wherever it answers", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { maxLength: 5 }), fc.boolean(), (pairs, finalNewline) => {
        const text = pairs.map(([k, v]) => `${k}: ${v}`).join("\n") + (finalNewline ? "\n" : "");
        const fast = simpleYaml(text);
        if (fast) expect(fast).toEqual(load(text) ?? {});
      }),
      { numRuns: 3000 },
    );
  });
});
