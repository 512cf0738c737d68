import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../plan/types.js";
import { UsageError } from "../errors.js";
import { agentFileOf } from "../spec/unread.js";
import { otherAgentsHint } from "../spec/other-agents.js";
import { otherFormatSpecs } from "../spec/unread-formats.js";
import { unplacedSectionsHint } from "../spec/system-sections.js";

/**
 * What a tree without module specs lacks, where it was looked for and how to make one: `check`,
 * `plan` and `run` say it alike. A project of Claude Code's own subagents (`.claude/agents/*.md`)
 * is told that those are not module specs.
 */
export function noModuleSpecs(root: string): string {
  const elsewhere = specsElsewhere(root);
  const subagents = markdownIn(join(root, ".claude", "agents")).filter((name) => !AGENT_FILE.test(name));
  const agents = subagents.length > 0 ? `; .claude/agents/ holds ${subagents.length === 1 ? "a Claude Code subagent" : `${subagents.length} Claude Code subagents`}, not module specs${renameHint(subagents)}` : "";
  const shown = elsewhere.slice(0, 3).join(", ") + (elsewhere.length > 3 ? ` and ${elsewhere.length - 3} more` : "");
  const moved = elsewhere.length > 0 ? `; ${shown} ${elsewhere.length === 1 ? "is a module spec" : "are module specs"} outside it: move ${elsewhere.length === 1 ? "it" : "them"} into a layer's folder, .claude/layers/<layer>/modules/` : "";
  return `the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}${moved}${agents}${rootFolderNotes(root)}${otherFormats(root)}${otherAgentsHint(root)}${unplacedSectionsHint(root, readText)}; \`orchestrate init --from-code\` derives a tree from the project's code`;
}

const AGENT_FILE = /(?:_AGENT|\.agent)\.md$/i;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** `; .claude/layers/core/modules/billing.yaml is not read: ...`: the first spec written in another format than Markdown, and how many more. */
function otherFormats(root: string): string {
  const [first, ...rest] = otherFormatSpecs(root);
  if (!first) return "";
  return `; ${first.file} ${first.message.replace(/^Not read: /, "is not read: ")}${rest.length ? ` (and ${rest.length} more such file${rest.length === 1 ? "" : "s"}: \`orchestrate check\` lists them once the tree has a module)` : ""}`;
}

/** `<NAME>_AGENT.md` files elsewhere in .claude/ (a flat `.claude/modules/`, `.claude/agents/`), two folders deep at most. */
function specsElsewhere(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith(".") || (depth === 0 && e.name === "layers")) continue;
      if (e.isFile() && AGENT_FILE.test(e.name)) found.push(`${rel}/${e.name}`);
      else if (e.isDirectory() && depth < 2) walk(`${rel}/${e.name}`, depth + 1);
    }
  };
  walk(".claude", 0);
  return found;
}

/**
 * `; billing/CLAUDE.md and ledger/CLAUDE.md describe folders at the project's root: ...` for a Claude Code
 * user's notes per folder: read as module specs in a folder of packages (`src/billing/CLAUDE.md`,
 * spec/package-specs.ts), but a folder at the root may be anything (docs/, scripts/), so they are named, not read.
 */
function rootFolderNotes(root: string): string {
  let folders: string[];
  try {
    folders = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
      .map((e) => e.name)
      .sort();
  } catch {
    return "";
  }
  const notes = folders.flatMap((f) => ["CLAUDE.md", "AGENTS.md"].filter((n) => markdownIn(join(root, f)).includes(n)).slice(0, 1).map((n) => `${f}/${n}`));
  if (notes.length === 0) return "";
  const shown = notes.slice(0, 3).join(", ") + (notes.length > 3 ? ` and ${notes.length - 3} more` : "");
  const first = notes[0]!.split("/")[0]!;
  return `; ${shown} ${notes.length === 1 ? "describes a folder" : "describe folders"} at the project's root, read as module specs only in a folder of packages (src/, packages/, apps/, ...): for each module, write .claude/layers/<layer>/${agentFileOf(first)} with **Files**: \`${first}/\``;
}

/** Markdown files directly in `dir`, by name; none when it cannot be read. */
function markdownIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".md"))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * How a subagent named for a module (`money-agent.md`) becomes a module spec: by saying what it
 * owns (spec/subagent-modules.ts), which keeps it Claude Code's subagent, or renamed. Said for the
 * first such name only; a subagent named for a task (`code-reviewer.md`) is left alone.
 */
function renameHint(subagents: string[]): string {
  const named = subagents.find((n) => /[._-]agent\.md$/i.test(n));
  if (!named) return "";
  const renamed = agentFileOf(named.replace(/[._-]agent\.md$/i, ""));
  return ` (one named for a module is read as its spec once it says what it owns, a \`files:\` key in its front matter listing the module's paths, or once renamed: .claude/agents/${named} -> .claude/agents/${renamed})`;
}

/**
 * The error of a plan with no module (exit 2): `plan` and `run` refuse it alike, naming why: the
 * tree has no module specs, or the layer asked for has none. Undefined for a plan with modules.
 */
export function emptyPlan(verb: "run" | "plan", spec: { root: string; modules: readonly unknown[] }, plan: Plan): UsageError | undefined {
  if (plan.modules.length > 0) return undefined;
  const scope = plan.analysis.scope;
  const why = spec.modules.length === 0 ? noModuleSpecs(spec.root) : scope.kind === "layer" ? `layer \`${scope.id}\` has no module specs` : "its scope holds no module";
  return new UsageError(`Nothing to ${verb}: the plan has no modules (${why})`);
}
