import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";
import { noModuleSpecs } from "../../src/cli/empty-plan.js";

/**
 * Spec trees in shapes the nineteenth survey of how people write them found misread: a Go module's
 * AGENTS.md per package, Claude Code subagents that are module specs by what they say, rules between
 * layers in other languages and in code blocks, module specs written as JSON, dependencies given as
 * links to the other module's spec, and a layer's spec named index.md.
 */

const codes = (spec: SpecTree) => spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.file, w.line]);
const modules = (spec: SpecTree) => Object.fromEntries(spec.modules.map((m) => [m.id, { layer: m.layer, files: m.files, deps: m.dependencies.map((d) => d.id) }]));

// A Go module whose packages each hold an AGENTS.md, as Codex and Claude Code users write one a folder.
const GO_MODULE = {
  "go.mod": "module example.com/kettle\n\ngo 1.22\n",
  "AGENTS.md": "# Kettle\n\nSchedules tea brewing. Each package has its own AGENTS.md.\n",
  "internal/brew/AGENTS.md": "# brew\n\nSchedules brews.\n\n## Depends on\n\n- store\n",
  "internal/brew/brew.go": "package brew\n",
  "internal/store/AGENTS.md": "# store\n\nPersists brews.\n",
  "internal/store/store.go": "package store\n",
  "internal/api/AGENTS.md": '# api\n\nHTTP handlers.\n\n## Depends on\n\n```go\nimport "example.com/kettle/internal/brew"\n```\n',
  "internal/api/api.go": "package api\n",
  "pkg/units/AGENTS.md": "# units\n\nTemperature units.\n",
  "pkg/units/units.go": "package units\n",
  "cmd/kettle/AGENTS.md": "# kettle\n\nThe binary.\n",
  "cmd/kettle/main.go": "package main\n",
};

describe("a Go module's AGENTS.md per package", () => {
  it("internal/<pkg>/, pkg/<pkg>/ and cmd/<name>/ AGENTS.md are modules owning their package's folder, beside a .claude/ of settings only", () => {
    const spec = loadSpec(makeProject({ ...GO_MODULE, ".claude/settings.json": "{}\n" }));
    expect(modules(spec)).toEqual({
      api: { layer: "internal", files: ["internal/api/"], deps: ["brew"] },
      brew: { layer: "internal", files: ["internal/brew/"], deps: ["store"] },
      store: { layer: "internal", files: ["internal/store/"], deps: [] },
      units: { layer: "pkg", files: ["pkg/units/"], deps: [] },
      kettle: { layer: "cmd", files: ["cmd/kettle/"], deps: [] },
    });
    expect(spec.system.specFile).toBe("AGENTS.md");
    expect(codes(spec)).toEqual([]);
  });

  it("with no .claude/, the error names the packages' AGENTS.md as read once `mkdir .claude` makes the folder", () => {
    const root = makeProject(GO_MODULE);
    expect(() => loadSpec(root)).toThrow(
      "the module specs in its packages (internal/api/AGENTS.md, internal/brew/AGENTS.md, internal/store/AGENTS.md and 2 more) are read once the project has a .claude/ folder",
    );
  });
});

// Claude Code subagents beside module specs written as subagents, none named `-agent.md`.
const AGENTS = {
  ".claude/agents/billing.md": "---\nname: billing\ndescription: Owns invoicing and refunds.\nfiles:\n  - src/billing/\ndepends_on: [ledger]\n---\n\n# Billing\n\nIssues invoices.\n",
  ".claude/agents/ledger.md": "# Ledger\n\nDouble-entry postings.\n\n## Files\n\n- `src/ledger/`\n",
  ".claude/agents/code-reviewer.md": "---\nname: code-reviewer\ndescription: Reviews diffs. Use proactively after writing code.\n---\n\nYou review the diff.\n",
  ".claude/agents/test-runner.md": "---\nname: test-runner\ndescription: Runs the tests and fixes failures.\ntools: Bash, Read, Edit\nfiles: [\"test/**\"]\n---\n\nRun the tests.\n",
  ".claude/agents/doc-writer.md": "---\nname: doc-writer\nfiles: any\n---\n\nYou write docs. Use this agent when the README is stale.\n",
  "src/billing/invoice.ts": "export const invoice = 1;\n",
  "src/ledger/post.ts": "export const post = 1;\n",
};

