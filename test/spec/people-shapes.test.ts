import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes their authors wrote, each read as a person reading them would:
 * links to other specs as dependencies, front matter keys people use for them, owned files
 * drawn as a tree or as globs in an `**Owns**` field.
 */

const CORE = ".claude/layers/core/modules";
const APP = ".claude/layers/app/modules";

const BASE: Record<string, string> = {
  ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core, app\n",
  [`${CORE}/LEDGER_AGENT.md`]: "# Ledger\n\n**Module**: `src/ledger.ts`\n",
  [`${CORE}/PORTFOLIO_AGENT.md`]: "# Portfolio\n\n**Module**: `src/portfolio.ts`\n",
};

function load(extra: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...BASE, ...extra }));
}

function deps(spec: SpecTree, id: string): [string, string, number][] {
  return spec.modules.find((m) => m.id === id)!.dependencies.map((d): [string, string, number] => [d.id, d.via, d.line]).sort();
}

function warningsOf(spec: SpecTree, file: string): [string, number | undefined][] {
  return spec.warnings.filter((w) => w.file === file).map((w) => [w.code, w.line]);
}

describe("links to other specs name the modules they point to", () => {
  it("in a `**Depends on:**` field, each link is a dependency (a comma in its text splits nothing)", () => {
    const file = `${APP}/A_AGENT.md`;
    const spec = load({ [file]: "# A\n\n**Module**: `src/a.ts`\n**Depends on:** [Ledger, the book](../../core/modules/LEDGER_AGENT.md), [portfolio](../../core/modules/PORTFOLIO_AGENT.md#api)\n" });
    expect(deps(spec, "a")).toEqual([["ledger", "list", 4], ["portfolio", "list", 4]]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("in the prose under a Depends On heading, and under a Dependencies heading beside packages", () => {
    const b = `${APP}/B_AGENT.md`;
    const c = `${APP}/C_AGENT.md`;
    const spec = load({
      [b]: "# B\n\n**Module**: `src/b.ts`\n\n## Depends On\n\nReads balances from the [ledger](../../core/modules/LEDGER_AGENT.md) and positions from\n[Portfolio](../../core/modules/PORTFOLIO_AGENT.md). See [the guide](https://example.com/guide).\n",
      [c]: "# C\n\n**Module**: `src/c.ts`\n\n## Dependencies\n\nSee [ledger](../../core/modules/LEDGER_AGENT.md) for entries, and [lodash](https://lodash.com).\n",
    });
    expect(deps(spec, "b").map(([id]) => id)).toEqual(["ledger", "portfolio"]);
    expect(deps(spec, "c")).toEqual([["ledger", "list", 7]]);
    expect(warningsOf(spec, b)).toEqual([]);
    expect(warningsOf(spec, c)).toEqual([]);
  });

  it("a `**Depends on:**` field whose value names nothing readable is a warning on its line, not a silent no-dependency", () => {
    const file = `${APP}/D_AGENT.md`;
    const spec = load({ [file]: "# D\n\n**Module**: `src/d.ts`\n**Depends on:** (the core modules)\n" });
    expect(deps(spec, "d")).toEqual([]);
    expect(warningsOf(spec, file)).toEqual([["DEPENDS_ON_UNRESOLVED", 4]]);
  });
});

describe("front matter keys people list dependencies under", () => {
  it("`uses` and `needs` are read as `depends_on` (and win over the prose)", () => {
    const spec = load({
      [`${APP}/E_AGENT.md`]: "---\nuses: [ledger, portfolio]\n---\n# E\n\n**Module**: `src/e.ts`\n\n## Depends On\n- ghost\n",
      [`${APP}/F_AGENT.md`]: "---\nneeds:\n  - ledger\n---\n# F\n\n**Module**: `src/f.ts`\n",
    });
    expect(deps(spec, "e")).toEqual([["ledger", "front-matter", 2], ["portfolio", "front-matter", 2]]);
    expect(deps(spec, "f")).toEqual([["ledger", "front-matter", 2]]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY")).toEqual([]);
  });
});

describe("owned files drawn as a tree, or named by glob in an `**Owns**` field", () => {
  it("a file tree in a code block under `## Owned Files` owns its files, each on its own line", () => {
    const file = `${APP}/PAYMENTS_AGENT.md`;
    const spec = load({ [file]: "# Payments\n\n## Owned Files\n\n```\nsrc/payments/\n├── index.ts      # entry point\n└── providers/\n    └── stripe.ts\n```\n\n## Depends On\n- ledger\n" });
    const payments = spec.modules.find((m) => m.id === "payments")!;
    expect(payments.files).toEqual(["src/payments/index.ts", "src/payments/providers/stripe.ts"]);
    expect(payments.fileLines).toEqual({ "src/payments/index.ts": 7, "src/payments/providers/stripe.ts": 9 });
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("a code block of code under a Files heading owns nothing", () => {
    const spec = load({ [`${APP}/G_AGENT.md`]: "# G\n\n**Module**: `src/g.ts`\n\n## Files\n\n```ts\nimport { a } from \"./a.ts\";\n```\n" });
    expect(spec.modules.find((m) => m.id === "g")!.files).toEqual(["src/g.ts"]);
  });

  it("`**Owns:**` and `## Owns` name owned files and folders (globs too)", () => {
    const spec = load({
      [`${APP}/REPORTS_AGENT.md`]: "# Reports\n\n**Owns:** `src/reports/**/*.ts`, `src/report.ts`\n",
      [`${APP}/AUDIT_AGENT.md`]: "# Audit\n\n## Owns\n\n- `src/audit/`\n",
    });
    expect(spec.modules.find((m) => m.id === "reports")!.files).toEqual(["src/reports/**/*.ts", "src/report.ts"]);
    expect(spec.modules.find((m) => m.id === "audit")!.files).toEqual(["src/audit/"]);
    expect(spec.warnings.filter((w) => w.code === "NO_FILES")).toEqual([]);
  });
});

describe("module specs named as other teams name them", () => {
  const files = {
    [`${APP}/billing.agent.md`]: "# Billing\n\n**Module**: `src/billing.ts`\n\n**Depends on:** [ledger](./ledger/AGENT.md)\n",
    [`${APP}/ledger2/AGENT.md`]: "# Ledger 2\n\n**Module**: `src/ledger2.ts`\n",
    [`${APP}/Invoice_Agent.md`]: "# Invoice\n\n**Module**: `src/invoice.ts`\n\n## Depends On\n- [billing](billing.agent.md)\n- [ledger2](./ledger2/AGENT.md)\n",
    [`${APP}/AGENT.md`]: "# About the app modules\n",
  };

  it("`<name>.agent.md` and `<name>/AGENT.md` under modules/ are module specs, and links to them resolve", () => {
    const spec = load(files);
    expect(spec.modules.map((m) => [m.id, m.specFile]).filter(([, f]) => f!.startsWith(APP))).toEqual([
      ["invoice", `${APP}/Invoice_Agent.md`],
      ["billing", `${APP}/billing.agent.md`],
      ["ledger2", `${APP}/ledger2/AGENT.md`],
    ]);
    expect(deps(spec, "invoice").map(([id]) => id)).toEqual(["billing", "ledger2"]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY")).toEqual([]);
  });

  it("a module's own folder placed in its layer, `<layer>/<name>/AGENT.md`, is that module, as `<layer>/<NAME>_AGENT.md` is", () => {
    const LAYER = ".claude/layers/interface";
    const spec = load({
      [`${LAYER}/cli/AGENT.md`]: "# CLI\n\n**Module**: `src/cli.ts`\n\n## Depends on (what it calls)\n\n- [ledger](../../core/modules/LEDGER_AGENT.md)\n",
      [`${LAYER}/notes/README.md`]: "# Notes on the interface\n",
    });
    expect(spec.layers.find((l) => l.id === "interface")!.modules).toEqual(["cli"]);
    expect(spec.modules.find((m) => m.id === "cli")!.specFile).toBe(`${LAYER}/cli/AGENT.md`);
    expect(deps(spec, "cli").map(([id]) => id)).toEqual(["ledger"]);
  });

  it("an `AGENT.md` whose folder is no id says what to rename the folder to", () => {
    expect(() => load({ [`${APP}/Order Book/AGENT.md`]: "# Order book\n" })).toThrow(/Module id `order book` \(from the folder name\) is not valid.*rename it to `order_book`/);
  });
});

describe("fields written as bold lines of their own, in tables, and lists indented with tabs", () => {
  it("`**Provides:**` on a line of its own, then a list, provides its names", () => {
    const spec = load({
      [`${APP}/B_AGENT.md`]: "# B\n\n**Files:**\n\n- `src/b.py`\n\n**Provides:**\n\n- `Beta`\n- `make_beta()`\n",
      [`${APP}/C_AGENT.md`]: "# C\n\n**Module**: `src/c.py`\n\n## Depends On\n\n- `Beta`\n",
    });
    expect(spec.modules.find((m) => m.id === "b")!.provides).toEqual(["Beta", "make_beta"]);
    expect(deps(spec, "c")).toEqual([["b", "symbol", 7]]);
  });

  it("a table of fields: `| **Depends on** | a, b |` and `| Depends on | a, b |` name both", () => {
    const spec = load({
      [`${APP}/F_AGENT.md`]: "# F\n\n| Field | Value |\n|---|---|\n| **Module** | `src/f.py` |\n| **Depends on** | ledger, portfolio |\n",
      [`${APP}/G_AGENT.md`]: "# G\n\n| Key | Value |\n|---|---|\n| Module | `src/g.py` |\n| Depends on | ledger, portfolio |\n",
    });
    expect(deps(spec, "f")).toEqual([["ledger", "list", 6], ["portfolio", "list", 6]]);
    expect(deps(spec, "g")).toEqual([["ledger", "list", 6], ["portfolio", "list", 6]]);
    expect(spec.modules.find((m) => m.id === "g")!.files).toEqual(["src/g.py"]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY")).toEqual([]);
  });

  it("a tab-indented list under a Files heading (markdown reads it as code), in a CRLF file", () => {
    const spec = load({ [`${APP}/D_AGENT.md`]: "# D\r\n\r\n## 📁 Files\r\n\r\n\t- `src/d.py`\r\n\t- `src/d_io.py`\r\n" });
    expect(spec.modules.find((m) => m.id === "d")!.files).toEqual(["src/d.py", "src/d_io.py"]);
    expect(spec.warnings.filter((w) => w.code === "NO_FILES")).toEqual([]);
  });
});

describe("a bold line written as a heading, with prose below", () => {
  it("`**Depends On:**` then prose (in its paragraph or the next): the prose is read as a heading's would be", () => {
    const spec = load({
      [`${APP}/A_AGENT.md`]: "# A\n**Module**: `src/a.py`\n\n**Depends On:**\nReads `ledger` entries and [positions](../../core/modules/PORTFOLIO_AGENT.md).\n",
      [`${APP}/B_AGENT.md`]: "# B\n**Module**: `src/b.py`\n\n**Dependencies:**\n\nReads `ledger` entries, with `requests`.\n\n**Notes:**\n\nSee `portfolio` one day.\n",
    });
    expect(deps(spec, "a")).toEqual([["ledger", "list", 5], ["portfolio", "list", 5]]);
    expect(deps(spec, "b")).toEqual([["ledger", "list", 6]]);
    expect(spec.warnings.filter((w) => w.code.startsWith("DEPENDS_ON") || w.code === "UNRESOLVED_DEPENDENCY")).toEqual([]);
  });

  it("prose under it that names no module is a warning on its line; prose saying none is not", () => {
    const c = `${APP}/C_AGENT.md`;
    const spec = load({
      [c]: "# C\n**Module**: `src/c.py`\n\n**Depends On:**\n\nthe shared database, through its driver\n",
      [`${APP}/D_AGENT.md`]: "# D\n**Module**: `src/d.py`\n\n**Depends On:**\n\nNothing: a leaf module.\n",
    });
    expect(spec.warnings.filter((w) => w.code.startsWith("DEPENDS_ON")).map((w) => [w.file, w.line])).toEqual([[c, 4]]);
  });
});

describe("a system spec that lists its modules", () => {
  const system = (text: string) => ({ ".claude/system/SYSTEM_ORCHESTRATOR.md": text });
  const missing = (spec: SpecTree) => spec.warnings.filter((w) => w.code === "MODULE_WITHOUT_SPEC").map((w) => [w.line, w.message]);

  it("a listed module with no spec is a warning on its line, naming the spec to add; others match in any spelling", () => {
    const spec = load({
      ...system("# System\n\nLayers: core, app\n\n## Modules\n\n| Module | Layer |\n|---|---|\n| Ledger | core |\n| **Order Service** | app |\n| [portfolio](../layers/core/modules/PORTFOLIO_AGENT.md) | core |\n| Risk Engine | core |\n"),
      [`${APP}/ORDER_SERVICE_AGENT.md`]: "# Order service\n\n**Module**: `src/orders.ts`\n",
    });
    expect(missing(spec)).toEqual([[12, 'The system spec lists module `Risk Engine` under "Modules", but no module spec is named for it: add .claude/layers/<layer>/modules/RISK_ENGINE_AGENT.md, or it is not planned']]);
  });

  it("a list under `## Agents` too; a section that names no module (conventions) is not read as a list of modules", () => {
    const spec = load(system("# System\n\n## Agents\n\n- `ledger` — the books\n- **Tax Rules** — rates\n\n## Module conventions\n\n- Naming: one spec per module\n\n## Modules\n\n- Naming: NAME_AGENT.md\n- Each module owns one folder.\n"));
    expect(missing(spec).map(([line]) => line)).toEqual([6]);
  });

  it("a Claude Code subagent the list names (`.claude/agents/code-reviewer.md`) is an agent, not a module without a spec", () => {
    const spec = load({
      ...system("# System\n\n## Agents\n\n| Agent | Does |\n|---|---|\n| ledger | the books |\n| code-reviewer | reviews diffs |\n| Tax Rules | rates |\n"),
      ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\n---\nYou review diffs.\n",
    });
    expect(missing(spec).map(([line]) => line)).toEqual([9]);
  });
});

describe("front matter dependencies written with reasons", () => {
  it("a mapping of module to reason, and items naming a module with a reason, give the modules", () => {
    const spec = load({
      [`${APP}/H_AGENT.md`]: "---\ndependencies:\n  ledger: for entries\n  portfolio: positions\n---\n# H\n\n**Module**: `src/h.ts`\n",
      [`${APP}/I_AGENT.md`]: "---\ndepends_on:\n  - module: ledger\n    why: entries\n  - portfolio: positions\n---\n# I\n\n**Module**: `src/i.ts`\n",
    });
    expect(deps(spec, "h")).toEqual([["ledger", "front-matter", 2], ["portfolio", "front-matter", 2]]);
    expect(deps(spec, "i")).toEqual([["ledger", "front-matter", 2], ["portfolio", "front-matter", 2]]);
  });

  it("a value that names no module is still an error with its line", () => {
    expect(() => load({ [`${APP}/J_AGENT.md`]: "---\nname: j\nuses:\n  - [ledger, portfolio]\n---\n# J\n" })).toThrow(/Expected front matter `uses` to be a list of strings/);
  });
});

describe("a link in dependency prose to a spec that is not there", () => {
  it("is a warning naming it, on its line, beside the links that resolve", () => {
    const file = `${APP}/K_AGENT.md`;
    const spec = load({ [file]: "# K\n\n**Module**: `src/k.ts`\n\n## Dependencies\n\nReads the [ledger](../../core/modules/LEDGER_AGENT.md) and the\n[risk engine](../../core/modules/RISK_AGENT.md); see [the docs](../../docs/k.md).\n" });
    expect(deps(spec, "k")).toEqual([["ledger", "list", 7]]);
    expect(spec.warnings.filter((w) => w.file === file).map((w) => [w.code, w.line, w.message])).toEqual([
      ["UNRESOLVED_DEPENDENCY", 7, 'k: `../../core/modules/RISK_AGENT.md` under "Depends On" names no module, owned file or provided name'],
    ]);
  });
});
