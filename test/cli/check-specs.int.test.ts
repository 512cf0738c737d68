import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// The hand-written backtester tree (test/fixtures/trees/freeform): pkg/portfolio.py is
// named by the portfolio spec but not written yet.
const ROOT = join(import.meta.dirname, "../fixtures/trees/freeform");
const PORTFOLIO = ".claude/layers/core/modules/PORTFOLIO_AGENT.md";

describe("orchestrate check on a hand-written tree", () => {
  it("lists owned paths not yet present with file:line, apart from the warnings", () => {
    const { code, stdout } = runCli(["check", "--project", ROOT]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${PORTFOLIO}:10  DEPENDS_ON_UNRESOLVED  portfolio: nothing under this "Depends On" heading names a module`);
    expect(stdout).toContain(`${PORTFOLIO}:14  IMPORT_RULES_UNREAD  portfolio: "Import Rules" looks like import rules, but none could be read`);
    expect(stdout).toContain(`Not yet present (1)\n  · ${PORTFOLIO}:3  NOT_YET_PRESENT  portfolio: \`pkg/portfolio.py\` (its **Module** path) is not yet present in the project\n`);
    expect(stdout).toMatch(/6 modules in 3 layers: 2 warnings, owned paths of 1 module not yet present\n$/);
  });

  it("--json lists them as warnings with code, file and line", async () => {
    const json = JSON.parse((await cliHere(["check", "--project", ROOT, "--json"])).stdout);
    expect(json.ok).toBe(false);
    expect(json.warnings).toContainEqual({ code: "NOT_YET_PRESENT", message: "portfolio: `pkg/portfolio.py` (its **Module** path) is not yet present in the project", file: PORTFOLIO, line: 3 });
  });

  it("a module none of whose paths exist is one line; a tree whose only findings are those is clean: exit 0, ok", async () => {
    const root = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/modules/CLOCK_AGENT.md": moduleSpec({ module: "pkg/clock.py", related: ["pkg/calendars/"] }) });
    const text = await cliHere(["check", "--project", root]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      "Not yet present (1)\n" +
        "  · .claude/layers/core/modules/CLOCK_AGENT.md:4  NOT_YET_PRESENT  clock: none of its 2 owned paths is present yet: `pkg/clock.py` (its **Module** path), `pkg/calendars/`\n" +
        "✓ 1 module in 1 layer: no problems found (owned paths of 1 module not yet present)\n",
    );
    const json = await cliHere(["check", "--project", root, "--json"]);
    expect([json.code, JSON.parse(json.stdout).ok]).toEqual([0, true]);
  });
});

describe("orchestrate check: spec files it does not read", () => {
  it("names each one with where specs are read from; plan stays free of the walk", async () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/system/NOTES.md": "# not a spec\n",
      ".claude/layers/core/modules/CLOCK_AGENT.md": moduleSpec({ module: "pkg/clock.py" }),
      ".claude/layers/core/modules/calendar.md": moduleSpec({ module: "pkg/calendar.py" }),
      ".claude/layers/core/CORE_LAYER.md": "# Core layer\n## Forbidden Imports\n- `pkg.web`\n",
      ".claude/layers/core/notes.md": "# notes\n",
      ".claude/layers/core/specs/TIMER_AGENT.md": moduleSpec({ module: "pkg/timer.py" }),
      ".claude/layers/ALARM_AGENT.md": moduleSpec({ module: "pkg/alarm.py" }),
      ".claude/layers/web/API_ORCHESTRATOR.md": "# API\n",
      ".claude/layers/web/WEB_ORCHESTRATOR.md": "# Web\n",
      "pkg/clock.py": "",
    });
    const json = JSON.parse((await cliHere(["check", "--project", root, "--json"])).stdout) as { warnings: { code: string; message: string; file: string }[] };
    const unread = json.warnings.filter((w) => w.code === "SPEC_NOT_READ").map((w) => [w.file, w.message]);
    expect(unread).toEqual([
      [".claude/layers/ALARM_AGENT.md", "Not read: a module spec goes in a layer's folder: .claude/layers/<layer>/ or .claude/layers/<layer>/modules/"],
      [".claude/layers/core/CORE_LAYER.md", "Not read: a layer's spec is named <LAYER>_ORCHESTRATOR.md (CORE_ORCHESTRATOR.md)"],
      [".claude/layers/core/modules/calendar.md", "Not read: a module spec is named <NAME>_AGENT.md (CALENDAR_AGENT.md), or says what it owns (front matter `files:`, `paths:` or `globs:`, or a Files section)"],
      [".claude/layers/core/specs/TIMER_AGENT.md", "Not read: a module spec goes in its layer's folder or under its modules/ folder (.claude/layers/core/modules/)"],
      [".claude/layers/web/WEB_ORCHESTRATOR.md", "Not read: a layer has one spec, and .claude/layers/web/API_ORCHESTRATOR.md is read"],
    ]);
    const text = await cliHere(["check", "--project", root]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(".claude/layers/core/modules/calendar.md  SPEC_NOT_READ  Not read: a module spec is named <NAME>_AGENT.md (CALENDAR_AGENT.md)");
    const plan = JSON.parse((await cliHere(["plan", "implement system", "--project", root, "--json"])).stdout) as { warnings: { code: string }[] };
    expect(plan.warnings.some((w) => w.code === "SPEC_NOT_READ")).toBe(false);
  });
});

