import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { parseScopeOption } from "../../src/analyze/scope-option.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/**
 * Spec trees in shapes the eighteenth survey of how people write them found misread: rules between
 * layers written in prose, arrows and tables (not enforced before), layers named by number, and a
 * system spec's table of modules under no Modules heading.
 */

const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";
const L = ".claude/layers";

// Four layers, each module one file importing the next layer down, and two imports that break layering:
// infra imports app, and api imports infra.
function shop(system: string, more: Record<string, string> = {}): SpecTree {
  return loadSpec(
    makeProject({
      [SYSTEM]: system,
      [`${L}/domain/modules/MONEY_AGENT.md`]: "# Money\n**Files**: `src/domain/money.ts`\n",
      [`${L}/app/modules/CHECKOUT_AGENT.md`]: "# Checkout\n**Files**: `src/app/checkout.ts`\n**Depends on**: money\n",
      [`${L}/infra/modules/DB_AGENT.md`]: "# Db\n**Files**: `src/infra/db.ts`\n**Depends on**: money\n",
      [`${L}/api/modules/HTTP_AGENT.md`]: "# Http\n**Files**: `src/api/http.ts`\n**Depends on**: checkout\n",
      "src/domain/money.ts": "export const m = 1;\n",
      "src/app/checkout.ts": "import { m } from '../domain/money';\nexport const c = m;\n",
      "src/infra/db.ts": "import { c } from '../app/checkout';\nexport const d = c;\n",
      "src/api/http.ts": "import { d } from '../infra/db';\nexport const h = d;\n",
      ...more,
    }),
  );
}

const rules = (spec: SpecTree) =>
  Object.fromEntries(
    spec.layers
      .filter((l) => l.allowedImports.length + l.forbiddenImports.length > 0)
      .map((l) => [l.id, { allowed: l.allowedImports.map((r) => `${r.pattern}${r.layer ? "" : "?"}@${r.line}`), forbidden: l.forbiddenImports.map((r) => `${r.pattern}${r.layer ? "" : "?"}@${r.line}`) }]),
  );
