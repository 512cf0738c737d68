import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { makeProject } from "../helpers/project.js";

/** Specs put elsewhere in `.claude/` than orchestrate reads them: `check` names each. */

const SUBAGENT = "---\nname: code-reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n\nYou review code.\n";

function unread(files: Record<string, string>): [string, string][] {
  return unreadSpecs(loadSpec(makeProject(files))).map((w) => [w.file!, w.message]);
}

describe("specs outside .claude/layers", () => {
  it("a <NAME>_AGENT.md under .claude/agents (at any depth) is named, with where module specs go", () => {
    const layers = { ".claude/layers/core/MONEY_AGENT.md": "# Money\n" };
    expect(unread({ ...layers, ".claude/agents/BILLING_AGENT.md": "# Billing\n", ".claude/agents/core/LEDGER_AGENT.md": "# Ledger\n" })).toEqual([
      [".claude/agents/BILLING_AGENT.md", "Not read: module specs are read from .claude/layers/<layer>/ (or its modules/ folder)"],
      [".claude/agents/core/LEDGER_AGENT.md", "Not read: module specs are read from .claude/layers/<layer>/ (or its modules/ folder)"],
    ]);
    // Without .claude/layers, .claude/agents/ is read as a layer: a spec in a folder under it is told as in a layer's folder.
    expect(unread({ ".claude/agents/BILLING_AGENT.md": "# Billing\n", ".claude/agents/core/LEDGER_AGENT.md": "# Ledger\n" })).toEqual([
      [".claude/agents/core/LEDGER_AGENT.md", "Not read: a module spec goes in its layer's folder or under its modules/ folder (.claude/agents/ or .claude/agents/modules/)"],
    ]);
  });

  it("Claude Code subagents in a tree with no module: one line on the folder, pointing at init --from-code", () => {
    expect(unread({ ".claude/agents/code-reviewer.md": SUBAGENT, ".claude/agents/test-runner.md": SUBAGENT, ".claude/commands/deploy.md": "Deploy.\n" })).toEqual([
      [".claude/agents", "Not read: 2 Claude Code subagents are not module specs: orchestrate reads .claude/layers/<layer>/<NAME>_AGENT.md, and `orchestrate init --from-code` writes them from your code"],
    ]);
  });

  it("subagents beside a tree that has modules are left alone, as are commands and the system spec", () => {
    expect(
      unread({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
        ".claude/layers/core/modules/CLOCK_AGENT.md": "# Clock\n\n**Module**: `pkg/clock.py`\n",
        ".claude/agents/code-reviewer.md": SUBAGENT,
        ".claude/commands/review.md": "Review.\n",
      }),
    ).toEqual([]);
  });
});

describe("a module's own folder with a spec not read", () => {
  it("`modules/<name>/AGENTS.md` is named with the spec name its folder gives (`NOTES_AGENT.md`), not `_AGENT.md`", () => {
    expect(unread({ ".claude/layers/core/modules/notes/AGENTS.md": "# Notes\n", ".claude/layers/core/modules/A_AGENT.md": "# A\n" })).toEqual([
      [".claude/layers/core/modules/notes/AGENTS.md", "Not read: a module spec is named <NAME>_AGENT.md (NOTES_AGENT.md)"],
    ]);
  });
});
