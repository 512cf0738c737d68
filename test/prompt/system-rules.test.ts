import { describe, expect, it } from "vitest";
import type { PlanModule } from "../../src/plan/types.js";
import { buildContext } from "../../src/prompt/context.js";
import { rulesSections } from "../../src/prompt/system-rules.js";
import { countTokens } from "../../src/prompt/tokens.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const cart: PlanModule = { id: "cart", layer: "core", spec: "cart.md", files: ["src/cart.ts"], dependsOn: [], specText: "## Purpose\nHolds the basket.\n" };
const context = (root: string, maxTokens = 10_000) => buildContext({ root, module: cart, request: "r", modules: new Map([["cart", cart]]), maxTokens });
const SYSTEM = ["# Shop", "", "Layers: domain, then api.", "", "## 📐 Global Rules", "", "- Money is integer cents.", "", "### Coding conventions", "", "- Every public function has a test.", "", "## Execution", "", "```sh", "# Rules in a shell comment are no heading", "orchestrate run", "```", "", "## Constraints", "", "No network in tests.", ""].join("\n");

describe("the system spec's rules in every module's prompt", () => {
  it("are its sections headed as rules, conventions or constraints, to the next heading of their level", () => {
    expect(rulesSections(SYSTEM)).toBe("## 📐 Global Rules\n\n- Money is integer cents.\n\n### Coding conventions\n\n- Every public function has a test.\n\n## Constraints\n\nNo network in tests.");
    expect(rulesSections("# Shop\n\n## Mission\nSell things.\n")).toBeUndefined();
    // Long rules are cut at a line end.
    const long = rulesSections(`## Rules\n${"- a rule of some length\n".repeat(1000)}`)!;
    expect(long.length).toBeLessThan(8 * 1024 + 10);
    expect(long.endsWith("\n…")).toBe(true);
  });

  it("reach the prompt beside the project's instructions, named by the file they come from, and are read again once changed", () => {
    const root = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": SYSTEM });
    const alone = context(root);
    expect(alone.vars.instructions).toMatch(/^The system spec's rules \(`\.claude\/system\/SYSTEM_ORCHESTRATOR\.md`\):\n## 📐 Global Rules\n/);
    expect(alone.vars.instructionsFile).toBe(".claude/system/SYSTEM_ORCHESTRATOR.md");
    writeFiles(root, { "CLAUDE.md": "Use pnpm.\n", ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n\n## Rules\n\n- No floats for money.\n" });
    const both = context(root);
    expect(both.vars.instructions).toBe("Use pnpm.\n\nThe system spec's rules (`.claude/system/SYSTEM_ORCHESTRATOR.md`):\n## Rules\n\n- No floats for money.");
    expect(both.vars.instructionsFile).toBe("CLAUDE.md, .claude/system/SYSTEM_ORCHESTRATOR.md");
  });

  it("are read from a system spec kept in .claude/ itself, and are named when the budget leaves them out", () => {
    const root = makeProject({ ".claude/SYSTEM_ORCHESTRATOR.md": "# Shop\n\n## Rules\n\n".concat("- keep it small. ".repeat(100), "\n") });
    expect(context(root).vars.instructionsFile).toBe(".claude/SYSTEM_ORCHESTRATOR.md");
    const cut = context(root, countTokens(cart.specText!) + 20);
    expect(cut.vars.instructions).toBeUndefined();
    expect(cut.vars.instructionsFile).toBeUndefined();
    expect(cut.cut[0]).toMatch(/^the system spec's rules \(\d+ tokens\)$/);
  });
});