describe("a file of .claude/agents/ named for no agent (`billing.md`)", () => {
  it("is a module spec when it says what it owns and nothing of a subagent's; a subagent with tools:, model:, task words or `files: any` stays one", () => {
    const spec = loadSpec(makeProject(AGENTS));
    expect(modules(spec)).toEqual({
      billing: { layer: "agents", files: ["src/billing/"], deps: ["ledger"] },
      ledger: { layer: "agents", files: ["src/ledger/"], deps: [] },
    });
  });

  it("check says which each was read as, and why", () => {
    const spec = loadSpec(makeProject(AGENTS));
    expect((spec.notes ?? []).filter((n) => n.code.startsWith("SUBAGENT_")).map((n) => [n.file, n.code, n.message])).toEqual([
      [".claude/agents/billing.md", "SUBAGENT_READ_AS_MODULE", "read as module `billing`'s spec: it says what it owns, and has no `tools:` or `model:` key nor words for when to use it, as a Claude Code subagent has"],
      [".claude/agents/doc-writer.md", "SUBAGENT_NOT_MODULE", 'read as a Claude Code subagent, not a module spec, though it names files: its `files: any` (line 3) names no path; it says "Use this agent" (line 6)'],
      [".claude/agents/ledger.md", "SUBAGENT_READ_AS_MODULE", "read as module `ledger`'s spec: it says what it owns, and has no `tools:` or `model:` key nor words for when to use it, as a Claude Code subagent has"],
      [".claude/agents/test-runner.md", "SUBAGENT_NOT_MODULE", "read as a Claude Code subagent, not a module spec, though it names files: it has `tools:` (line 4)"],
    ]);
  });
});

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const L = ".claude/layers";

// Four layers, each module one file; the system spec writes the rules between them.
function shop(system: string): SpecTree {
  return loadSpec(
    makeProject({
      [SYSTEM]: system,
      [`${L}/domain/modules/MONEY_AGENT.md`]: "# Money\n**Files**: `src/domain/money.ts`\n",
      [`${L}/app/modules/CHECKOUT_AGENT.md`]: "# Checkout\n**Files**: `src/app/checkout.ts`\n**Depends on**: money\n",
      [`${L}/infra/modules/DB_AGENT.md`]: "# Db\n**Files**: `src/infra/db.ts`\n**Depends on**: money\n",
      [`${L}/api/modules/HTTP_AGENT.md`]: "# Http\n**Files**: `src/api/http.ts`\n**Depends on**: checkout\n",
      "src/domain/money.ts": "export const m = 1;\n",
      "src/app/checkout.ts": "export const c = 1;\n",
      "src/infra/db.ts": "export const d = 1;\n",
      "src/api/http.ts": "export const h = 1;\n",
    }),
  );
}
const read = (spec: SpecTree) => (spec.notes ?? []).filter((n) => n.code === "LAYER_RULE_READ").map((n) => `${n.line} ${n.message}`);

describe("rules between layers in Spanish, Portuguese, French and German sentences", () => {
  it("are read as the English ones, layers named in the language (`dominio`, `l'infrastructure`, `Domäne`) too, and quoted as written", () => {
    const es = shop("# Tienda\n\nCapas: domain, app, infra, api\n\n- El dominio no debe importar la infraestructura.\n- La capa app solo puede depender de domain.\n- El dominio no importa nada.\n");
    expect(read(es)).toEqual([
      '5 layer `domain` may not import `infra` (read from "El dominio no debe importar la infraestructura")',
      '6 layer `app` may import, of other layers, only `domain` (read from "La capa app solo puede depender de domain")',
      '7 layer `domain` may not import `api`, `app`, `infra` (read from "El dominio no importa nada")',
    ]);
    const pt = shop("# Loja\n\nCamadas: domain, app, infra, api\n\n- O domínio não deve importar a infraestrutura.\n- A camada api só pode depender de app e domain.\n");
    expect(read(pt)).toEqual([
      '5 layer `domain` may not import `infra` (read from "O domínio não deve importar a infraestrutura")',
      '6 layer `api` may import, of other layers, only `app`, `domain` (read from "A camada api só pode depender de app e domain")',
    ]);
    const fr = shop("# Boutique\n\nCouches : domain, app, infra, api\n\n- Le domaine ne doit pas importer l'infrastructure.\n- La couche app ne peut dépendre que de domain.\n- api ne doit jamais importer infra.\n");
    expect(read(fr)).toEqual([
      "5 layer `domain` may not import `infra` (read from \"Le domaine ne doit pas importer l'infrastructure\")",
      '6 layer `app` may import, of other layers, only `domain` (read from "La couche app ne peut dépendre que de domain")',
      '7 layer `api` may not import `infra` (read from "api ne doit jamais importer infra")',
    ]);
    const de = shop("# Laden\n\nSchichten: domain, app, infra, api\n\n- Die Domäne darf die Infrastruktur nicht importieren.\n- api darf nicht von infra abhängen.\n- app darf nur von domain abhängen.\n");
    expect(read(de)).toEqual([
      '5 layer `domain` may not import `infra` (read from "Die Domäne darf die Infrastruktur nicht importieren")',
      '6 layer `api` may not import `infra` (read from "api darf nicht von infra abhängen")',
      '7 layer `app` may import, of other layers, only `domain` (read from "app darf nur von domain abhängen")',
    ]);
    expect([es, pt, fr, de].flatMap(codes)).toEqual([]);
  });

  it("a rule about layers it names none of ('Ninguna capa interna debe conocer las capas externas') is LAYER_RULE_NOT_READ at its line", () => {
    const spec = shop("# Tienda\n\nCapas: domain, app, infra, api\n\n## Reglas\n\n- Ninguna capa interna debe conocer las capas externas.\n- Les couches internes ne doivent jamais connaître les couches externes.\n");
    expect(codes(spec)).toEqual([
      ["LAYER_RULE_NOT_READ", SYSTEM, 7],
      ["LAYER_RULE_NOT_READ", SYSTEM, 8],
    ]);
    expect(spec.warnings[0]!.message).toContain('"Ninguna capa interna debe conocer las capas externas" looks like a rule between layers, but names no layer it is about');
  });

  it("a layer named in the language keeps its own name: layers `dominio` and `infraestructura` are not read as `domain`", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Tienda\n\nCapas: dominio, infraestructura\n\n- El dominio no debe importar la infraestructura.\n",
        [`${L}/dominio/DINERO_AGENT.md`]: "# Dinero\n**Files**: `src/dominio/dinero.ts`\n",
        [`${L}/infraestructura/BD_AGENT.md`]: "# Bd\n**Files**: `src/infra/bd.ts`\n",
      }),
    );
    expect(read(spec)).toEqual(['5 layer `dominio` may not import `infraestructura` (read from "El dominio no debe importar la infraestructura")']);
  });
});

