import type { TaskType } from "../analyze/types.js";
import type { Plan } from "./types.js";
import type { SpecTree } from "../spec/types.js";
import { analyzeTask, scopeWarnings } from "../analyze/index.js";
import { buildPlan } from "./build.js";
import { scopeFromLog } from "../logs/scope.js";
import { readLog } from "../logs/read.js";
import { redact } from "../redact/index.js";
import { OrchestrateError } from "../errors.js";
import { insideProject } from "../inside-project.js";
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";

export interface PlanRequestOptions {
  type?: TaskType;
  log?: string;
  scope?: string;
  /** Refuse a log outside the project (MCP clients): the plan quotes the log, so it would read any file for them. @default false */
  logInsideOnly?: boolean;
}

/** From a request to its plan: type and scope, the log's evidence for a debug request, the DAG. */
export function planRequest(spec: SpecTree, request: string, options: PlanRequestOptions = {}): Plan {
  const analyzed = analyzeTask(request, spec, options);
  const logPath = options.log ?? analyzed.log;
  // A log the request only names may be a link a cloned repository planted (`logs/error.log -> ~/.aws/credentials`),
  // and the plan quotes it to the model: read outside the project only when `--log` names it.
  if (logPath !== undefined && (options.logInsideOnly || options.log === undefined)) refuseOutside(spec.root, logPath, options.logInsideOnly ? "" : "; pass it with --log to read it anyway");
  const { analysis, warnings, log: read } = scopeFromLog(analyzed, spec, options.log);
  const plan = buildPlan(spec, analysis, request);
  warnings.push(...scopeWarnings(analysis));
  // The plan carries the log's excerpt, so a run (and its resume) never reads the log again;
  // redacted here, since `plan --json` prints it as well as the prompts quoting it.
  // The log scopeFromLog read and parsed, when it is the one the analysis names: parsed once, not twice (5 MB: 1.6 s of CPU each).
  const log = !analysis.log ? undefined : read?.path === analysis.log ? read : readLog(spec.root, analysis.log);
  return { ...plan, ...(warnings.length ? { warnings: [...plan.warnings, ...warnings] } : {}), ...(log ? { log: { path: log.path, excerpt: redact(log.excerpt) } } : {}) };
}

function refuseOutside(root: string, path: string, hint: string): void {
  const absolute = resolve(root, path);
  const rel = relative(root, absolute);
  const lexicallyIn = rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  // A missing file leaks nothing: reading it says "no such file" as for any log.
  if (lexicallyIn && (!existsSync(absolute) || insideProject(root, absolute))) return;
  throw new OrchestrateError("LOG_UNREADABLE", `Cannot read log \`${path}\`: expected a file inside the project${hint}`, { file: path });
}
