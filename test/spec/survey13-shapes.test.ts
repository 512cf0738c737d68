import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import type { PlanModule } from "../../src/plan/types.js";
import { buildContext } from "../../src/prompt/context.js";
import { countTokens } from "../../src/prompt/tokens.js";
import { noModuleSpecs } from "../../src/cli/empty-plan.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes the thirteenth survey of how people write them found misread: modules
 * declared only in the system spec, paths written for Windows, dependencies in a details block.
 */

function summary(spec: SpecTree): [string, string, string, string][] {
  return spec.modules.map((m) => [m.layer, m.id, m.files.join(","), m.dependencies.map((d) => d.id).join(",")]);
}

describe("modules declared only in the system spec", () => {
  it("as a nested list, layers the top items and modules under them, are the modules", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/CLAUDE.md": [
          "# Ledgerly",
          "",
          "## Modules",
          "",
          "- **Core**",
          "  - ledger — double-entry journal (src/ledger/)",
          "  - accounts — chart of accounts (`src/accounts/`)",
          "    - keeps codes unique",
          "- **App** (entry points)",
          "  - api — HTTP endpoints; depends on ledger and accounts (src/api/, src/server.ts)",
          "",
        ].join("\n"),
      }),
    );
    expect(spec.system.specFile).toBe(".claude/CLAUDE.md");
    expect(summary(spec)).toEqual([
      ["core", "ledger", "src/ledger/", ""],
      ["core", "accounts", "src/accounts/", ""],
      ["app", "api", "src/api/,src/server.ts", "ledger,accounts"],
    ]);
    expect(spec.layers.map((l) => [l.id, l.modules])).toEqual([
      ["core", ["ledger", "accounts"]],
      ["app", ["api"]],
    ]);
    const api = spec.modules.find((m) => m.id === "api")!;
    expect(api.specFile).toBe(".claude/CLAUDE.md");
    expect(api.fileLines?.["src/api/"]).toBe(10);
    expect(api.body).toContain("HTTP endpoints; depends on ledger and accounts");
    expect(spec.warnings).toEqual([]);
    const flat = loadSpec(makeProject({ ".claude/CLAUDE.md": "# A\n\n## Modules\n- ledger — journal (src/ledger/)\n" }));
    expect(flat.modules).toEqual([]);
    const beside = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# A\n\n## Modules\n- **Core**\n  - ledger — journal (src/ledger/)\n  - fees — fees (src/fees/)\n",
        ".claude/layers/core/modules/LEDGER_AGENT.md": "# Ledger\n**Files**: `src/ledger/`\n",
      }),
    );
    // Beside a module spec, the modules only the system spec lists are planned from it too (survey 14), with a note.
    expect(summary(beside)).toEqual([
      ["core", "ledger", "src/ledger/", ""],
      ["core", "fees", "src/fees/", ""],
    ]);
    expect(beside.warnings).toEqual([]);
    expect(beside.notes?.map((w) => [w.code, w.line])).toEqual([["MODULE_FROM_SYSTEM_SPEC", 6]]);
  });

  it("are read again once an item is added, with the parse cache too", () => {
    const claude = "# Ledgerly\n\n## Modules\n- **Core**\n  - ledger — journal (src/ledger/)\n";
    const root = makeProject({ ".claude/CLAUDE.md": claude });
    saveSpecCache(loadSpec(root, { cache: true }));
    writeFileSync(join(root, ".claude/CLAUDE.md"), `${claude}  - fees — fees on entries; depends on ledger (src/fees/)\n`);
    const spec = loadSpec(root, { cache: true });
    expect(summary(spec)).toEqual([
      ["core", "ledger", "src/ledger/", ""],
      ["core", "fees", "src/fees/", "ledger"],
    ]);
    // And once the list is written into a system spec that declared none.
    const later = makeProject({ ".claude/CLAUDE.md": "# Ledgerly\n" });
    saveSpecCache(loadSpec(later, { cache: true }));
    writeFileSync(join(later, ".claude/CLAUDE.md"), claude);
    expect(summary(loadSpec(later, { cache: true }))).toEqual([["core", "ledger", "src/ledger/", ""]]);
  });

  it("as lists under each layer's subheading, or a table with a Layer column, are the modules", () => {
    const spec = loadSpec(
      makeProject({
        "CLAUDE.md": [
          "# Quarry",
          "",
          "## Components",
          "",
          "### 1. Domain layer",
          "- `stone` (`src/stone/`): blocks and slabs",
          "",
          "### 2. Web",
          "- site — the shop front, relies on stone (src/site/)",
          "",
          "## Modules",
          "",
          "| Module | Layer | Files |",
          "|---|---|---|",
          "| saw | domain | `src/saw/` |",
          "",
        ].join("\n"),
        ".claude/settings.json": "{}\n",
      }),
    );
    expect(summary(spec).sort()).toEqual([
      ["domain", "saw", "src/saw/", ""],
      ["domain", "stone", "src/stone/", ""],
      ["web", "site", "src/site/", "stone"],
    ]);
    expect(spec.warnings).toEqual([]);
  });
});