describe("orchestrate check: workspace.share", () => {
  const tree = (config: string) =>
    makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/modules/CLOCK_AGENT.md": moduleSpec({ module: "src/clock.rs" }), "src/clock.rs": "fn main() {}\n", "orchestrate.config.yaml": config });

  it("warns, at its line, of a shared build tool's output folder, which a sandboxed gate cannot write", async () => {
    const { code, stdout } = await cliHere(["check", "--project", tree("agent: claude-code\nworkspace:\n  share: [target, node_modules]\n")]);
    expect(code).toBe(1);
    expect(stdout).toContain("orchestrate.config.yaml:3  SHARED_BUILD_OUTPUT  workspace.share lists `target`, which cargo (or maven) writes while a gate builds or tests: a shared path is read-only to gates in the sandbox, so every gate fails (Read-only file system); leave it out of workspace.share (each worktree then builds its own), or set gates.sandbox: false\n");
    expect(stdout).not.toContain("`node_modules`");
  });

  it("says nothing when gates run unconfined", async () => {
    const { code, stdout } = await cliHere(["check", "--project", tree("agent: claude-code\ngates: { sandbox: false }\nworkspace: { share: [target] }\n")]);
    expect([code, stdout]).toEqual([0, "✓ 1 module in 1 layer: no problems found\n"]);
  });
});

describe("orchestrate check on a tree whose system spec draws the dependencies", () => {
  it("lists what it read from the Mermaid graph apart from the warnings, and stays clean", async () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n\n```mermaid\ngraph TD\n  api --> store\n  store --> PG[(Postgres)]\n```\n",
      ".claude/layers/core/STORE_AGENT.md": moduleSpec({ module: "src/store.ts" }),
      ".claude/layers/core/API_AGENT.md": moduleSpec({ module: "src/api.ts" }),
      "src/store.ts": "",
      "src/api.ts": "",
    });
    const { code, stdout } = await cliHere(["check", "--project", root]);
    expect([code, stdout]).toEqual([
      0,
      "Read from diagrams (1)\n  · .claude/system/SYSTEM_ORCHESTRATOR.md:3  DEPENDENCIES_FROM_DIAGRAM  the Mermaid graph gives 1 dependency (`A --> B` read as A depends on B): api → store; nodes that name no module, not read: Postgres\n✓ 2 modules in 1 layer: no problems found\n",
    ]);
    const json = JSON.parse((await cliHere(["check", "--project", root, "--json"])).stdout) as { ok: boolean; notes: { code: string }[] };
    expect([json.ok, json.notes.map((n) => n.code)]).toEqual([true, ["DEPENDENCIES_FROM_DIAGRAM"]]);
  });
});

