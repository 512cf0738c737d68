import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { mermaidDiagrams } from "../../src/spec/mermaid.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/** Dependencies drawn as a Mermaid graph in the system spec or a layer spec (spec/mermaid.ts, spec/diagram-dependencies.ts). */

const CORE = ".claude/layers/core/modules";
const APP = ".claude/layers/app/modules";
const SYSTEM = ".claude/system/SYSTEM_ORCHESTRATOR.md";

const MODULES: Record<string, string> = {
  [`${CORE}/STORE_AGENT.md`]: "# Store\n\n**Module**: `src/store.ts`\n",
  [`${CORE}/ORDERS_AGENT.md`]: "---\nname: Order Service\n---\n# Orders\n\n**Module**: `src/orders.ts`\n",
  [`${CORE}/AUTH_AGENT.md`]: "# Auth\n\n**Module**: `src/auth.ts`\n",
  [`${APP}/API_AGENT.md`]: "# API\n\n**Module**: `src/api.ts`\n",
};

function load(files: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...MODULES, ...files }));
}

function deps(spec: SpecTree, id: string): [string, string, string, number][] {
  return spec.modules.find((m) => m.id === id)!.dependencies.map((d): [string, string, string, number] => [d.id, d.via, d.file, d.line]).sort();
}

describe("a Mermaid graph in the system spec draws the modules' dependencies", () => {
  it("reads `A --> B` as A depends on B, by node id or label, and a note says what it took", () => {
    const spec = load({
      [SYSTEM]: "# Shop\n\nLayers: core, app\n\n```mermaid\ngraph TD\n  api --> O[Order Service]\n  O --> store\n  api -.-> auth\n  auth -- uses --> store\n  store --> PG[(Postgres)]\n```\n",
    });
    expect(deps(spec, "api")).toEqual([["auth", "diagram", SYSTEM, 9], ["orders", "diagram", SYSTEM, 7]]);
    expect(deps(spec, "orders")).toEqual([["store", "diagram", SYSTEM, 8]]);
    expect(deps(spec, "auth")).toEqual([["store", "diagram", SYSTEM, 10]]);
    expect(deps(spec, "store")).toEqual([]);
    expect(spec.notes).toEqual([
      {
        code: "DEPENDENCIES_FROM_DIAGRAM",
        message: "the Mermaid graph gives 4 dependencies (`A --> B` read as A depends on B): api → orders, orders → store, api → auth, auth → store; nodes that name no module, not read: Postgres",
        file: SYSTEM,
        line: 5,
      },
    ]);
    expect(spec.warnings).toEqual([]);
  });

  it("reads a graph drawn as data flows (against what the specs state) the other way round, and says so", () => {
    const spec = load({
      [`${CORE}/ORDERS_AGENT.md`]: "# Orders\n\n**Module**: `src/orders.ts`\n\n## Depends On\n- store\n",
      [SYSTEM]: "# Shop\n\n```mermaid\nflowchart LR\n  store --> orders\n  store --> auth\n```\n",
    });
    expect(deps(spec, "auth")).toEqual([["store", "diagram", SYSTEM, 6]]);
    expect(deps(spec, "store")).toEqual([]);
    expect(spec.notes?.[0]?.message).toContain("so `A --> B` is read as B depends on A): auth → store");
  });
});

describe("a Mermaid graph in a layer spec", () => {
  it("adds what the module specs do not state; a module's own line wins", () => {
    const layer = ".claude/layers/core/CORE_ORCHESTRATOR.md";
    const spec = load({
      [`${CORE}/ORDERS_AGENT.md`]: "# Orders\n\n**Module**: `src/orders.ts`\n\n## Depends On\n- store\n",
      [layer]: "# Core\n\n```mermaid\nflowchart LR\n    A[Orders] --> B{Store}\n    A ==> C(Auth)\n```\n",
    });
    expect(deps(spec, "orders")).toEqual([["auth", "diagram", layer, 6], ["store", "list", `${CORE}/ORDERS_AGENT.md`, 6]]);
    expect(spec.notes?.[0]?.message).toBe("the Mermaid graph gives 1 dependency (`A --> B` read as A depends on B): orders → auth; 1 more the module specs already state");
  });
});

describe("mermaidDiagrams", () => {
  it("reads chains, `&` groups, `|labels|`, statements after `;`, reversed arrows, and skips undirected links and other diagrams", () => {
    const text = [
      "```mermaid",
      "graph LR; a --> b",
      "  c & d -->|calls| e --> f",
      "  g --- h",
      "  i <--> j",
      "  k -- used by --> l",
      "  subgraph core [Core]",
      "  m[\"Money<br/>(cents)\"]:::hot --> n",
      "  end",
      "```",
      "```mermaid",
      "sequenceDiagram",
      "  x->>y: hi",
      "```",
    ].join("\n");
    const edges = mermaidDiagrams(text).flatMap((d) => d.edges.map((e) => `${e.from.label ?? e.from.id}>${e.to.id}@${e.line}`));
    expect(edges).toEqual(["a>b@2", "c>e@3", "d>e@3", "e>f@3", "l>k@6", "Money>n@8"]);
  });
});

describe("a Mermaid graph of layers", () => {
  it("adds no dependency, and the note says its nodes are layers, read as their order", () => {
    const spec = load({ [SYSTEM]: "# Shop\n\nLayers: core, app\n\n```mermaid\ngraph TD\n  app --> core\n```\n" });
    expect(spec.modules.flatMap((m) => m.dependencies)).toEqual([]);
    expect(spec.notes?.[0]?.message).toBe(
      "the Mermaid graph gives no dependency the module specs do not state (`A --> B` read as A depends on B); layers, read as the layer order: core, app",
    );
    expect(spec.system.layerOrder).toEqual(["core", "app"]);
  });
});