describe("`plan --prompt` of a module whose spec is larger than the prompt's budget", () => {
  it("leaves out the spec's examples, then its end, before its dependencies' Provides", () => {
    const mod = (id: string, specText: string, dependsOn: string[] = []): PlanModule => ({ id, layer: "core", spec: `${id}.md`, files: [`src/${id}.ts`], dependsOn, specText });
    const store = mod("store", "## Purpose\nKeeps rows.\n\n## Provides\n- `Store.get(id)` — one row\n");
    const example = "```ts\nconst row = await api.get('r1');\nconsole.log(row.total);\n```\n";
    const api = mod("api", `## Purpose\nServes rows.\n\n## Rules\nNever block the loop.\n\n## 💡 Examples\n${example.repeat(900)}\n## Errors\nA missing row is a 404.\n`, ["store"]);
    const { vars, cut } = buildContext({ root: makeProject({}), module: api, request: "r", modules: new Map([store, api].map((m) => [m.id, m])), maxTokens: 2_000 });
    expect(vars.dependencies).toContain("- `Store.get(id)` — one row");
    expect(vars.spec).toContain("## Rules\nNever block the loop.");
    // As many whole examples as fit, then a line saying where the rest are; the spec's later sections kept.
    expect(vars.spec).toMatch(/## 💡 Examples\n```ts\nconst row = await api\.get\('r1'\);\nconsole\.log\(row\.total\);\n```\n\n[\s\S]*```\n\n\(the rest left out to fit the prompt: the spec file has it\)\n\n## Errors\nA missing row is a 404\.\n$/);
    expect(countTokens(vars.spec!)).toBeGreaterThan(1_000);
    expect(countTokens(vars.spec!) + countTokens(vars.dependencies!)).toBeLessThanOrEqual(2_000);
    expect(cut).toEqual([expect.stringMatching(/^examples of the module's spec \(\d+ tokens; the spec file has them\)$/)]);

    const prose = mod("prose", `## Purpose\nServes rows.\n\n${"A line of the rules of the module.\n".repeat(2_000)}`, ["store"]);
    const long = buildContext({ root: makeProject({}), module: prose, request: "r", modules: new Map([store, prose].map((m) => [m.id, m])), maxTokens: 2_000 });
    expect(long.vars.dependencies).toContain("- `Store.get(id)` — one row");
    expect(long.cut).toEqual([expect.stringMatching(/^the end of the module's spec \(\d+ tokens; the spec file has all of it\)$/)]);
  });
});

describe("paths written for Windows", () => {
  it("`src\\billing\\` in a field, a list or under Depends On is the folder `src/billing/`", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Till\nLayers: core\n",
        ".claude/layers/core/modules/BILLING_AGENT.md": "# Billing\n**Files**: `src\\billing\\`\n",
        ".claude/layers/core/modules/TAX_AGENT.md": "# Tax\n## Files\n- src\\tax\\rates.cs\n- `src\\tax\\Calc.cs`\n\n## Depends On\n- `src\\billing\\`\n",
        "src/billing/invoice.cs": "",
        "src/tax/rates.cs": "",
        "src/tax/Calc.cs": "",
      }),
    );
    expect(summary(spec)).toEqual([
      ["core", "billing", "src/billing/", ""],
      ["core", "tax", "src/tax/rates.cs,src/tax/Calc.cs", "billing"],
    ]);
    expect(spec.warnings).toEqual([]);
  });
});

describe("a module's own folder", () => {
  const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Kiln\nLayers: core, web\n" };

  it("holding a SKILL.md, as Claude Code names a skill's file, is the module's spec (its AGENT.md when it has both)", () => {
    const spec = loadSpec(
      makeProject({
        ...SYSTEM,
        ".claude/layers/core/modules/ink/SKILL.md": "---\nname: ink\ndescription: Mixes ink. Use when working in src/ink/.\n---\n# Ink\n## Files\n- `src/ink/`\n",
        ".claude/layers/core/modules/nib/AGENT.md": "# Nib\n**Files**: `src/nib/`\n## Depends On\n- ink\n",
        ".claude/layers/core/modules/nib/SKILL.md": "# How to test nibs\n",
      }),
    );
    expect(summary(spec)).toEqual([
      ["core", "ink", "src/ink/", ""],
      ["core", "nib", "src/nib/", "ink"],
    ]);
    expect(spec.modules.map((m) => m.specFile)).toEqual([".claude/layers/core/modules/ink/SKILL.md", ".claude/layers/core/modules/nib/AGENT.md"]);
  });

  it("linked under Depends On (`[auth](../auth/)`) names the module", () => {
    const spec = loadSpec(
      makeProject({
        ...SYSTEM,
        ".claude/layers/core/modules/auth/AGENT.md": "# Auth\n**Files**: `src/auth/`\n",
        ".claude/layers/core/modules/db/AGENT.md": "# Db\n**Files**: `src/db/`\n",
        ".claude/layers/web/modules/shop/AGENT.md": "# Shop\n**Files**: `src/shop/`\n\n## 3. Depends on\n- [auth](../../../core/modules/auth/) — sessions\n- [db](../../../core/modules/db/AGENT.md#tables)\n",
      }),
    );
    expect(summary(spec).find((m) => m[1] === "shop")).toEqual(["web", "shop", "src/shop/", "auth,db"]);
    expect(spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT")).toEqual([]);
  });
});

describe("a module spec naming its files only in a sentence", () => {
  it("is told which path its text names, and on which line, rather than owning it on a guess", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Wick\nLayers: core\n",
        ".claude/layers/core/modules/WAX_AGENT.md": "---\nname: wax\n---\n# Wax\nSee https://example.com/wax/docs.html.\n\nThis module owns everything matching src/wax/**/*.ts and the tests.\n",
      }),
    );
    expect(spec.modules[0]?.files).toEqual([]);
    expect(spec.warnings).toEqual([
      {
        code: "NO_FILES",
        message: 'wax names no files: add a **Module** path or **Related Files**; its text names `src/wax/**/*.ts` (line 7): to own it, list it under a "Files" heading or in a **Files** field',
        file: ".claude/layers/core/modules/WAX_AGENT.md",
        line: 7,
      },
    ]);
  });
});

