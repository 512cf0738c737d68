import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject } from "../helpers/project.js";

/** A tree without module specs: `check`, `plan` and `run` agree: one line saying what was looked for and where, exit 2. */
describe("a spec tree with no module", () => {
  const emptyTree = () => makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n" });
  const because = (root: string) => `the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}; \`orchestrate init --from-code\` derives a tree from the project's code`;

  it("plan: one line and exit 2, as run, instead of an empty plan and exit 0", () => {
    const root = emptyTree();
    const why = because(root);
    for (const args of [["plan", "implement system"], ["plan", "implement system", "--json"]]) {
      const result = runCli([...args, "--project", root]);
      expect([result.code, result.stdout, result.stderr]).toEqual([2, "", `orchestrate: Nothing to plan: the plan has no modules (${why})\n`]);
    }
    const run = runCli(["run", "implement system", "--yes", "--project", root]);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, "", `orchestrate: Nothing to run: the plan has no modules (${why})\n`]);
    expect(existsSync(join(root, ".orchestrate", "state.db"))).toBe(false);
  });

  it("plan of a layer without modules in a tree with some: says which layer, exit 2", async () => {
    const some = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n", ".claude/layers/app/modules/SHOP_AGENT.md": "# Shop\n\n**Module**: `shop.py`\n" });
    const result = await cliHere(["plan", "implement", "--scope", "layer/core", "--project", some]);
    expect([result.code, result.stderr]).toEqual([2, "orchestrate: Nothing to plan: the plan has no modules (layer `core` has no module specs)\n"]);
  });

  it("a project of Claude Code subagents (.claude/agents/): told that they are not module specs, and how to make a tree", async () => {
    const root = makeProject({ ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n", ".claude/agents/tester.md": "---\nname: tester\n---\nYou test.\n" });
    const result = await cliHere(["plan", "implement system", "--project", root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `orchestrate: Nothing to plan: the plan has no modules (the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}; .claude/agents/ holds 2 Claude Code subagents, not module specs; \`orchestrate init --from-code\` derives a tree from the project's code)\n`,
    );
  });

  it("subagents named for modules (`money-agent.md`): told what makes one a module spec (what it owns, or a name)", async () => {
    const root = makeProject({ ".claude/agents/money-agent.md": "---\nname: money-agent\n---\nYou own packages/money.\n", ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\n---\nYou review.\n" });
    const result = await cliHere(["check", "--project", root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "; .claude/agents/ holds 2 Claude Code subagents, not module specs (one named for a module is read as its spec once it says what it owns, a `files:` key in its front matter listing the module's paths, or once renamed: .claude/agents/money-agent.md -> .claude/agents/MONEY_AGENT.md);",
    );
  });

  it("layer specs that list their modules in a table (no module spec files): planned, checked at the rows, prompted", async () => {
    const table = (rows: string) => `# Layer\n\nNo module here prints.\n\n| Module | Files | Depends on |\n|---|---|---|\n${rows}\n`;
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/CORE_ORCHESTRATOR.md": table("| `store` | src/notes/store/db.py | — |\n| Note Index | src/notes/index.py | store |"),
      ".claude/layers/app/APP_ORCHESTRATOR.md": table("| cli | src/notes/cli/main.py | store, search |"),
    });
    const plan = await cliHere(["plan", "implement system", "--project", root]);
    expect([plan.code, plan.stderr]).toEqual([0, ""]);
    expect(plan.stdout).toContain("3 modules in 2 layers");
    const check = await cliHere(["check", "--project", root]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(".claude/layers/app/APP_ORCHESTRATOR.md:7  UNRESOLVED_DEPENDENCY  cli: `search`");
    expect(check.stdout).toContain(".claude/layers/core/CORE_ORCHESTRATOR.md:8  NOT_YET_PRESENT  note_index: `src/notes/index.py`");
    const prompt = await cliHere(["plan", "--prompt", "note_index", "--project", root]);
    expect(prompt.code).toBe(0);
    expect(prompt.stdout).toContain("- Depends on: `store`");
    expect(prompt.stdout).toContain("No module here prints.");
  });

  it("module specs put where no layer is read (in .claude/ itself, two folders down): named, with where they go", async () => {
    const root = makeProject({ ".claude/ORDERS_AGENT.md": "# Orders\n", ".claude/agents/billing/PAY_AGENT.md": "# Pay\n", ".claude/agents/reviewer.md": "---\nname: reviewer\n---\nYou review code.\n" });
    const result = await cliHere(["plan", "implement system", "--project", root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `orchestrate: Nothing to plan: the plan has no modules (the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}; .claude/ORDERS_AGENT.md, .claude/agents/billing/PAY_AGENT.md are module specs outside it: move them into a layer's folder, .claude/layers/<layer>/modules/; .claude/agents/ holds a Claude Code subagent, not module specs; \`orchestrate init --from-code\` derives a tree from the project's code)\n`,
    );
  });

  it("a tree without .claude/layers (a flat .claude/modules/, .claude/agents/ beside subagents) plans, each folder a layer", async () => {
    const root = makeProject({ ".claude/modules/ORDERS_AGENT.md": "# Orders\n\n**Depends on:** pay\n", ".claude/agents/PAY_AGENT.md": "# Pay\n", ".claude/agents/reviewer.md": "---\nname: reviewer\n---\nYou review code.\n" });
    const result = await cliHere(["plan", "implement system", "--project", root]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toContain("1. agents: pay");
    expect(result.stdout).toContain("2. modules: orders");
  });

  it("check: an error (exit 2), not a warning (exit 1), in text and JSON", async () => {
    const root = emptyTree();
    const why = because(root);
    const text = await cliHere(["check", "--project", root]);
    expect([text.code, text.stdout, text.stderr]).toEqual([2, "", `orchestrate: No modules: ${why}\n`]);
    const json = await cliHere(["check", "--json", "--project", root]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ code: "SPEC_MISSING", message: `No modules: ${why}` }] });
  });
});
