import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject } from "../helpers/project.js";

// The layer spec `init --from-code` writes: a table of its modules by id and primary file (no Files column),
// after the user renamed MAIN_AGENT.md to CLI_AGENT.md and left the table's row as it was.
const LAYER = [
  "# INTERFACE_ORCHESTRATOR",
  "",
  "## Modules",
  "",
  "| Module | Primary file | Depends on |",
  "|--------|--------------|------------|",
  "| main | `src/brew/cli/main.py` | errors |",
  "",
].join("\n");

const CLI = "# CLI_AGENT\n\n**Module**: `src/brew/cli/main.py`\n\n## Purpose\n\nThe command line.\n";

describe("a layer spec's table row left behind by a renamed module spec (real18)", () => {
  it("is NO_FILES at the row's line, saying it is a row to give files or delete: before, 'add a **Module** path' with no line", () => {
    const tree = loadSpec(makeProject({ ".claude/layers/interface/INTERFACE_ORCHESTRATOR.md": LAYER, ".claude/layers/interface/modules/CLI_AGENT.md": CLI }));
    expect(tree.modules.map((m) => m.id).sort()).toEqual(["cli", "main"]);
    const warning = tree.warnings.find((w) => w.code === "NO_FILES");
    expect(warning).toEqual({
      code: "NO_FILES",
      message:
        "main names no files: it is declared only by its row in this layer spec's table of modules, which names no files for it, and it has no spec file of its own; give the row its files (a Files column) or the module a spec, or delete the row if the module was renamed or removed",
      file: ".claude/layers/interface/INTERFACE_ORCHESTRATOR.md",
      line: 7,
    });
  });
});
