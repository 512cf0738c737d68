import { describe, expect, it } from "vitest";
import { excerptLog } from "../../src/logs/excerpt.js";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { fixture, specOf } from "./helpers.js";

// Captured: `node --test > file 2>&1` (Node 20.20.2; TAP is its reporter when stdout is no terminal) in /tmp/logcap/home/ci/cart.
const CART = specOf({ cart: ["src/cart.js"], checkout: ["src/checkout.js", "test/checkout.test.js"] }, "/work/cart");

describe("parseLog: node --test's TAP", () => {
  it("reads a failing test's YAML: the stack's frames innermost first, then its location; the failing suite adds nothing", () => {
    const errors = parseLog(fixture("node-test-tap.log"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ format: "node", message: "TypeError: Cannot read properties of undefined (reading 'rate')", line: 9 });
    expect(errors[0]!.frames.map((f) => `${f.file.replace("file:///tmp/logcap/home/ci/cart/", "")}:${f.line}`)).toEqual([
      "src/cart.js:6",
      "src/checkout.js:6",
      "test/checkout.test.js:10",
      "/tmp/logcap/home/ci/cart/test/checkout.test.js:9",
    ]);
  });

  it("maps to the module of the innermost project frame, and the excerpt holds the stack", () => {
    const text = fixture("node-test-tap.log");
    const errors = parseLog(text);
    expect(mapLogToModules(errors, CART).modules).toEqual(["cart", "checkout"]);
    expect(mapLogToModules(errors, CART).frames[0]).toMatchObject({ module: "cart", file: "src/cart.js", line: 6 });
    expect(excerptLog(text, errors)).toContain("Cart.total (file:///tmp/logcap/home/ci/cart/src/cart.js:6:33)");
  });
});
