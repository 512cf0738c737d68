/**
 * Known errors carry a literal `name`, a string `code` and the place they were
 * found, so the CLI can print one or two lines and exit 2 instead of a stack.
 */
export interface ErrorPlace {
  /** Path relative to the project root where possible. */
  file?: string;
  line?: number;
  /** Config key or field, dotted (`simulate.latencyMs`). */
  key?: string;
}

export type ErrorCode =
  | "SPEC_MISSING"
  | "SPEC_PARSE"
  | "SPEC_DUPLICATE_ID"
  | "SPEC_INVALID_ID"
  | "DEPENDENCY_CYCLE"
  | "CONFIG_INVALID"
  | "USAGE"
  /** No run by that id, or no unfinished run to resume. */
  | "RUN_NOT_FOUND"
  /** The run named has ended and has nothing left to resume. */
  | "RUN_ENDED"
  /** The run named is not running in this process (an MCP server cancels only its own runs). */
  | "RUN_NOT_LIVE"
  /** No memory under that key. */
  | "MEMORY_NOT_FOUND"
  | "RUN_LOCKED"
  | "AGENT_UNKNOWN"
  | "LOG_UNREADABLE"
  | "DOCS_FILE"
  | "README_MARKERS"
  /** A git command a run's isolated workspace needed failed (src/workspace). */
  | "WORKSPACE"
  /** Queued runs and workers (src/queue): a bad Redis URL or git remote, a run that cannot be queued. */
  | "QUEUE"
  /** The sandbox a run's agent needs cannot start here (Claude Code's, for the claude-code agent's Bash). */
  | "SANDBOX_UNAVAILABLE"

  /** The store's codes (src/store/errors.ts). */
  | "STORE_NOT_FOUND"
  | "STORE_CONFLICT"
  | "STORE_SCHEMA"
  | "STORE_READ_ONLY"
  | "STORE_WRITE"
  | "STORE_UNREADABLE";

export class OrchestrateError extends Error {
  override name = "OrchestrateError";
  readonly code: ErrorCode;
  readonly place: ErrorPlace;
  /** Exit code the CLI uses for this error. */
  readonly exitCode: number = 2;
  /** A bug of the engine rather than bad input: the CLI prints it with its stack and a request to report it. */
  get internal(): boolean {
    return false;
  }

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.place = place;
  }

  /** `file:line: message`, the form editors and terminals link. */
  describe(): string {
    const { file, line } = this.place;
    const where = file ? (line ? `${file}:${line}: ` : `${file}: `) : "";
    return `${where}${this.message}`;
  }
}

export class SpecError extends OrchestrateError {
  override name = "SpecError" as const;
}

/** One dependency of a cycle: `from` depends on `to`, as written at `file:line`. */
export interface CycleEdge {
  from: string;
  to: string;
  file: string;
  line?: number;
}

export class CycleError extends OrchestrateError {
  override name = "CycleError" as const;
  readonly cycle: string[];
  readonly edges: CycleEdge[];
  /** `edges`, when known, say where each dependency of the cycle is written; the first is the error's place. */
  constructor(cycle: string[], edges: CycleEdge[] = []) {
    const where = edges.map((e) => `${e.file}${e.line ? `:${e.line}` : ""} (${e.from} depends on ${e.to})`);
    const first = edges[0];
    super(
      "DEPENDENCY_CYCLE",
      `Dependency cycle: ${[...cycle, cycle[0]].join(" -> ")}${where.length ? `; remove one of these dependencies: ${where.join(", ")}` : ""}`,
      first ? { file: first.file, ...(first.line ? { line: first.line } : {}) } : {},
    );
    this.cycle = cycle;
    this.edges = edges;
  }
}

export class ConfigError extends OrchestrateError {
  override name = "ConfigError" as const;
}

export class UsageError extends OrchestrateError {
  override name = "UsageError" as const;
  constructor(message: string) {
    super("USAGE", message);
  }
}

export class RunError extends OrchestrateError {
  override name = "RunError" as const;
}

/** Describes a value for messages: `0` (number), `"x"` (string). */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "`null`";
  const type = Array.isArray(value) ? "array" : typeof value;
  // JSON has no Infinity or NaN (YAML's `.inf`, `.nan`): it would print them as `null`.
  const text = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  const short = text && text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `\`${short}\` (${type})`;
}