describe("rules between layers written in a code block", () => {
  it("a plain block of `<layer> -> <layers>` lines allows each layer those, `-> nothing` forbids it every other, and orders the layers", () => {
    const spec = shop("# Shop\n\nLayers: api, app, infra, domain\n\n## Dependency rules\n\n```text\ndomain -> nothing\napp    -> domain\ninfra  -> domain   # storage\napi    -> app, domain\n```\n");
    expect(read(spec)).toEqual([
      '8 layer `domain` may not import `api`, `app`, `infra` (read from "domain -> nothing")',
      '9 layer `app` may import, of other layers, only `domain` (read from "app -> domain")',
      '10 layer `infra` may import, of other layers, only `domain` (read from "infra -> domain")',
      '11 layer `api` may import, of other layers, only `app`, `domain` (read from "api -> app, domain")',
    ]);
    expect(spec.layers.find((l) => l.id === "api")!.allowedImports.map((r) => r.pattern)).toEqual(["app", "domain"]);
    expect(spec.system.layerOrder).toEqual(["domain", "app", "api", "infra"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a line of such a block naming no layer is LAYER_RULE_NOT_READ at its line; a block of code, or one with no line read, is none", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n```\ndomain -> nothing\nweb -> app\n```\n\n```ts\nconst route = req -> app;\n```\n\n```\nrequest -> router -> handler\n```\n");
    expect(codes(spec)).toEqual([["LAYER_RULE_NOT_READ", SYSTEM, 7]]);
    expect(spec.warnings.find((w) => w.code === "LAYER_RULE_NOT_READ")!.message).toContain('"web -> app" looks like a rule between layers, but names no layer it is about');
    expect(read(spec)).toEqual(['6 layer `domain` may not import `api`, `app`, `infra` (read from "domain -> nothing")']);
  });
});

describe("module specs written as JSON", () => {
  it("a `modules/billing.json` that says what it owns is read as a YAML spec is, lines its own; one owning nothing (a schema) is passed by", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n",
        [`${L}/core/modules/billing.json`]: '{\n  "name": "Billing",\n  "files": [\n    "src/billing/"\n  ],\n  "depends_on": ["ledger", "tax"],\n  "description": "Issues invoices."\n}\n',
        [`${L}/core/modules/ledger.json`]: '{ "files": ["src/ledger/"] }\n',
        [`${L}/core/modules/schema.json`]: '{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object" }\n',
        "src/billing/invoice.ts": "",
        "src/ledger/post.ts": "",
      }),
    );
    expect(modules(spec)).toEqual({ billing: { layer: "core", files: ["src/billing/"], deps: ["ledger"] }, ledger: { layer: "core", files: ["src/ledger/"], deps: [] } });
    expect(spec.modules[0]!.fileLines).toEqual({ "src/billing/": 3 });
    expect(codes(spec)).toEqual([["UNRESOLVED_DEPENDENCY", `${L}/core/modules/billing.json`, 6]]);
  });

  it("JSON that does not parse is an error at its line", () => {
    const root = makeProject({ [SYSTEM]: "# Shop\n", [`${L}/core/modules/billing.json`]: '{\n  "files": ["src/billing/"]\n  "depends_on": ["ledger"]\n}\n' });
    expect(() => loadSpec(root)).toThrow(expect.objectContaining({ code: "SPEC_PARSE", place: { file: `${L}/core/modules/billing.json`, line: 3 } }));
  });
});

