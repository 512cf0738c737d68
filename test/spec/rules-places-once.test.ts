import { describe, expect, it, vi } from "vitest";
import { makeProject, moduleSpec } from "../helpers/project.js";

/** One entry (its blocks' count) for each spec whose rules-looking places were looked for. */
const { looked } = vi.hoisted(() => ({ looked: [] as number[] }));

vi.mock("../../src/spec/sections.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/spec/sections.js")>();
  return {
    ...real,
    rulesLookingPlaces: (...args: Parameters<typeof real.rulesLookingPlaces>) => {
      looked.push(args[0].length);
      return real.rulesLookingPlaces(...args);
    },
  };
});

const { loadSpec } = await import("../../src/spec/load.js");

const L = ".claude/layers/core/modules";

describe("import rules that look unread", () => {
  it("are looked for only in a spec none of whose rules were read, and still said there", () => {
    const root = makeProject({
      // Rules read: the heading looks like rules, and the note it would make is never made.
      [`${L}/READ_AGENT.md`]: moduleSpec({ module: "pkg/read.py", body: "## Forbidden Imports\n- `pkg.ui`\n" }),
      // None read under a heading that looks like rules: the note.
      [`${L}/UNREAD_AGENT.md`]: moduleSpec({ module: "pkg/unread.py", body: "## Import Rules\nKeep it tidy.\n" }),
    });
    looked.length = 0;
    const tree = loadSpec(root);
    expect(tree.modules.find((m) => m.id === "read")!.forbiddenImports.map((r) => r.pattern)).toEqual(["pkg.ui"]);
    expect(tree.warnings.filter((w) => w.code === "IMPORT_RULES_UNREAD").map((w) => [w.file, w.line])).toEqual([[`${L}/UNREAD_AGENT.md`, 6]]);
    expect(looked).toHaveLength(1);
  });
});
