import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
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

  it("are not read when .claude/ holds module specs", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/layers/core/LEDGER_AGENT.md": "# Ledger\n\n**Module**: `src/ledger.ts`\n",
        "packages/billing/CLAUDE.md": "# Billing\n",
      }),
    );
    expect(spec.modules.map((m) => m.id)).toEqual(["ledger"]);
  });
});
