import type { ChangeSection } from "./changelog.js";
import { oneLine } from "./lines.js";

export interface ModuleEntry {
  module: string;
  layer?: string;
  summary: string;
  /** Paths relative to the project root, listed in the order given. */
  files?: string[];
  /** Why the files it changed are not known; shown instead of a list ("Files: unknown (...)"). */
  filesUnknown?: string;
  tests?: { passed: number; total: number; unit?: "packages" };
  /** Percent, 0 to 100. */
  coverage?: number;
  performance?: string;
  /** For fixes: why it broke, shown as a nested bullet. */
  rootCause?: string;
  /** For fixes: what changed, shown as a nested bullet. */
  resolution?: string;
}

/** Longer file lists are cut to this many names plus "and N more", to keep one bullet readable. */
const MAX_FILES = 8;

/**
 * One changelog bullet for a module's work, e.g.
 * ``**journal** (core): Balanced posting validation. Files: `ledger/core/journal.py`. Tests 12/12, coverage 91%.``
 * Fixes carry their root cause and resolution as nested bullets.
 */
export function formatModuleEntry(e: ModuleEntry): string {
  const layer = e.layer ? ` (${oneLine(e.layer)})` : "";
  const parts = [`**${oneLine(e.module)}**${layer}: ${sentence(e.summary)}`];
  const files = [...new Set(e.files ?? [])];
  if (e.filesUnknown?.trim()) parts.push(`Files: unknown (${oneLine(e.filesUnknown)}).`);
  else if (files.length > 0) {
    const shown = files.slice(0, MAX_FILES).map(code);
    const more = files.length > MAX_FILES ? ` and ${files.length - MAX_FILES} more` : "";
    parts.push(`Files: ${shown.join(", ")}${more}.`);
  }
  const checks: string[] = [];
  // A gate that ran no test (a crate with none, Django's `Ran 0 tests`) says nothing of the work: no `Tests 0/0.`.
  if (e.tests && e.tests.total > 0) checks.push(`${e.tests.unit ?? "tests"} ${e.tests.passed}/${e.tests.total}`);
  if (e.coverage !== undefined && Number.isFinite(e.coverage)) checks.push(`coverage ${round(e.coverage)}%`);
  if (checks.length > 0) parts.push(capitalize(`${checks.join(", ")}.`));
  if (e.performance?.trim()) parts.push(`Performance: ${sentence(e.performance)}`);
  const nested: string[] = [];
  if (e.rootCause?.trim()) nested.push(`- Root cause: ${sentence(e.rootCause)}`);
  // A fix's entry is its reply's line already (a debug module has no Purpose to lead with): the same line again says nothing.
  if (e.resolution?.trim() && sentence(e.resolution) !== sentence(e.summary)) nested.push(`- Resolution: ${sentence(e.resolution)}`);
  return [parts.join(" "), ...nested].join("\n");
}

/** A line of a README's feature list or a changelog entry, at most: a reply's paragraph is not a line. */
const REPLY_LINE_CHARS = 200;

/**
 * What an agent's reply says it did, in one line: its first line that says something, not a
 * heading, a rule, or a lead-in ending in a colon ("Here is what I changed:"), its bullet and
 * emphasis marks taken off, cut at 200 characters. "" when no line says anything.
 */
export function replyLine(reply: string | undefined): string {
  for (const raw of (reply ?? "").split(/\r?\n/)) {
    const line = raw.trim().replace(/^(?:[-*+]|\d+[.)])\s+/, "").replace(/^(\*\*|__)(.*)\1$/, "$2").trim();
    if (!line || /^#{1,6}\s/.test(line) || /^[-*_=]{3,}$/.test(line) || /:$/.test(line)) continue;
    const one = oneLine(line);
    return one.length > REPLY_LINE_CHARS ? `${one.slice(0, REPLY_LINE_CHARS - 1).trimEnd()}…` : one;
  }
  return "";
}

/**
 * A module's line in the README's feature list: what it is for (its spec's purpose) and what
 * its last run changed, in its agent's words (`Double-entry journal. Last change: Added
 * balanced posting validation.`); either alone when the other is missing.
 */
export function featureSummary(purpose: string | undefined, reply: string | undefined): string {
  const change = replyLine(reply);
  const what = purpose?.trim() ? sentence(purpose) : "";
  if (!change) return what || "done";
  return what ? `${what} Last change: ${sentence(change)}` : sentence(change);
}

/** Which changelog subsection a task's code changes go under; analysis changes no code. */
export function sectionForTask(
  type: "implement" | "debug" | "refactor" | "analyze" | "optimize" | "general",
): ChangeSection | undefined {
  switch (type) {
    case "implement":
      return "Added";
    case "debug":
      return "Fixed";
    case "refactor":
    case "optimize":
    case "general":
      return "Changed";
    case "analyze":
      return undefined;
  }
}

function sentence(text: string): string {
  const line = oneLine(text);
  return /[.!?…]$/.test(line) ? line : `${line}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A code span that survives backticks inside the path. */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