describe("orchestrate check on a monorepo with both .claude/layers and package specs", () => {
  it("lists the package specs it read as modules under their own heading, and stays clean", async () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n",
      ".claude/layers/core/STORE_AGENT.md": moduleSpec({ module: "packages/store/index.ts" }),
      "packages/store/index.ts": "",
      "packages/store/CLAUDE.md": "# Working in store\n",
      "packages/mailer/CLAUDE.md": "# Mailer\nSends mail.\n",
      "packages/mailer/index.ts": "",
    });
    const { code, stdout } = await cliHere(["check", "--project", root]);
    expect([code, stdout]).toEqual([
      0,
      "Read from package folders (1)\n  · packages/mailer/CLAUDE.md  PACKAGE_SPEC_READ  module `mailer` (layer `packages`): its package's spec, read beside .claude/layers, since no spec there owns a path in packages/mailer/\n✓ 2 modules in 2 layers: no problems found\n",
    ]);
  });
});

describe("orchestrate check on a tree whose system spec lists modules and draws its layers", () => {
  it("lists the modules planned from the system spec under their own heading; a layer graph against the planned order is a warning at its arrow", async () => {
    const system = "# Shop\n\nLayer order: core, app\n\n```mermaid\nflowchart TD\n  core --> app\n```\n\n## Modules\n\n| Module | Layer | Files |\n|---|---|---|\n| store | core | `src/store/` |\n| search | core | `src/search/` |\n";
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": system,
      ".claude/layers/core/modules/STORE_AGENT.md": moduleSpec({ module: "src/store/index.ts" }),
      ".claude/layers/app/modules/API_AGENT.md": moduleSpec({ module: "src/api.ts" }),
      "src/store/index.ts": "",
      "src/search/index.ts": "",
      "src/api.ts": "",
    });
    const { code, stdout } = await cliHere(["check", "--project", root]);
    expect(code).toBe(1);
    expect(stdout).toContain(".claude/system/SYSTEM_ORCHESTRATOR.md:7  LAYER_DIAGRAM_CONFLICT  The Mermaid graph of layers puts `app` before `core`");
    expect(stdout).toContain(
      "Read from the system spec (1)\n  · .claude/system/SYSTEM_ORCHESTRATOR.md:15  MODULE_FROM_SYSTEM_SPEC  module `search` (layer `core`): planned from the system spec's line, since no module spec is named for it; add .claude/layers/core/modules/SEARCH_AGENT.md to say more\n",
    );
    expect(stdout).toMatch(/3 modules in 2 layers: 1 warning\n$/);
  });
});

describe("orchestrate check on a single-file system spec declaring every module as a section", () => {
  it("plans each section as a module and counts the modules whose paths are not yet present, not the files saying so", () => {
    const root = makeProject({ ".claude/CLAUDE.md": "# Shop\n\n## Modules\n\n### ledger\n- Files: `src/ledger/`\n- Layer: core\n\n### billing\n- Files: `src/billing/`\n- Layer: core\n- Depends on: ledger\n" });
    const { code, stdout } = runCli(["check", "--project", root]);
    expect(code).toBe(0);
    expect(stdout).toContain("  · .claude/CLAUDE.md:5  NOT_YET_PRESENT  ledger: `src/ledger/` (an owned folder) is not yet present in the project\n");
    expect(stdout).toMatch(/✓ 2 modules in 1 layer: no problems found \(owned paths of 2 modules not yet present\)\n$/);
  });
});

describe("orchestrate check on a .claude/agents/ of module specs and subagents named alike", () => {
  it("lists what each file that names files was read as under its own heading", async () => {
    const root = makeProject({
      ".claude/CLAUDE.md": "# Shop\n",
      ".claude/agents/billing.md": "---\nname: billing\nfiles: [src/billing/]\n---\nInvoices.\n",
      ".claude/agents/test-runner.md": "---\nname: test-runner\ntools: Bash\nfiles: [test/]\n---\nRuns tests.\n",
      "src/billing/index.ts": "",
    });
    const { code, stdout } = await cliHere(["check", "--project", root]);
    expect([code, stdout]).toEqual([
      0,
      "Read from .claude/agents/ (2)\n  · .claude/agents/billing.md  SUBAGENT_READ_AS_MODULE  read as module `billing`'s spec: it says what it owns, and has no `tools:` or `model:` key nor words for when to use it, as a Claude Code subagent has\n  · .claude/agents/test-runner.md  SUBAGENT_NOT_MODULE  read as a Claude Code subagent, not a module spec, though it names files: it has `tools:` (line 3)\n✓ 1 module in 1 layer: no problems found\n",
    ]);
  });
});
