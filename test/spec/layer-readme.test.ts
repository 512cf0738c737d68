import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { makeProject } from "../helpers/project.js";

// People describe a layer in its folder's README: it is the layer's spec when no `_ORCHESTRATOR.md` is there.
const spec = (title: string, lines: string[]) => `# ${title}\n\n${lines.join("\n")}\n`;
const LAYER_README = "# Domain\n\nThe rules of the garden planner.\n\n## Forbidden Imports\n- `src/web/`\n";

describe("a layer described in its folder's README", () => {
  it("reads `.claude/layers/<layer>/README.md` as the layer's spec, with its import rules", () => {
    const tree = loadSpec(
      makeProject({
        ".claude/layers/domain/README.md": LAYER_README,
        ".claude/layers/domain/modules/BEDS_AGENT.md": spec("Beds", ["**Files:** `src/beds.ts`"]),
        // A module's own folder's README is no layer's spec, and not a module's.
        ".claude/layers/domain/modules/seeds/AGENT.md": spec("Seeds", ["**Files:** `src/seeds.ts`"]),
        ".claude/layers/domain/modules/seeds/README.md": "# Seeds notes\n\n## Forbidden Imports\n- `src/db/`\n",
      }),
    );
    const [layer] = tree.layers;
    expect(tree.layers.map((l) => [l.id, l.specFile, l.orchestrator])).toEqual([["domain", ".claude/layers/domain/README.md", "domain/README"]]);
    expect(layer!.forbiddenImports.map((r) => r.pattern)).toEqual(["src/web/"]);
    expect(tree.modules.map((m) => [m.id, m.specFile])).toEqual([
      ["beds", ".claude/layers/domain/modules/BEDS_AGENT.md"],
      ["seeds", ".claude/layers/domain/modules/seeds/AGENT.md"],
    ]);
  });

  it("keeps the `_ORCHESTRATOR.md` when the folder has both", () => {
    const tree = loadSpec(
      makeProject({
        ".claude/layers/domain/DOMAIN_ORCHESTRATOR.md": "# Domain\n",
        ".claude/layers/domain/README.md": LAYER_README,
        ".claude/layers/domain/BEDS_AGENT.md": spec("Beds", ["**Files:** `src/beds.ts`"]),
      }),
    );
    expect(tree.layers[0]!.specFile).toBe(".claude/layers/domain/DOMAIN_ORCHESTRATOR.md");
    expect(tree.layers[0]!.forbiddenImports).toEqual([]);
  });

  it("reads a README in a folder of .claude/ read as a layer, not one in .claude/ itself or a folder without modules", () => {
    const tree = loadSpec(
      makeProject({
        ".claude/README.md": "# About these specs\n",
        ".claude/domain/README.md": LAYER_README,
        ".claude/domain/BEDS_AGENT.md": spec("Beds", ["**Files:** `src/beds.ts`"]),
        ".claude/notes/README.md": "# Notes\n",
      }),
    );
    expect(tree.layers.map((l) => [l.id, l.specFile])).toEqual([["domain", ".claude/domain/README.md"]]);
    expect(tree.layers[0]!.forbiddenImports.map((r) => r.pattern)).toEqual(["src/web/"]);
    expect(unreadSpecs(tree)).toEqual([]);
  });
});
