import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import { ownsFiles } from "../../src/spec/subagent-modules.js";
import { planRequest } from "../../src/plan/request.js";
import { makeProject } from "../helpers/project.js";

// Claude Code subagents in .claude/agents/: two named for modules that say what they own, one named for
// a module that owns nothing (docs-agent.md) and one named for a task (code-reviewer.md).
const FIXTURE = join(import.meta.dirname, "../fixtures/trees/subagents");

describe("a subagent named for a module (`ledger-agent.md`)", () => {
  it("is a module spec when it says what the module owns; others stay subagents", () => {
    const tree = loadSpec(FIXTURE);
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["agents", ["ledger", "money"]]]);
    const ledger = tree.modules.find((m) => m.id === "ledger")!;
    expect(ledger).toMatchObject({ specFile: ".claude/agents/ledger-agent.md", files: ["src/ledger/"], fileLines: { "src/ledger/": 4 } });
    expect(ledger.dependencies.map((d) => d.id)).toEqual(["money"]);
    expect(tree.modules.find((m) => m.id === "money")!.files).toEqual(["src/money/amount.py"]);
  });

  it("is read by the same rule in a layer's own agents/ folder, and one that comes to own files is listed again", () => {
    const root = makeProject({
      ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n",
      ".claude/layers/core/agents/ledger-agent.md": "---\nname: ledger-agent\nfiles:\n  - src/ledger/\n---\nYou keep the books.\n",
      ".claude/layers/core/agents/docs-agent.md": "---\nname: docs-agent\n---\nYou write docs.\n",
      ".claude/layers/core/agents/code-reviewer.md": "---\nname: code-reviewer\nfiles: any\n---\nYou review.\n",
    });
    const tree = loadSpec(root, { cache: true });
    saveSpecCache(tree);
    expect(tree.layers.map((l) => [l.id, l.modules])).toEqual([["core", ["ledger"]]]);
    expect(tree.modules[0]).toMatchObject({ specFile: ".claude/layers/core/agents/ledger-agent.md", files: ["src/ledger/"] });
    writeFileSync(join(root, ".claude/layers/core/agents/docs-agent.md"), "---\nname: docs-agent\nowns: docs/\n---\nYou write docs.\n");
    expect(loadSpec(root, { cache: true }).layers[0]!.modules).toEqual(["docs", "ledger"]);
  });

  it("is routed to by its front matter description", () => {
    const plan = planRequest(loadSpec(FIXTURE), "the account balances are off after a journal entry");
    expect(plan.modules.map((m) => m.id)).toEqual(["ledger"]);
  });

  it("owns files by a `files:`/`owns:` key of its front matter, or a Files / Owned Files heading or field", () => {
    expect(ownsFiles("---\nname: a-agent\nfiles:\n  - src/a/\n---\nYou own a.\n")).toBe(true);
    expect(ownsFiles("---\nname: a-agent\nowns: src/a.py\n---\n")).toBe(true);
    expect(ownsFiles("---\nname: a-agent\n---\n## Owned Files\n\n- `src/a.py`\n")).toBe(true);
    expect(ownsFiles("---\nname: a-agent\n---\n**Files:** `src/a.py`\n")).toBe(true);
    expect(ownsFiles("---\nname: a-agent\ndescription: Edits files of the project\n---\nYou edit the files you are given.\n")).toBe(false);
    // A `files:` line in the body is prose, not front matter.
    expect(ownsFiles("---\nname: a-agent\n---\nfiles: any\n")).toBe(false);
  });
});
