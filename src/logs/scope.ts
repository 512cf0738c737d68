import type { TaskAnalysis } from "../analyze/types.js";
import type { SpecTree, Warning } from "../spec/types.js";
import { mapLogToModules } from "./map.js";
import { readLog } from "./read.js";

const SHOWN_FRAMES = 5;

/**
 * The analysis with the log's evidence added: the modules its stack frames (or
 * logger names) point at, innermost first, ahead of those the request names.
 * A log that names no project file changes nothing and says so in a warning;
 * nothing is guessed. `logPath` (`--log`) wins over a log the request mentions.
 */
export function scopeFromLog(analysis: TaskAnalysis, spec: SpecTree, logPath?: string): { analysis: TaskAnalysis; warnings: Warning[] } {
  const path = logPath ?? analysis.log;
  if (!path) return { analysis, warnings: [] };
  const log = readLog(spec.root, path);
  const mapping = mapLogToModules(log.errors, spec);
  // A log handed over with nothing else to go on is a bug report.
  const type = analysis.type === "general" ? "debug" : analysis.type;
  if (mapping.unmatched) {
    const found = log.errors.length ? `${log.errors.length} error${log.errors.length === 1 ? "" : "s"}, none in a file the project owns` : "no error the log parsers recognise";
    return {
      analysis: { ...analysis, type, log: log.path, because: [...analysis.because, `log ${log.path}: no project file`] },
      warnings: [{ code: "LOG_NAMES_NO_PROJECT_FILE", message: `The log names no project file (${found}); the scope comes from the request alone`, file: log.path }],
    };
  }
  const named = analysis.scope.kind === "modules" ? analysis.scope.ids : [];
  const ids = [...new Set([...mapping.modules, ...named])];
  const frames = mapping.frames.slice(0, SHOWN_FRAMES).map((f) => `${f.file}${f.line ? `:${f.line}` : ""} -> ${f.module}`);
  return {
    analysis: { ...analysis, type, scope: { kind: "modules", ids }, log: log.path, because: [...analysis.because, `log ${log.path}`, ...frames] },
    warnings: [],
  };
}
