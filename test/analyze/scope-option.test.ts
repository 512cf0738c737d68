import { describe, expect, it } from "vitest";
import { parseScopeOption } from "../../src/analyze/scope-option.js";
import { tree } from "../helpers/tree.js";

// `--scope` as people mistype it: the error says which forms are expected and, for a name, the nearest ones.
const spec = tree(["order_book: core", "portfolio: core", "http: api"]);
const error = (value: string): string => {
  try {
    parseScopeOption(value, spec);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`Expected --scope ${value} to be refused`);
};
const FORMS = "`system`, `layer/<name>` or `module/<name>[,<name>]`";

describe("--scope written wrong", () => {
  it("a kind with no name after it says which forms are expected and lists the names", () => {
    expect(error("module/")).toBe(`Expected \`--scope\` to be ${FORMS}, got \`module/\` with no module named after it; modules: order_book, portfolio, http`);
    expect(error("layer/")).toBe(`Expected \`--scope\` to be ${FORMS}, got \`layer/\` with no layer named after it; layers: api, core`);
    expect(error("modules")).toMatch(/^Expected `--scope` to be .*, got `modules` with no module named after it/);
  });

  it("an empty entry (a trailing or doubled comma) is refused, not dropped", () => {
    expect(error("module/portfolio,")).toBe(`Expected \`--scope\` to be ${FORMS}, got \`module/portfolio,\`, which has an empty entry between or after its commas`);
    expect(error("module/portfolio,,http")).toMatch(/which has an empty entry/);
  });

  it("an unknown name lists the known ones and the nearest", () => {
    expect(error("module/order_bok")).toBe("Unknown module `order_bok` in `--scope`; modules: order_book, portfolio, http; nearest: `order_book`");
    expect(error("modules/portfolo,http")).toBe("Unknown module `portfolo` in `--scope`; modules: order_book, portfolio, http; nearest: `portfolio`");
    expect(error("layer/cor")).toBe("Unknown layer `cor` in `--scope`; layers: api, core; nearest: `core`");
    expect(error("module/order")).toMatch(/; nearest: `order_book`$/);
    expect(error("module/zzz")).toBe("Unknown module `zzz` in `--scope`; modules: order_book, portfolio, http");
  });

  it("a bare word is tried as module, layer and `system`", () => {
    expect(error("systm")).toBe("Unknown module or layer `systm` in `--scope`; modules: order_book, portfolio, http; layers: api, core; nearest: `system`");
    expect(error("htp")).toMatch(/; nearest: `module\/http`$/);
  });

  it("well-formed scopes still parse", () => {
    expect(parseScopeOption("Module/order_book,http", spec)).toEqual({ kind: "modules", ids: ["order_book", "http"] });
    expect(parseScopeOption("layer/core", spec)).toEqual({ kind: "layer", id: "core" });
    expect(parseScopeOption("system", spec)).toEqual({ kind: "system" });
  });
});
