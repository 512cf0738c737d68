import type { CheckResult, GateResult } from "./types.js";

/**
 * What a retry prompt carries for a failed gate: each failed blocking check (name, kind,
 * message, then its output verbatim in a fence), then failed warning checks under their own
 * heading, since they need not be fixed but are worth knowing. `dir`: where the gate ran; its
 * paths are written relative to it (`services/src/stats.cpp:38:24: error: ...`), since the retry
 * works in a worktree of its own and the gate's worktree is gone (a compiler names files by the
 * absolute paths CMake gives it).
 */
export function formatGateFailure(result: GateResult, dir?: string): string {
  const failed = result.checks.filter((c) => !c.ok);
  const blocking = failed.filter((c) => c.blocking);
  const warnings = failed.filter((c) => !c.blocking);
  const where = result.level === "system" ? "The system gate" : `The ${result.level} gate for \`${result.target}\``;
  const lines: string[] = [];
  if (blocking.length > 0) lines.push(`${where} failed: ${blocking.length} of ${result.checks.length} checks did not pass.`);
  else if (result.cancelled) lines.push(`${where} was cancelled before it finished.`);
  else lines.push(`${where} passed.`);
  for (const check of blocking) lines.push("", ...section(check));
  if (warnings.length > 0) {
    lines.push("", "Warnings (not blocking):");
    for (const check of warnings) lines.push("", ...section(check));
  }
  if (result.cancelled && blocking.length > 0) lines.push("", "The gate was cancelled before every check ran.");
  const text = lines.join("\n");
  return dir ? relativeTo(text, dir) : text;
}

/** `text` with `dir/x` written `x`, and `dir` alone `.`: not `dir-2` or `dir.old`, other folders' names. */
function relativeTo(text: string, dir: string): string {
  const root = dir.replace(/\/+$/, "");
  if (root === "") return text;
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`${escaped}(?:/|(?![\\w.-]))`, "g"), (m) => (m.endsWith("/") ? "" : "."));
}

function section(check: CheckResult): string[] {
  const head = `### ${check.name} (${check.kind}): ${check.message}`;
  if (!check.output) return [head];
  // A fence longer than any run of backticks in the output, so the output cannot close it.
  const longest = Math.max(0, ...[...check.output.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [head, fence, check.output, fence];
}

/**
 * One line for the live view: "tests 23/23, coverage 87%, architecture ok". A passing
 * command shows what it measured (or "<name> ok"); other passing checks show "<name> ok";
 * a failed check shows "<name> failed (<message>)", "<name> warning (<message>)" when not blocking.
 */
export function summarizeGate(result: GateResult): string {
  const parts = result.checks.map((c) => {
    if (!c.ok) return `${c.name} ${c.blocking ? "failed" : "warning"} (${c.message})`;
    if (c.skipped) return `${c.name} skipped`;
    if (c.kind === "command" && (c.tests || c.coverage !== undefined)) return c.message;
    return `${c.name} ok`;
  });
  if (result.cancelled) parts.push("cancelled");
  return parts.join(", ") || "no checks";
}
