import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { checkListSchema, checkSchema, gatesConfigSchema } from "../../src/validate/config.js";
import { checksFor as checksWith } from "../../src/validate/checks.js";
import { FRONT_MATTER_READERS } from "../../src/validate/front-matter.js";
import type { GatesConfig } from "../../src/validate/config.js";
import type { CheckConfig } from "../../src/validate/types.js";
import { tree } from "../helpers/tree.js";
import { moduleById } from "../../src/spec/by-id.js";

const check = (name: string, run = `echo ${name}`): CheckConfig => ({ name, kind: "command", run });
/** The run's reading: front matter validated as it is read. */
const checksFor = (...args: Parameters<typeof checksWith> extends [...infer A, unknown] ? A : never) => checksWith(...args, FRONT_MATTER_READERS);

describe("checkSchema", () => {
  it("accepts each kind with its own keys", () => {
    const list = [
      { name: "tests", kind: "command", run: "pytest -q {files}", timeoutMs: 60000 },
      { name: "coverage", kind: "coverage", min: 80, file: "coverage.xml", blocking: false },
      { name: "architecture", kind: "architecture" },
      { name: "review", kind: "review", blocking: false },
    ];
    expect(checkListSchema.parse(list)).toEqual(list);
  });

  it("rejects a command without run, keys of other kinds, unknown keys and bad values", () => {
    const messages = (value: unknown) => checkSchema.safeParse(value).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages({ name: "t", kind: "command" })).toEqual(["run: Expected `run` (a command line) in a command check, got nothing"]);
    expect(messages({ name: "a", kind: "architecture", run: "x", min: 3 })).toEqual([
      "run: Expected `run` only in a command check, got it in an architecture check",
      "min: Expected `min` only in a coverage check, got it in an architecture check",
    ]);
    expect(checkSchema.safeParse({ name: "c", kind: "coverage", min: 120 }).success).toBe(false);
    expect(checkSchema.safeParse({ name: "c", kind: "lint" }).success).toBe(false);
    expect(checkSchema.safeParse({ name: "c", kind: "review", extra: 1 }).success).toBe(false);
    expect(checkSchema.safeParse({ name: "", kind: "review" }).success).toBe(false);
  });

  it("wants names unique within a list", () => {
    const result = checkListSchema.safeParse([check("tests"), check("lint"), check("tests")]);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([[[2, "name"], "Expected check names to be unique in a gate, got `tests` twice"]]);
  });

  it("validates the gate keys of the config file", () => {
    const config = { gates: { module: [check("tests")] }, layers: { core: { gates: { layer: [check("layer")] } } }, modules: { a: { gates: {} } } };
    expect(gatesConfigSchema.parse(config)).toEqual(config);
    expect(gatesConfigSchema.safeParse({ gates: { modules: [] } }).success).toBe(false);
  });
});

describe("checksFor", () => {
  const spec = tree(["a: core", "b: core", "c: api"]);
  const config: GatesConfig = {
    gates: { module: [check("global")], layer: [check("global-layer")], system: [check("system")] },
    layers: { core: { gates: { module: [check("core-modules")], layer: [check("core-layer")] } } },
    modules: { b: { gates: { module: [check("b-only")] } } },
  };
  const names = (list: CheckConfig[]) => list.map((c) => c.name);

  it("takes the most specific list, whole: config module > layer > global", () => {
    expect(names(checksFor("module", "a", config, spec))).toEqual(["core-modules"]);
    expect(names(checksFor("module", "b", config, spec))).toEqual(["b-only"]);
    expect(names(checksFor("module", "c", config, spec))).toEqual(["global"]);
    expect(names(checksFor("layer", "core", config, spec))).toEqual(["core-layer"]);
    expect(names(checksFor("layer", "api", config, spec))).toEqual(["global-layer"]);
    expect(names(checksFor("system", "system", config, spec))).toEqual(["system"]);
    expect(checksFor("system", "system", {}, spec)).toEqual([]);
  });

  it("puts the module's front matter first, as a list or as { module: [...] }; an empty list means no checks", () => {
    spec.modules[0]!.frontMatter = { validation: [{ name: "own", kind: "architecture" }] };
    spec.modules[1]!.frontMatter = { validation: { module: [{ name: "own-b", kind: "command", run: "true" }] } };
    spec.modules[2]!.frontMatter = { validation: [] };
    expect(names(checksFor("module", "a", config, spec))).toEqual(["own"]);
    expect(names(checksFor("module", "b", config, spec))).toEqual(["own-b"]);
    expect(checksFor("module", "c", config, spec)).toEqual([]);
  });

  it("returns copies, so that callers cannot change the config", () => {
    const list = checksFor("system", "system", config, spec);
    list[0]!.run = "changed";
    expect(config.gates!.system![0]!.run).toBe("echo system");
  });

  it("names the spec file and key of invalid front matter", () => {
    const bad = tree(["a: core"]);
    const errorOf = (validation: unknown) => {
      bad.modules[0]!.frontMatter = { validation };
      try {
        checksFor("module", "a", {}, bad);
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error("expected a ConfigError");
    };
    const missingRun = errorOf([{ name: "t", kind: "command" }]);
    expect(missingRun).toBeInstanceOf(ConfigError);
    expect(missingRun.place).toEqual({ file: ".claude/layers/core/modules/A_AGENT.md", key: "validation.0.run" });
    expect(missingRun.message).toBe("Expected `run` (a command line) in a command check, got nothing");
    expect(errorOf("pytest").message).toBe("Expected `validation` to be a list of checks or `{ module: [...] }`, got string");
    const wrongKey = errorOf({ layer: [] });
    expect(wrongKey.place.key).toBe("validation.module");
    expect(wrongKey.message).toBe("`validation.module`: Invalid input: expected array, received undefined");
  });
});

describe("moduleById (the index checksFor looks modules up in)", () => {
  it("finds each module of a tree, once indexed, and a new tree's own modules", () => {
    const spec = tree(["a: core", "b: core", "c: api"]);
    expect(moduleById(spec, "b")).toBe(spec.modules[1]);
    expect(moduleById(spec, "c")?.layer).toBe("api");
    expect(moduleById(spec, "nope")).toBeUndefined();
    // Another tree object (a reload) is indexed on its own, not served from the first.
    const other = tree(["a: api"]);
    expect(moduleById(other, "a")).toBe(other.modules[0]);
    expect(moduleById(other, "b")).toBeUndefined();
    expect(moduleById(spec, "a")?.layer).toBe("core");
  });
});
