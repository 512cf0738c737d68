import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/**
 * Module specs written as editor rules are written (Cursor's `globs:`, Claude Code's `paths:`),
 * kept flat in `.claude/modules/<name>.md`, and files drawn as a tree under a "Structure" heading.
 */

function files(spec: SpecTree, id: string): string[] {
  return spec.modules.find((m) => m.id === id)!.files;
}

describe("front matter `paths:` and `globs:` say what a module owns", () => {
  it("as a list, a comma-separated string, or a glob YAML would refuse", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/layers/core/GPS_AGENT.md": "---\npaths:\n  - src/gps/**\n  - src/geo/distance.ts\n---\n# GPS\n",
        ".claude/layers/core/MAP_AGENT.md": "---\nglobs: src/map/**/*.ts, src/map/style.css\n---\n# Map\n",
        ".claude/layers/core/TRIPS_AGENT.md": "---\nglobs: *.trip.ts\ndescription: Groups fixes into trips\n---\n# Trips\n",
      }),
    );
    expect(files(spec, "gps")).toEqual(["src/gps/**", "src/geo/distance.ts"]);
    expect(files(spec, "map")).toEqual(["src/map/**/*.ts", "src/map/style.css"]);
    expect(files(spec, "trips")).toEqual(["*.trip.ts"]);
    expect(spec.warnings.filter((w) => w.code === "NO_FILES")).toEqual([]);
  });
});

describe("a flat `.claude/modules/<name>.md` that says what it owns is a module spec", () => {
  it("by its front matter or its Files section; a README or a note that owns nothing is not", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/CLAUDE.md": "# Invoicing\n",
        ".claude/modules/billing.md": "---\ndescription: Billing rules and invoices\nglobs: src/billing/**\n---\n# Billing\n\nDepends on: customers\n",
        ".claude/modules/customers.md": "# Customers\n\n## Files\n- src/customers/record.ts\n",
        ".claude/modules/README.md": "# Modules\n\n**Files:** src/\n",
        ".claude/modules/style-notes.md": "# How we name things\n",
        "src/billing/invoice.ts": "",
        "src/customers/record.ts": "",
      }),
    );
    expect(spec.modules.map((m) => [m.id, m.layer, m.specFile])).toEqual([
      ["billing", "modules", ".claude/modules/billing.md"],
      ["customers", "modules", ".claude/modules/customers.md"],
    ]);
    expect(files(spec, "billing")).toEqual(["src/billing/**"]);
    expect(spec.modules[0]!.dependencies.map((d) => d.id)).toEqual(["customers"]);
  });
});

describe("a file tree drawn under a Structure heading", () => {
  it("is the module's files; one under Project Structure is not", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/layers/core/QUEUE_AGENT.md": "# Queue\n\n## 📂 Directory Layout\n\n```text\nsrc/queue/\n├── index.ts\n└── retry/\n    └── backoff.ts\n```\n",
        ".claude/layers/core/SMTP_AGENT.md": "# SMTP\n\n**Module**: `src/smtp.ts`\n\n## Project Structure\n\n```\nsrc/\n├── smtp.ts\n└── queue/\n```\n",
      }),
    );
    expect(files(spec, "queue")).toEqual(["src/queue/index.ts", "src/queue/retry/backoff.ts"]);
    expect(files(spec, "smtp")).toEqual(["src/smtp.ts"]);
  });
});