// With no layer order, so that only the rules read speak.
const violations = (spec: SpecTree) => checkArchitecture(spec, [], { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.message}`);
const codes = (spec: SpecTree) => spec.warnings.filter((w) => w.code !== "NOT_YET_PRESENT").map((w) => [w.code, w.file, w.line]);
const read = (spec: SpecTree) => (spec.notes ?? []).filter((n) => n.code === "LAYER_RULE_READ").map((n) => [n.line, n.message]);

describe("rules between layers written in a system spec's prose", () => {
  it("'X must not import Y, Z or W' and 'Nothing in X may depend on Y' forbid those layers, and the architecture gate holds every module of X to it", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n## Rules\n\n- domain must not import app, infra or api\n- Nothing in app may depend on infrastructure.\n- api must not import infra\n");
    expect(rules(spec)).toEqual({ domain: { allowed: [], forbidden: ["app@7", "infra@7", "api@7"] }, app: { allowed: [], forbidden: ["infra@8"] }, api: { allowed: [], forbidden: ["infra@9"] } });
    expect(violations(spec)).toEqual([`src/api/http.ts:1 imports \`../infra/db\`, forbidden for layer api by \`layer infra\` (${SYSTEM}:9)`]);
    expect(read(spec)).toEqual([
      [7, 'layer `domain` may not import `app`, `infra`, `api` (read from "domain must not import app, infra or api")'],
      [8, 'layer `app` may not import `infra` (read from "Nothing in app may depend on infrastructure")'],
      [9, 'layer `api` may not import `infra` (read from "api must not import infra")'],
    ]);
    expect(codes(spec)).toEqual([]);
  });

  it("'should only depend on', 'cannot depend on anything' and 'must never be imported by' read as what they say", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\nThe api layer should only depend on the app and domain layers. The domain layer cannot depend on anything.\n\nApp must never be imported by infra.\n");
    expect(rules(spec)).toEqual({ api: { allowed: ["app@5", "domain@5"], forbidden: [] }, domain: { allowed: [], forbidden: ["api@5", "app@5", "infra@5"] }, infra: { allowed: [], forbidden: ["app@7"] } });
    expect(violations(spec)).toEqual([
      `src/api/http.ts:1 imports \`../infra/db\` (module db, layer infra), which is not in the allowed imports of layer api (${SYSTEM}:5)`,
      `src/infra/db.ts:1 imports \`../app/checkout\`, forbidden for layer infra by \`layer app\` (${SYSTEM}:7)`,
    ]);
  });

  it("a chain of arrows with 'only' allows each layer the next, and orders the layers with no LAYER_ORDER_CONFLICT", () => {
    const spec = shop("# Shop\n\n## Layers\n\napi → app → domain only\n");
    expect(rules(spec)).toEqual({ api: { allowed: ["app@5"], forbidden: [] }, app: { allowed: ["domain@5"], forbidden: [] } });
    expect(violations(spec)).toEqual([`src/api/http.ts:1 imports \`../infra/db\` (module db, layer infra), which is not in the allowed imports of layer api (${SYSTEM}:5)`]);
    expect(codes(spec)).toEqual([]);
  });

  it("arrows marked ✅ / ❌, `-x->`, or 'forbidden' after them, allow and forbid", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n- ✅ app → domain\n- ❌ api → infra\n- infra -x-> app\n\n### Domain → Api: forbidden\n");
    expect(rules(spec)).toEqual({ app: { allowed: ["domain@5"], forbidden: [] }, api: { allowed: [], forbidden: ["infra@6"] }, infra: { allowed: [], forbidden: ["app@7"] }, domain: { allowed: [], forbidden: ["api@9"] } });
  });

  it("an arrow under a heading of dependencies orders the layers; one in a **Layers** line stays a build order", () => {
    const deps = shop("# Shop\n\n## Layer dependencies\n\napi -> app -> domain\n\ninfra -> domain\n");
    expect(codes(deps)).toEqual([]);
    expect(rules(deps)).toEqual({});
    const order = shop("# Shop\n\n**Layers**: DOMAIN → APP → INFRA → API\n");
    expect(codes(order)).toEqual([]);
    expect(order.system.layerOrder).toEqual(["domain", "app", "infra", "api"]);
  });

  it("a sentence that looks like a rule between layers but names none is LAYER_RULE_NOT_READ at its line; a rule between modules is none", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n## Rules\n\n- Dependencies must point inward.\n- Inner layers must never know about outer layers.\n- Modules must not import each other's internals.\n");
    expect(codes(spec)).toEqual([
      ["LAYER_RULE_NOT_READ", SYSTEM, 7],
      ["LAYER_RULE_NOT_READ", SYSTEM, 8],
    ]);
    expect(spec.warnings.find((w) => w.line === 8)?.message).toContain('"Inner layers must never know about outer layers" looks like a rule between layers, but names no layer it is about');
    expect(rules(spec)).toEqual({});
  });
});

describe("sentences about modules in a system or layer spec", () => {
  it("a path, a noun a layer's name qualifies, a wrapped sentence about modules, are no rules between layers and no warning", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n\n`src/api/__init__.py` imports nothing.\nA module may import modules of its own layer (along the\ndependencies its spec lists).\n", {
      [`${L}/domain/DOMAIN_ORCHESTRATOR.md`]: "# Domain\n\nModules here never call HTTP apis.\n\nWithin the layer, `money` must not import `tax`.\n",
    });
    expect(rules(spec)).toEqual({});
    expect(codes(spec)).toEqual([]);
  });
});

