import { UsageError } from "../errors.js";
import type { SpecTree } from "../spec/types.js";
import { findMentions } from "./mentions.js";
import { findNames } from "./names.js";
import { resolveScope } from "./scope.js";
import { mask } from "./text.js";
import { detectType } from "./type.js";
import { TASK_TYPES, type TaskAnalysis, type TaskType } from "./types.js";

export interface AnalyzeOptions {
  /** Task type given with `--type`; skips keyword scoring. @default scored from the request */
  type?: TaskType;
}

/**
 * Reads a request such as "fix bug in the order book, see logs/error.log" against the
 * spec tree: task type, scope, the words that decided both, and the log file named.
 * Pure: the log is returned as a path, never read.
 *
 * Each pass masks what it used, so a word serves one purpose: explicit tokens and
 * paths first (`logs/error.log` says nothing about type), then layer and module names
 * (a module called `errors` is not a debug keyword), then keywords.
 *
 * @throws UsageError for `layer/x` or `module/x` naming no layer or module, or an unknown `type`.
 */
export function analyzeTask(request: string, spec: SpecTree, options: AnalyzeOptions = {}): TaskAnalysis {
  if (options.type !== undefined && !TASK_TYPES.includes(options.type)) {
    throw new UsageError(`Expected \`--type\` to be one of ${TASK_TYPES.join(", ")}, got \`${String(options.type)}\``);
  }
  const mentions = findMentions(request, spec);
  const prose = mask(request, mentions.spans);
  const names = findNames(prose, spec);
  const rest = mask(prose, names);

  const type = options.type ? { type: options.type, words: [`--type ${options.type}`] } : detectType(rest);
  const scope = resolveScope(spec, mentions, names, rest);
  const analysis: TaskAnalysis = { type: type.type, scope: scope.scope, because: [...type.words, ...scope.because] };
  if (mentions.log !== undefined) analysis.log = mentions.log;
  return analysis;
}

export { detectType, type TypeResult } from "./type.js";
export { KEYWORDS, NEUTRAL, PRECEDENCE } from "./keywords.js";
export type { Scope, TaskAnalysis, TaskType } from "./types.js";
export { TASK_TYPES } from "./types.js";
