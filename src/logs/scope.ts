import type { TaskAnalysis } from "../analyze/types.js";
import type { LogError } from "./types.js";
import type { SpecTree, Warning } from "../spec/types.js";
import { logMapper } from "./map.js";
import { readLog, type LogFile } from "./read.js";

const SHOWN_FRAMES = 5;

/**
 * The analysis with the log's evidence added: the modules where its errors
 * happened (each error's innermost project frame, or its logger), ahead of those
 * the request names. Callers further up a stack are evidence, not scope: a bug in
 * the journal surfacing through the importer and the CLI is the journal's.
 * A log that names no project file changes nothing and says so in a warning;
 * nothing is guessed. `logPath` (`--log`) wins over a log the request mentions.
 */
export function scopeFromLog(analysis: TaskAnalysis, spec: SpecTree, logPath?: string): { analysis: TaskAnalysis; warnings: Warning[]; log?: LogFile } {
  const path = logPath ?? analysis.log;
  if (!path) return { analysis, warnings: [] };
  const log = readLog(spec.root, path);
  const read: Warning[] = [...(log.truncated ? [{ code: "LOG_TRUNCATED", message: log.truncated, file: log.path }] : []), ...(log.searched ? [{ code: "LOG_TAIL_SEARCHED", message: log.searched, file: log.path }] : [])];
  const map = logMapper(spec);
  const mapping = map(log.errors);
  // A log handed over with nothing else to go on is a bug report.
  const type = analysis.type === "general" ? "debug" : analysis.type;
  if (mapping.unmatched) {
    const found = log.errors.length ? `${log.errors.length} error${log.errors.length === 1 ? "" : "s"}, none in a file the project owns` : "no error the log parsers recognise";
    return {
      analysis: { ...analysis, type, log: log.path, because: [...analysis.because, `log ${log.path}: no project file`] },
      warnings: [...read, { code: "LOG_NAMES_NO_PROJECT_FILE", message: `The log names no project file (${found}); the scope comes from the request alone`, file: log.path }],
      log,
    };
  }
  const named = analysis.scope.kind === "modules" ? analysis.scope.ids : [];
  const stacked = stackedFiles(log.errors);
  const innermost = log.errors.filter((e) => !repeated(e, stacked)).map((e) => map([e]).frames[0]).filter((f) => f !== undefined);
  const ids = [...new Set([...innermost.map((f) => f.module), ...named])];
  const seen = new Set<string>();
  const frames = innermost
    .map((f) => `${f.file}${f.line ? `:${f.line}` : ""} -> ${f.module}`)
    .filter((text) => !seen.has(text) && seen.add(text))
    .slice(0, SHOWN_FRAMES);
  // The log decided: where the errors happened is strong evidence, and no fallback remains.
  const { nearest: _fallback, ...rest } = analysis;
  const evidence = innermost.map((f) => ({ target: f.module, kind: "module" as const, source: "files" as const, words: [`${f.file}${f.line ? `:${f.line}` : ""}`] }));
  return {
    analysis: { ...rest, type, scope: { kind: "modules", ids }, log: log.path, because: [...analysis.because, `log ${log.path}`, ...frames], confidence: 0.95, evidence: [...evidence, ...(analysis.evidence ?? [])] },
    warnings: read,
    log,
  };
}

/**
 * A failure shown again by its test's file alone (pytest's `FAILED tests/test_cli.py::test_x - ...`
 * summary) after a stack that runs through that file: where it happened is that stack's, not the test's.
 */
function repeated(error: LogError, stacked: ReadonlySet<string>): boolean {
  const only = error.frames.length === 1 ? error.frames[0] : undefined;
  return only !== undefined && only.line === undefined && stacked.has(only.file);
}

/** The files the log's stacks (errors of more than one frame) run through, gathered once for `repeated`. */
function stackedFiles(errors: readonly LogError[]): Set<string> {
  return new Set(errors.flatMap((e) => (e.frames.length > 1 ? e.frames.map((f) => f.file) : [])));
}
