import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { SpecError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

/** Spec trees written the way other people write them: shapes seen only outside our examples. */

const CORE = ".claude/layers/core/modules";
const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core, then web.\n" };

function load(files: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...SYSTEM, ...files }), { cache: false });
}

function module(spec: SpecTree, id: string) {
  const m = spec.modules.find((x) => x.id === id);
  if (!m) throw new Error(`no module ${id}: ${spec.modules.map((x) => x.id).join(", ")}`);
  return m;
}

function deps(spec: SpecTree, id: string): string[] {
  return module(spec, id).dependencies.map((d) => d.id).sort();
}

function codes(spec: SpecTree): string[] {
  return spec.warnings.map((w) => `${w.code} ${w.file ?? ""}${w.line ? `:${w.line}` : ""}`);
}

describe("front matter of a Claude Code subagent", () => {
  it("a colon in `description` (YAML would refuse it) is read as text, and the tree loads", () => {
    const spec = load({
      [`${CORE}/STORE_AGENT.md`]: "---\nname: store-engineer\ndescription: Owns the store. Use for: saving, loading links.\ntools: Read, Edit, Bash(go test:*)\nmodel: sonnet\n---\n\n**Module**: `internal/store/store.go`\n",
      [`${CORE}/LINKS_AGENT.md`]: "---\nname: links\ndescription: Owns links: ids and lookups\ndepends_on: [store]\n---\n\n**Module**: `internal/links/links.go`\n",
    });
    expect(module(spec, "store").frontMatter).toMatchObject({ description: "Owns the store. Use for: saving, loading links.", tools: "Read, Edit, Bash(go test:*)", model: "sonnet" });
    expect(deps(spec, "links")).toEqual(["store"]);
  });

  it("a bad line under a key orchestrate reads is still the error, with its line", () => {
    const root = makeProject({ ...SYSTEM, [`${CORE}/LINKS_AGENT.md`]: "---\nname: links\nlayer: core: web\n---\n\n**Module**: `a.go`\n" });
    try {
      loadSpec(root, { cache: false });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).place).toMatchObject({ file: `${CORE}/LINKS_AGENT.md`, line: 3 });
    }
  });
});