describe("files and dependencies under other words", () => {
  it("`**Location**`, `**Path**`, `**Directory**` (bold or not) are files; a \"Collaborators\" heading names dependencies", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Gear\nLayers: core\n",
        ".claude/layers/core/modules/COG_AGENT.md": "# Cog\n**Location**: `src/cog/`\n## Interfaces\n- `Cog`\n",
        ".claude/layers/core/modules/CHAIN_AGENT.md": "# Chain\n**Path**: `src/chain/`\n**Directory**: src/links/\n## Collaborators\n- cog — turns it\n- lodash\n",
        ".claude/layers/core/modules/BELL_AGENT.md": "# Bell\n- Path: `src/bell.ts`\n- Location: the tower\n- Depends on: chain, cog\n",
      }),
    );
    expect(summary(spec)).toEqual([
      ["core", "bell", "src/bell.ts", "chain,cog"],
      ["core", "chain", "src/chain/,src/links/", "cog"],
      ["core", "cog", "src/cog/", ""],
    ]);
    expect(spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT")).toEqual([]);
  });
});

describe("a project whose only specs are Claude Code's rules in .claude/rules/", () => {
  const files = {
    "CLAUDE.md": "# Sprocket\nUse pnpm.\n",
    ".claude/rules/api.md": '---\npaths:\n  - "src/api/**/*.ts"\n---\n# API rules\n- Validate input with zod.\n',
    ".claude/rules/testing.md": "---\npaths: \"**/*.test.ts\"\n---\n# Tests\nUse vitest.\n",
  };

  it("is told they are not module specs, and how one becomes one", () => {
    expect(noModuleSpecs(makeProject(files))).toContain(
      "the rules in .claude/rules/ (api.md, testing.md) are instructions, not module specs: a rule for one part of the code (its `paths:`) is a module spec as .claude/modules/<name>.md (`mkdir -p .claude/modules && cp .claude/rules/api.md .claude/modules/api.md`)",
    );
    // As told, the rule is the module's spec.
    const spec = loadSpec(makeProject({ ...files, ".claude/modules/api.md": files[".claude/rules/api.md"] }));
    expect(summary(spec)).toEqual([["modules", "api", "src/api/**/*.ts", ""]]);
  });
});

describe("front matter written in TOML, between `+++` lines", () => {
  it("is said not to be read, on its line, with the YAML to write", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Oar\nLayers: core\n",
        ".claude/layers/core/modules/HULL_AGENT.md": '+++\nowns = ["src/hull/"]\n+++\n# Hull\n**Files**: `src/hull.ts`\n',
      }),
    );
    expect(spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT")).toEqual([
      { code: "FRONT_MATTER_NOT_READ", message: "hull: front matter between `+++` lines (TOML) is not read: write it as YAML between `---` lines (`owns: [src/hull/]`)", file: ".claude/layers/core/modules/HULL_AGENT.md", line: 1 },
    ]);
  });
});
