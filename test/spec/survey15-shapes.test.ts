import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";
import { expandOwnedFolders } from "../../src/spec/owned-files.js";
import { pathsOf } from "../../src/spec/module-cells.js";
import { unreadSpecs } from "../../src/spec/unread.js";
import { noModuleSpecs } from "../../src/cli/empty-plan.js";

/**
 * Spec trees in shapes the fifteenth survey of how people write them found misread: a table's
 * dependency column named "Needs" or "Upstream", a heading that carries its list, fields in
 * `__bold__`, globs with braces and negations, modules named by their folder, and more.
 */

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const CORE = ".claude/layers/core/modules";
const APP = ".claude/layers/app/modules";

function base(files: Record<string, string>): SpecTree {
  return loadSpec(
    makeProject({
      [SYSTEM]: "# Shop\n\nLayers: core, app\n",
      [`${CORE}/LEDGER_AGENT.md`]: "# Ledger\n**Files**: `src/ledger/`\n",
      [`${CORE}/TAX_AGENT.md`]: "# Tax\n**Files**: `src/tax/`\n",
      ...files,
    }),
  );
}

const mod = (spec: SpecTree, id: string) => {
  const found = spec.modules.find((m) => m.id === id);
  if (!found) throw new Error(`no module ${id}: ${spec.modules.map((m) => m.id).join(", ")}`);
  return found;
};
const deps = (spec: SpecTree, id: string) => mod(spec, id).dependencies.map((d) => [d.id, d.line]);
const codes = (spec: SpecTree) => spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.line]);