describe("rules between layers written in tables", () => {
  it("a `| Layer | May depend on |` table allows each row's layers, and '—' forbids every other layer", () => {
    const spec = shop("# Shop\n\n## Allowed dependencies\n\n| Layer | May depend on |\n|---|---|\n| api | app, domain |\n| app | domain |\n| infra | domain |\n| domain | — |\n");
    expect(rules(spec)).toEqual({ api: { allowed: ["app@7", "domain@7"], forbidden: [] }, app: { allowed: ["domain@8"], forbidden: [] }, infra: { allowed: ["domain@9"], forbidden: [] }, domain: { allowed: [], forbidden: ["api@10", "app@10", "infra@10"] } });
    expect(violations(spec)).toEqual([
      `src/api/http.ts:1 imports \`../infra/db\` (module db, layer infra), which is not in the allowed imports of layer api (${SYSTEM}:7)`,
      `src/infra/db.ts:1 imports \`../app/checkout\` (module checkout, layer app), which is not in the allowed imports of layer infra (${SYSTEM}:9)`,
    ]);
    expect(codes(spec)).toEqual([]);
  });

  it("a matrix of layers with ✓ and ✗ forbids each row's ✗ columns", () => {
    const spec = shop("# Shop\n\n| from \\ to | domain | app | infra | api |\n|---|---|---|---|---|\n| domain | - | ✗ | ✗ | ✗ |\n| app | ✓ | - | ✗ | ✗ |\n| infra | ✓ | ✗ | - | ✗ |\n| api | ✓ | ✓ | ✗ | - |\n");
    expect(rules(spec)).toEqual({ domain: { allowed: [], forbidden: ["app@5", "infra@5", "api@5"] }, app: { allowed: [], forbidden: ["infra@6", "api@6"] }, infra: { allowed: [], forbidden: ["app@7", "api@7"] }, api: { allowed: [], forbidden: ["infra@8"] } });
  });
});

describe("rules a layer's own spec writes", () => {
  it("'This layer must not import …' and `**May import**:` / `**Must not import**:` fields, each on its line, are the layer's", () => {
    const spec = shop("# Shop\n\nLayers: domain, app, infra, api\n", {
      [`${L}/api/API_ORCHESTRATOR.md`]: "# API layer\n\n**May import**: app, domain\n**Must not import**: infra\n",
      [`${L}/infra/README.md`]: "# Infra\n\nThis layer must not import app or api.\n",
    });
    expect(rules(spec)).toEqual({ api: { allowed: ["app@3", "domain@3"], forbidden: ["infra@4"] }, infra: { allowed: [], forbidden: ["app@3", "api@3"] } });
    expect(violations(spec)).toHaveLength(2);
  });
});

describe("layers named by number", () => {
  it("a numbered layer folder (`01-domain`, `2_app`) keeps its id, and is named by its name: in rules, front matter and `--scope layer/domain`", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n\n- domain must not import app\n",
        [`${L}/01-domain/modules/MONEY_AGENT.md`]: "# Money\n**Files**: `src/money.ts`\n",
        [`${L}/2_app/CHECKOUT_AGENT.md`]: "---\nlayer: app\n---\n# Checkout\n**Files**: `src/checkout.ts`\n**Depends on**: money\n",
      }),
    );
    expect(spec.layers.map((l) => [l.id, l.modules])).toEqual([
      ["01-domain", ["money"]],
      ["2_app", ["checkout"]],
    ]);
    expect(rules(spec)).toEqual({ "01-domain": { allowed: [], forbidden: ["2_app@3"] } });
    expect(parseScopeOption("layer/domain", spec)).toEqual({ kind: "layer", id: "01-domain" });
  });

  it("a Layer field written with its number (`Layer 1: Core`, `2 - Application`) names the layer, not the number", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/CLAUDE.md": "# Shop\n",
        ".claude/agents/LEDGER_AGENT.md": "# Ledger\n**Layer**: Layer 1: Core\n**Files**: `src/ledger/`\n",
        ".claude/agents/BILLING_AGENT.md": "# Billing\n**Layer**: 2 - Application\n**Files**: `src/billing/`\n**Depends on**: ledger\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer])).toEqual([
      ["billing", "application"],
      ["ledger", "core"],
    ]);
  });
});

describe("a system spec's table of modules under no Modules heading", () => {
  it("plans the rows no spec is named for, and says a module listed in two layers", () => {
    const spec = loadSpec(
      makeProject({
        [SYSTEM]: "# Shop\n\n| Module | Layer | Files |\n|---|---|---|\n| ledger | core | src/ledger/ |\n| billing | app | src/billing/ |\n| ledger | app | src/ledger/ |\n",
        [`${L}/core/modules/TAX_AGENT.md`]: "# Tax\n**Files**: `src/tax/`\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer])).toEqual([
      ["tax", "core"],
      ["ledger", "core"],
      ["billing", "app"],
    ]);
    expect(codes(spec)).toEqual([["MODULE_IN_TWO_LAYERS", SYSTEM, 7]]);
  });
});