describe("dependencies given as links to the other module's spec", () => {
  const tree = (checkout: string, http: string) =>
    loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n\nLayers: domain, app, infra, api\n",
        [`${L}/domain/modules/MONEY_AGENT.md`]: "# Money\n**Files**: `src/domain/money.ts`\n",
        [`${L}/infra/modules/DB_AGENT.md`]: "# Db\n**Files**: `src/infra/db.ts`\n",
        [`${L}/app/modules/CHECKOUT_AGENT.md`]: checkout,
        [`${L}/api/modules/HTTP_AGENT.md`]: http,
      }),
    );

  it("an item that links a module spec anywhere in it names that module, whatever its words; so does a sentence 'Depends on [checkout](...)'", () => {
    const spec = tree(
      "# Checkout\n\n**Files**: `src/app/checkout.ts`\n\n## Depends on\n\n- [Money](../../domain/modules/MONEY_AGENT.md)\n- See [the db spec](../../infra/modules/DB_AGENT.md) for storage.\n",
      "# Http\n\n**Files**: `src/api/http.ts`\n\nDepends on [the checkout flow](../../app/modules/CHECKOUT_AGENT.md) for orders.\n",
    );
    expect(modules(spec).checkout!.deps).toEqual(["money", "db"]);
    expect(modules(spec).http!.deps).toEqual(["checkout"]);
    expect(codes(spec)).toEqual([]);
  });

  it("a link to a spec that is no module's is UNRESOLVED_DEPENDENCY at its line", () => {
    const spec = tree("# Checkout\n\n**Files**: `src/app/checkout.ts`\n\n## Depends on\n\n- See [the tax spec](../../domain/modules/TAX_AGENT.md).\n", "# Http\n\n**Files**: `src/api/http.ts`\n");
    expect(codes(spec)).toEqual([["UNRESOLVED_DEPENDENCY", `${L}/app/modules/CHECKOUT_AGENT.md`, 7]]);
    expect(spec.warnings.find((w) => w.code === "UNRESOLVED_DEPENDENCY")!.message).toContain("`../../domain/modules/TAX_AGENT.md`");
  });
});

describe("a layer's spec named index.md", () => {
  it("is the layer's spec when its folder has no _ORCHESTRATOR.md nor README.md, and its rules are read", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n\nLayers: domain, app\n",
        [`${L}/domain/MONEY_AGENT.md`]: "# Money\n**Files**: `src/domain/money.ts`\n",
        [`${L}/app/index.md`]: "# App layer\n\nUse cases.\n\nThis layer may only import domain.\n",
        [`${L}/app/CHECKOUT_AGENT.md`]: "# Checkout\n**Files**: `src/app/checkout.ts`\n",
        [`${L}/domain/README.md`]: "# Domain layer\n\nThis layer must not import app.\n",
      }),
    );
    expect(spec.layers.map((l) => [l.id, l.specFile])).toEqual([
      ["app", `${L}/app/index.md`],
      ["domain", `${L}/domain/README.md`],
    ]);
    expect(read(spec)).toEqual([
      '5 layer `app` may import, of other layers, only `domain` (read from "This layer may only import domain")',
      '3 layer `domain` may not import `app` (read from "This layer must not import app")',
    ]);
  });
});

describe("a Depends on section that says none as an item", () => {
  it("`- None`, `- **None**`, `- _none_`, `- N/A` under `## Depends on` name no module and are no warning; a module's name beside them still counts", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n",
        [`${L}/core/LEDGER_AGENT.md`]: "# Ledger\n**Files**: `src/ledger/`\n\n## Depends on\n\n- None\n",
        [`${L}/core/TAX_AGENT.md`]: "# Tax\n**Files**: `src/tax/`\n\n## 🔗 Depends on\n\n- **None**\n",
        [`${L}/core/FX_AGENT.md`]: "# Fx\n**Files**: `src/fx/`\n\n### Depends on\n\n- _none_\n",
        [`${L}/core/AUDIT_AGENT.md`]: "# Audit\n**Files**: `src/audit/`\n\n## Depends on\n\n- N/A\n",
        [`${L}/core/CART_AGENT.md`]: "# Cart\n**Files**: `src/cart/`\n\n## Depends on\n\n- ledger\n- None else.\n",
      }),
    );
    expect(codes(spec)).toEqual([]);
    expect(modules(spec).cart!.deps).toEqual(["ledger"]);
  });
});

