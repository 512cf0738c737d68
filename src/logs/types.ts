export const LOG_FORMATS = ["python", "pytest", "node", "java", "go", "rust", "ruby", "compiler", "dotnet", "elixir", "php", "native", "swift", "json", "logfmt", "line"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** One stack frame, as the log wrote it. */
export interface Frame {
  /**
   * Path as written (`/home/ci/build/ledger/core/journal.py`, `file:///x.mjs`, `./src/x.rs`);
   * for Java and Kotlin, the package path plus the file name (`com/acme/ledger/Journal.java`).
   */
  file: string;
  line?: number;
  column?: number;
  function?: string;
}

/** One error found in a log: a traceback, stack trace, panic or `ERROR logger: message` line. */
export interface LogError {
  format: LogFormat;
  /** Exception type and message (`ValueError: bad`), or the panic message; of the root cause when chained. */
  message: string;
  /** Innermost first; for a chain, the root cause's frames first. Empty for `line` errors. */
  frames: Frame[];
  /** 1-based line of the log where this error starts. */
  line: number;
  /** 1-based line of the log where it ends (inclusive). */
  endLine: number;
  /** Logger name of a `line` error (`ledger.core.journal`). */
  logger?: string;
  /** Messages of a chained error, root cause first, when there is more than one. */
  chain?: string[];
}

/** A frame (or logger) that resolved to a file the project owns. */
export interface MappedFrame {
  /** The owned path, relative to the project root. */
  file: string;
  line?: number;
  module: string;
}

export interface LogMapping {
  /** Owning modules, unique: each error's innermost project frame first, then the callers. */
  modules: string[];
  /** The frames that decided, in log order, innermost first within an error. */
  frames: MappedFrame[];
  /** True when the log names no file (or logger) the project owns. */
  unmatched: boolean;
}
