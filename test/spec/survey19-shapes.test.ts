import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

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
