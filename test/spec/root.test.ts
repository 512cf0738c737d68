import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findProjectRoot } from "../../src/spec/root.js";
import { makeProject } from "../helpers/project.js";

describe("findProjectRoot", () => {
  it("finds the project from a folder inside it, as git does, past a package's own Claude Code .claude/", () => {
    const root = makeProject({ ".claude/layers/core/modules/CLOCK_AGENT.md": "# Clock\n", "packages/web/.claude/settings.json": "{}\n", "packages/web/src/app.ts": "" });
    expect(findProjectRoot(root)).toBe(root);
    expect(findProjectRoot(join(root, "packages/web/src"))).toBe(root);
    expect(findProjectRoot(join(root, "packages/web"))).toBe(root);
    expect(findProjectRoot(join(root, ".claude"))).toBe(root);
  });

  it("a .claude/ with no spec tree anywhere above is still the project (a tree not written yet); none at all is SPEC_MISSING", () => {
    const root = makeProject({ ".claude/settings.json": "{}\n" });
    mkdirSync(join(root, "src"));
    expect(findProjectRoot(root)).toBe(root);
    expect(() => findProjectRoot(join(root, "src"))).toThrow(/No \.claude\/ folder in .*src: expected \.claude\/system and \.claude\/layers/);
  });

  it("finds a tree written without .claude/system and .claude/layers from a folder inside it: module specs in .claude/agents/, or its system spec in .claude/", () => {
    const agents = makeProject({ ".claude/agents/STATS_AGENT.md": "# Stats\n", ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\n---\n", "shelf/stats.py": "" });
    expect(findProjectRoot(join(agents, "shelf"))).toBe(agents);
    const system = makeProject({ ".claude/SYSTEM_ORCHESTRATOR.md": "# Shelf\n", "shelf/stats.py": "" });
    expect(findProjectRoot(join(system, "shelf"))).toBe(system);
    // Claude Code's subagents alone are no spec tree: a package's .claude/ is passed by.
    const outer = makeProject({ ".claude/agents/STATS_AGENT.md": "# Stats\n", "packages/web/.claude/agents/code-reviewer.md": "# Reviewer\n", "packages/web/src/app.ts": "" });
    expect(findProjectRoot(join(outer, "packages/web/src"))).toBe(outer);
  });
});
