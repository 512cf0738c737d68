import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { FRONT_MATTER_READERS } from "../../src/validate/front-matter.js";
import { checkFrontMatter, hasCheckedKeys, NO_CHECKED_KEYS } from "../../src/validate/front-matter-readers.js";
import { tree } from "../helpers/tree.js";

describe("checkFrontMatter (the front matter validators, loaded when a module needs them)", () => {
  it("a tree whose modules have no `validation:` or `mcp_servers:` reads what the validating readers read, without them", async () => {
    const spec = tree(["a: core", "b: core <- a"]);
    spec.modules[1]!.frontMatter = { depends_on: ["a"], validation: null };
    expect(hasCheckedKeys(spec)).toBe(false);
    expect(await checkFrontMatter(spec)).toBe(NO_CHECKED_KEYS);
    for (const m of spec.modules) {
      expect(NO_CHECKED_KEYS.checks(m.frontMatter["validation"], m.specFile)).toEqual(FRONT_MATTER_READERS.checks(m.frontMatter["validation"], m.specFile));
      expect(NO_CHECKED_KEYS.mcpServers(m.frontMatter, m.specFile)).toEqual(FRONT_MATTER_READERS.mcpServers(m.frontMatter, m.specFile));
    }
  });

  it("a module with either key: validated up front (ConfigError naming the spec), then read by the validating readers", async () => {
    for (const frontMatter of [{ validation: [{ name: "t", kind: "command", run: "true" }] }, { mcp_servers: { docs: { command: "docs-server" } } }, { mcpServers: {} }]) {
      const spec = tree(["a: core"]);
      spec.modules[0]!.frontMatter = frontMatter;
      expect(hasCheckedKeys(spec)).toBe(true);
      expect(await checkFrontMatter(spec)).toBe(FRONT_MATTER_READERS);
    }
    const bad = tree(["a: core"]);
    bad.modules[0]!.frontMatter = { validation: [{ name: "t", kind: "bogus" }] };
    const error = await checkFrontMatter(bad).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ place: { file: bad.modules[0]!.specFile, key: "validation.0.kind" } });
  });
});