describe("a module's files under a heading named for where they are", () => {
  it("`## Ownership`, `## Module Ownership`, `## 📍 Location` and `## Source code` list its files as `## Files` does; prose there owns nothing", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n",
        [`${L}/core/LEDGER_AGENT.md`]: "# Ledger\n\n## Ownership\n\n- `src/ledger/`\n\nIt does not own `src/shared/`.\n",
        [`${L}/core/TAX_AGENT.md`]: "# Tax\n\n## Module Ownership\n\n- `src/tax/rates.ts`\n",
        [`${L}/core/FX_AGENT.md`]: "# Fx\n\n## 📍 Location\n\n- src/fx/\n",
        [`${L}/core/AUDIT_AGENT.md`]: "# Audit\n\n## Source code\n\n- `src/audit/log.ts`\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.files])).toEqual([
      ["audit", ["src/audit/log.ts"]],
      ["fx", ["src/fx/"]],
      ["ledger", ["src/ledger/"]],
      ["tax", ["src/tax/rates.ts"]],
    ]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("dependencies said in parentheses", () => {
  it("a system spec's module list folded in <details> with `(depends on ledger, tax)` names both; so does a module spec's sentence", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/CLAUDE.md": `# Shop\n\n${"A long system spec. ".repeat(200)}\n\n## Modules\n\n<details>\n<summary>All modules (3)</summary>\n\n- **core**\n  - ledger: \`src/ledger/\`\n  - tax: \`src/tax/\`\n- **app**\n  - billing: \`src/billing/\` (depends on ledger, tax)\n\n</details>\n`,
      }),
    );
    expect(modules(spec).billing).toEqual({ layer: "app", files: ["src/billing/"], deps: ["ledger", "tax"] });
    const prose = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n",
        [`${L}/core/LEDGER_AGENT.md`]: "# Ledger\n**Files**: `src/ledger/`\n",
        [`${L}/core/TAX_AGENT.md`]: "# Tax\n**Files**: `src/tax/`\n",
        [`${L}/core/CART_AGENT.md`]: "# Cart\n**Files**: `src/cart/`\n\nKeeps the basket (depends on ledger and tax) for a session.\n",
      }),
    );
    expect(modules(prose).cart!.deps).toEqual(["ledger", "tax"]);
  });
});

describe("an arrow from a layer to a list of layers, or to nothing, in prose", () => {
  it("under an 'Allowed' heading allows the list, `❌` forbids it, `→ (nothing)` forbids every other layer; unmarked under no such heading it is no rule", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n## Allowed dependencies\n\n- api → app, domain\n- domain → (nothing)\n\n## Notes\n\n- ❌ app → infra, api\n- infra → app, domain\n");
    expect(read(spec)).toEqual([
      '7 layer `api` may import, of other layers, only `app`, `domain` (read from "api → app, domain")',
      '8 layer `domain` may not import `api`, `app`, `infra` (read from "domain → (nothing)")',
      '12 layer `app` may not import `infra`, `api` (read from "❌ app → infra, api")',
    ]);
    expect(codes(spec)).toEqual([]);
  });
});

describe("a Claude Code user's CLAUDE.md per folder at the project's root, and .claude/commands/", () => {
  it("the no-modules error names the folders' CLAUDE.md and the module spec to write for the first", () => {
    const root = makeProject({
      "CLAUDE.md": "# Shop\n\nSee each folder's CLAUDE.md.\n",
      "billing/CLAUDE.md": "# Billing\n\n## Depends on\n\n- ledger\n",
      "billing/invoice.py": "",
      "ledger/CLAUDE.md": "# Ledger\n",
      "docs/guide.md": "# Guide\n",
      ".claude/commands/deploy.md": "Deploy the shop.\n",
    });
    expect(noModuleSpecs(root)).toContain(
      "; billing/CLAUDE.md, ledger/CLAUDE.md describe folders at the project's root, read as module specs only in a folder of packages (src/, packages/, apps/, ...): for each module, write .claude/layers/<layer>/BILLING_AGENT.md with **Files**: `billing/`",
    );
  });
});
