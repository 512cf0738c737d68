import { compileErrorFiles } from "../validate/compile-error.js";
import type { AttemptOutcome } from "./attempt.js";
import type { RunContext } from "./context.js";

/**
 * A module gate that does not compile in files other modules own: the attempt changed something
 * they use (a C++ header whose field a dependent reads; CMake builds every target). Its failure says
 * whose files they are, for the retry and the user: the module's agent may not change them, and the
 * compiler's message alone reads as a fault of this module's code.
 */
export function brokenElsewhere(ctx: RunContext, moduleId: string, outcome: AttemptOutcome, dir: string): AttemptOutcome {
  const check = ctx.hooks.ownership;
  if (!check || !outcome.gate || outcome.failure?.code !== "GATE_FAILED") return outcome;
  const prefix = `${dir.replace(/\/+$/, "")}/`;
  const files = new Set<string>();
  for (const c of outcome.gate.checks) {
    if (c.ok || !c.blocking || !c.output) continue;
    for (const file of compileErrorFiles(c.output)) files.add(file.startsWith(prefix) ? file.slice(prefix.length) : file);
  }
  const others = [...files].flatMap((file) => {
    const owners = check.ownersOf(file);
    return owners.length > 0 && !owners.includes(moduleId) ? [`\`${file}\` (${owners.join(", ")})`] : [];
  });
  if (others.length === 0) return outcome;
  const note = `It does not compile in files other modules own: ${others.join(", ")}. They use what \`${moduleId}\` provides, and this change broke them: keep what they use working (their files are not this module's to change), or make the change in a run that takes those modules in too.`;
  return { ...outcome, failure: { ...outcome.failure, message: `${outcome.failure.message}\n\n${note}` } };
}
