import type { PlanModule } from "../plan/types.js";

/** A "Root cause:" that names none: `none found`, `unknown`, `not determined`, `n/a`. */
const NONE = /^(?:none(?: found)?|unknown|not (?:found|known|determined|identified)|undetermined|unclear|n\/a|no (?:root )?cause(?: found)?)\b/i;
/** Words that say the search came up empty, wherever they stand. */
const EMPTY = /\b(?:could not|couldn't|cannot|can't|unable to|did not|didn't|failed to) (?:find|identify|determine|locate|reproduce|pinpoint)\b|\bno (?:bug|cause|defect|fault|error|issue|problem)s? (?:was |were )?(?:found|identified|visible|apparent)\b/i;
/** A place in the code: `src/ledger.py:41`, `ledger.py line 41`. */
const PLACE = /[\w./-]+\.\w+(?::\d+| line \d+)/;

/** The diagnosis's `Root cause:` line's text, when it has one. */
function rootCause(diagnosis: string): string | undefined {
  return /^[ \t]*\**root cause\**[ \t]*:\**[ \t]*(.*)$/im.exec(diagnosis)?.[1]?.trim();
}

/**
 * Whether a diagnosis found nothing to fix: its `Root cause:` says none (`none found`, `unknown`) or
 * that the search came up empty, and names no place in the code; without that line, its text says it
 * came up empty and names no place. A cause given in any words, with a file or not, is a cause.
 */
export function nothingFound(diagnosis: string): boolean {
  const cause = rootCause(diagnosis);
  if (cause !== undefined) return (cause === "" || NONE.test(cause) || EMPTY.test(cause)) && !PLACE.test(cause);
  return EMPTY.test(diagnosis) && !PLACE.test(diagnosis);
}

/**
 * The line that says so: what was searched (the diagnosis's `Evidence:`, else the module's files and
 * the log) and, when the run stops there, what to give next.
 */
export function noCauseLine(module: PlanModule, diagnosis: string, logPath: string | undefined, stop: boolean): string {
  const evidence = /^[ \t]*\**evidence\**[ \t]*:\**[ \t]*(.+)$/im.exec(diagnosis)?.[1]?.trim();
  const files = module.files.length ? module.files.slice(0, 5).join(", ") + (module.files.length > 5 ? ` and ${module.files.length - 5} more` : "") : "its spec";
  const searched = evidence || `${files}${logPath ? ` and the log ${logPath}` : ", with no log given"}`;
  const next = stop ? `; give it more to go on: ${logPath ? "a fuller log" : "the error's log (`--log FILE`)"}, a stack trace, or a failing test that shows the bug` : "; the other modules' causes are fixed";
  return `${module.id}: its diagnosis found no cause, so no fix was attempted (searched: ${searched})${next}`;
}