describe("a dependency column or field named Needs, Upstream or Relies on", () => {
  it("is read in a layer spec's table of modules and in a module's table of fields", () => {
    const spec = base({
      ".claude/layers/app/APP_ORCHESTRATOR.md": [
        "# App",
        "",
        "| Module | Paths | Upstream |",
        "|---|---|---|",
        "| web | `src/web/` | ledger |",
        "",
        "| Component | Files | Needs (modules) |",
        "|---|---|---|",
        "| cli | `src/cli/` | ledger, tax |",
        "",
      ].join("\n"),
      [`${APP}/ADMIN_AGENT.md`]: "# Admin\n\n| Field | Value |\n|---|---|\n| Files | `src/admin/` |\n| Upstream | web |\n",
    });
    expect(deps(spec, "web")).toEqual([["ledger", 5]]);
    expect(deps(spec, "cli")).toEqual([
      ["ledger", 9],
      ["tax", 9],
    ]);
    expect(deps(spec, "admin")).toEqual([["web", 6]]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a dependency heading that carries its list", () => {
  it("`## Depends on: ledger, tax` names both; `## Dependencies: tax` names tax; a name there that is no module is said at the heading", () => {
    const spec = base({
      [`${APP}/WEB_AGENT.md`]: "# Web\n**Files**: `src/web/`\n\n## Depends on: ledger, `tax`\n",
      [`${APP}/CLI_AGENT.md`]: "# Cli\n**Files**: `src/cli/`\n\n## Dependencies: tax and lodash\n",
      [`${APP}/JOB_AGENT.md`]: "# Job\n**Files**: `src/job/`\n\n## Depends on: ledgr\n",
      [`${APP}/MAIL_AGENT.md`]: "# Mail\n**Files**: `src/mail/`\n\n## Depends on: none\n",
    });
    expect(deps(spec, "web")).toEqual([
      ["ledger", 4],
      ["tax", 4],
    ]);
    expect(deps(spec, "cli")).toEqual([["tax", 4]]);
    expect(deps(spec, "mail")).toEqual([]);
    expect(spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.file, w.line])).toEqual([["DEPENDS_ON_UNRESOLVED", `${APP}/JOB_AGENT.md`, 4]]);
  });
});

describe("fields in bold written `__Key__` or `***Key***`", () => {
  it("are fields as `**Key**` ones are", () => {
    const spec = base({
      [`${APP}/WEB_AGENT.md`]: "# Web\n__Files__: `src/web/`\n__Depends on__: tax\n",
      [`${APP}/CLI_AGENT.md`]: "# Cli\n***Files***: `src/cli/`\n\n***Depends on***: ledger\n",
    });
    expect([mod(spec, "web").files, deps(spec, "web")]).toEqual([["src/web/"], [["tax", 3]]]);
    expect([mod(spec, "cli").files, deps(spec, "cli")]).toEqual([["src/cli/"], [["ledger", 4]]]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a field in a list item with its list nested below", () => {
  it("`- **Depends on**:` then `  1. ledger` lists ledger; `- **Related Files**:` then nested items owns them; the next item is no part of it", () => {
    const spec = base({
      [`${APP}/WEB_AGENT.md`]: ["# Web", "", "- **Related Files**:", "  - `src/web/app.ts`", "  - `src/web/routes.ts`", "- **Depends on**:", "  1. ledger", "  2. tax", "     - for the rates", "- **Owner**: web team", ""].join("\n"),
    });
    expect(mod(spec, "web").files).toEqual(["src/web/app.ts", "src/web/routes.ts"]);
    expect(deps(spec, "web")).toEqual([
      ["ledger", 7],
      ["tax", 8],
    ]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("owned globs with braces and negations", () => {
  it("a brace stands for each choice, so `src/{billing,invoices}/**` owns those two folders and not all of src/", () => {
    const spec = base({
      [`${APP}/BILLING_AGENT.md`]: "# Billing\n\n## Files\n- `src/{billing,invoices}/**`\n- `src/{a,b}/{x,y}.ts`\n",
      [`${APP}/WEB_AGENT.md`]: "# Web\n**Files**: `src/web/`\n",
    });
    expect(mod(spec, "billing").files).toEqual(["src/billing/**", "src/invoices/**", "src/a/x.ts", "src/a/y.ts", "src/b/x.ts", "src/b/y.ts"]);
    expect(mod(spec, "billing").fileLines?.["src/invoices/**"]).toBe(4);
    const owned = expandOwnedFolders(spec.modules, ["src/billing/pay.ts", "src/invoices/pdf.ts", "src/main.ts"]);
    expect(owned.get("billing")).toEqual(["src/a/x.ts", "src/a/y.ts", "src/b/x.ts", "src/b/y.ts", "src/billing/pay.ts", "src/invoices/pdf.ts"]);
    expect(pathsOf("`src/{web,api}/`")).toEqual(["src/web/", "src/api/"]);
  });

  it("a negation is no owned path: FILES_EXCLUSION_NOT_READ at its line says the module owns those files still", () => {
    const spec = base({
      [`${APP}/BILLING_AGENT.md`]: "---\nglobs: [\"src/billing/**\", \"!src/billing/gen/**\"]\n---\n# Billing\n\n## Files\n- `!**/*.test.ts`\n",
    });
    expect(mod(spec, "billing").files).toEqual(["src/billing/**"]);
    const found = spec.warnings.filter((w) => w.code === "FILES_EXCLUSION_NOT_READ");
    expect(found.map((w) => [w.file, w.line])).toEqual([
      [`${APP}/BILLING_AGENT.md`, 2],
      [`${APP}/BILLING_AGENT.md`, 7],
    ]);
    expect(found[1]?.message).toContain("`!**/*.test.ts` under \"Files\" excludes files, which orchestrate does not apply");
  });
});

describe("a dependency named by the folder a module owns", () => {
  it("`src/billing` (no slash) and a file in it name the module owning `src/billing/`, before any file of it is written; the most specific folder wins", () => {
    const spec = base({
      [`${CORE}/BILLING_AGENT.md`]: "# Billing\n**Files**: `src/billing/**`\n",
      [`${CORE}/PDF_AGENT.md`]: "# Pdf\n**Files**: `src/billing/pdf/`\n",
      [`${APP}/WEB_AGENT.md`]: "# Web\n**Files**: `src/web/`\n\n## Depends on\n- src/billing\n- `src/billing/pdf/render.ts`\n- ./src/ledger\n",
      [`${APP}/CLI_AGENT.md`]: "# Cli\n**Files**: `src/cli/`\n**Depends on**: `src/billing/invoice.ts`\n",
    });
    expect(deps(spec, "web")).toEqual([
      ["billing", 5],
      ["pdf", 6],
      ["ledger", 7],
    ]);
    expect(deps(spec, "cli")).toEqual([["billing", 3]]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("two modules whose ids differ only in separators", () => {
  it("are MODULE_IDS_ALIKE; each id written as it is names its module, and a name written otherwise names neither, said with both ids", () => {
    const spec = base({
      [`${CORE}/USER_AUTH_AGENT.md`]: "# User auth\n**Files**: `src/user_auth/`\n",
      [`${CORE}/user-auth.agent.md`]: "# User-auth\n**Files**: `src/user-auth/`\n",
      [`${APP}/WEB_AGENT.md`]: "# Web\n**Files**: `src/web/`\n\n## Depends on\n- user-auth\n- USER_AUTH_AGENT\n- user auth\n",
    });
    expect(deps(spec, "web")).toEqual([
      ["user-auth", 5],
      ["user_auth", 6],
    ]);
    expect(spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.file, w.line])).toEqual([
      ["MODULE_IDS_ALIKE", `${CORE}/user-auth.agent.md`, undefined],
      ["UNRESOLVED_DEPENDENCY", `${APP}/WEB_AGENT.md`, 7],
    ]);
    expect(spec.warnings.find((w) => w.code === "UNRESOLVED_DEPENDENCY")?.message).toContain("it reads as `user_auth` and `user-auth`, which differ only in separators");
  });
});

describe("headings in Italian, Dutch, Polish, Russian, Chinese, Japanese or Korean", () => {
  it("are Files and dependency headings as the English ones are (silent about packages, as Dependencies is); a heading `File` too", () => {
    const spec = base({
      [`${APP}/WEB_AGENT.md`]: "# Web\n## File\n- `src/web/`\n## Dipendenze\n- ledger\n- express\n",
      [`${APP}/CLI_AGENT.md`]: "# Cli\n## Bestanden\n- `src/cli/`\n## Afhankelijkheden\n- ledger\n",
      [`${APP}/MAIL_AGENT.md`]: "# Mail\n## Pliki\n- `src/mail/`\n## Zależności\n- tax\n",
      [`${APP}/SMS_AGENT.md`]: "# Sms\n## Файлы\n- `src/sms/`\n## Зависимости\n- tax\n",
      [`${APP}/API_AGENT.md`]: "# Api\n## 文件\n- `src/api/`\n## 依赖\n- ledger\n",
      [`${APP}/JOB_AGENT.md`]: "# Job\n## ファイル\n- `src/job/`\n## 依存関係\n- ledger\n",
      [`${APP}/PUSH_AGENT.md`]: "# Push\n## 파일\n- `src/push/`\n## 의존성\n- tax\n",
    });
    for (const [id, dep] of [["web", "ledger"], ["cli", "ledger"], ["mail", "tax"], ["sms", "tax"], ["api", "ledger"], ["job", "ledger"], ["push", "tax"]] as const) {
      expect([id, mod(spec, id).files, deps(spec, id)]).toEqual([id, [`src/${id}/`], [[dep, 5]]]);
    }
    expect(codes(spec)).toEqual([]);
  });
});

describe("a module spec kept as a folder of its own, beside files it links", () => {
  const tree = {
    ".claude/CLAUDE.md": "# Shop\n",
    ".claude/agents/billing/AGENT.md": "# Billing\n\nIssues invoices. See [the rules](rules.md) and\n[what it owns](./files.md#files).\n",
    ".claude/agents/billing/rules.md": "# Rules\n\n- Never call the web layer.\n",
    ".claude/agents/billing/files.md": "# Files\n\n- `src/billing/`\n\n## Depends on\n- ledger\n",
    ".claude/agents/ledger/AGENT.md": "# Ledger\n**Files**: `src/ledger/`\n",
    ".claude/skills/pdf/SKILL.md": "# Pdf skill\n\nFills in PDF forms.\n",
  };

  it("in a folder of .claude/ with no layers (`.claude/agents/billing/AGENT.md`) is a module of that folder's layer; a skill's folder is none", () => {
    const spec = loadSpec(makeProject(tree));
    expect(spec.modules.map((m) => [m.layer, m.id, m.specFile])).toEqual([
      ["agents", "billing", ".claude/agents/billing/AGENT.md"],
      ["agents", "ledger", ".claude/agents/ledger/AGENT.md"],
    ]);
  });

  it("a linked file beside it is read as part of its spec (round 16: it was SPEC_PART_NOT_READ), its lines its own", () => {
    const spec = loadSpec(makeProject(tree));
    expect(spec.warnings.filter((w) => w.code.startsWith("SPEC_PART"))).toEqual([]);
    const billing = spec.modules.find((m) => m.id === "billing")!;
    expect(billing.files).toEqual(["src/billing/"]);
    expect(billing.dependencies.map((d) => [d.id, d.file, d.line])).toEqual([["ledger", ".claude/agents/billing/files.md", 6]]);
  });
});

describe("a module spec written as YAML (`billing.yaml` with files and depends_on keys)", () => {
  const yaml = "files:\n  - src/billing/\ndepends_on: [ledger]\nrules:\n  - never import web\n";

  it("is read as a module (round 16: it was SPEC_NOT_READ); one that names no files is SPEC_NOT_READ, saying to add `files:`", () => {
    const spec = base({ [`${CORE}/billing.yaml`]: yaml, [`${CORE}/shapes.json`]: "{}", [`${CORE}/notes.yml`]: "depends_on: [ledger]\n" });
    expect(mod(spec, "billing").files).toEqual(["src/billing/"]);
    const unread = unreadSpecs(spec).filter((w) => w.code === "SPEC_NOT_READ");
    expect(unread.map((w) => w.file)).toEqual([`${CORE}/notes.yml`]);
    expect(unread[0]?.message).toContain("a module spec written as YAML is read when it says what the module owns: add `files:`");
  });

  it("in a tree with no other module spec, the error names one that names no files", () => {
    const root = makeProject({ [SYSTEM]: "# Shop\n", [`${CORE}/billing.yml`]: "depends_on: [ledger]\n", [`${CORE}/ledger.yml`]: "description: books\n" });
    expect(noModuleSpecs(root)).toContain(`; ${CORE}/billing.yml is not read: a module spec written as YAML is read when it says what the module owns`);
    expect(noModuleSpecs(root)).toContain("(and 1 more such file: `orchestrate check` lists them once the tree has a module)");
  });
});
