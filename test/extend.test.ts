import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { extend } from "../src/extend.js";

// V8's own test intrinsic: whether two objects have the same hidden class (map).
setFlagsFromString("--allow-natives-syntax");
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

describe("extend", () => {
  it("is the spread: the same keys in the same order, a later value winning", () => {
    const base = { id: "m1", layer: "core", files: ["a.py"], ok: true };
    const made = extend(base, { ok: false, gate: { ok: true } });
    expect(made).toEqual({ ...base, ok: false, gate: { ok: true } });
    expect(Object.keys(made)).toEqual(Object.keys({ ...base, ok: false, gate: { ok: true } }));
    expect(made).not.toBe(base);
    expect(base.ok).toBe(true);
  });

  it("gives the objects it makes from one shape one hidden class (a spread gives each its own once warm)", () => {
    const made = Array.from({ length: 50 }, (_, i) => extend({ id: `m${i}`, layer: "core", files: [`f${i}.py`] }, { body: `text ${i}` }));
    for (const m of made.slice(1)) expect(haveSameMap(made[0]!, m)).toBe(true);
  });
});
