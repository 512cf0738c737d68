import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { makeProject } from "../helpers/project.js";

/** A monorepo's module specs in its package folders (spec/package-specs.ts), with the system spec in the root's `.claude/`. */

describe("module specs kept in a monorepo's packages", () => {
  it("are the modules: one a package folder, owning it when the spec names no files, in the layer its front matter names", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Monorepo\n\nLayer order: core, apps\n",
        "packages/billing/.claude/AGENT.md": "---\nlayer: core\n---\n# Billing\n\nCharges cards.\n\n**Depends on:** accounts\n",
        "packages/accounts/CLAUDE.md": "---\nlayer: core\n---\n# Accounts\n\n**Files:** packages/accounts/src/\n",
        "packages/ledger/AGENT.md": "---\nlayer: core\n---\n# Ledger\n",
        "packages/ledger/CLAUDE.md": "# Ledger notes: AGENT.md comes first\n",
        "apps/web/CLAUDE.md": "# Web\n\n## Depends On\n- billing\n- accounts\n",
        "apps/docs/README.md": "# Docs\n",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile, m.files])).toEqual([
      ["accounts", "core", "packages/accounts/CLAUDE.md", ["packages/accounts/src/"]],
      ["billing", "core", "packages/billing/.claude/AGENT.md", ["packages/billing/"]],
      ["ledger", "core", "packages/ledger/AGENT.md", ["packages/ledger/"]],
      ["web", "apps", "apps/web/CLAUDE.md", ["apps/web/"]],
    ]);
    expect(spec.modules.find((m) => m.id === "web")!.dependencies.map((d) => d.id)).toEqual(["billing", "accounts"]);
    expect(spec.system.layerOrder).toEqual(["core", "apps"]);
  });

  it("are not read when .claude/ holds module specs that own a path in their package (survey12-shapes: those no spec there covers are)", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/layers/core/LEDGER_AGENT.md": "# Ledger\n\n**Module**: `src/ledger.ts`\n**Related Files**: `packages/billing/index.ts`\n",
        "packages/billing/CLAUDE.md": "# Billing\n",
      }),
    );
    expect(spec.modules.map((m) => m.id)).toEqual(["ledger"]);
  });

  it("without a .claude/ folder, the error names them and how to have them read; with one, the root's CLAUDE.md is the system spec", () => {
    const root = makeProject({
      "CLAUDE.md": "# Workspace\n\n| Package | Layer |\n|---|---|\n| worker | base |\n| api | web |\n",
      "packages/api/CLAUDE.md": "# api\n\nREST server for orders.\n\n## Dependencies\n- worker\n",
      "packages/worker/CLAUDE.md": "# worker\n\nBackground jobs.\n",
    });
    expect(() => loadSpec(root)).toThrow(
      "No .claude/ folder in " + root + ": expected .claude/system and .claude/layers (run `orchestrate init` to create them); the module specs in its packages (packages/api/CLAUDE.md, packages/worker/CLAUDE.md) are read once the project has a .claude/ folder: `mkdir .claude` (the root's CLAUDE.md, else its AGENTS.md, is then its system spec)",
    );
    mkdirSync(join(root, ".claude"));
    const spec = loadSpec(root);
    expect(spec.modules.map((m) => [m.id, m.layer, m.files, m.dependencies.map((d) => d.id)])).toEqual([
      ["api", "web", ["packages/api/"], ["worker"]],
      ["worker", "base", ["packages/worker/"], []],
    ]);
    expect(spec.system.layerOrder).toEqual(["base", "web"]);
  });
});
