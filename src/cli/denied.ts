/** What Node's file-system errors say the user can fix: a folder they cannot write, a read-only mount (a full disk: below). */
const DENIED = new Set(["EACCES", "EPERM", "EROFS"]);
/** Node's system calls that only read: `open` is left out, as it may be for writing. */
const READS = new Set(["stat", "lstat", "scandir", "opendir", "readdir", "access", "realpath", "readlink"]);

/**
 * `Cannot mkdir /p/.orchestrate: permission denied (EACCES)` for a file-system write this user may
 * not make (a read-only project, an init into a folder of another's), which is no bug of ours:
 * one line and exit 2, not a stack and a request to report it. Anything else: undefined.
 */
export function deniedLine(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  // A full disk is no bug either: SQLite says so with no path, Node with one.
  if (code === "SQLITE_FULL") return `Cannot write the state database (.orchestrate/state.db): ${error.message} (SQLITE_FULL); free space on its disk, then run the command again`;
  // A page damaged past the schema reads fine at open and fails only in the query that reaches it (a run's events, mid-run).
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") {
    return `Cannot read the state database (.orchestrate/state.db): ${error.message} (${code}): a part of it is damaged; move it aside and the next command makes a new one (its runs and memories are not in it; \`sqlite3 state.db .recover\` may save them)`;
  }
  if (code === "ENOSPC") return `Cannot ${syscall ?? "write"}${path === undefined ? "" : ` ${path}`}: no space left on the disk (ENOSPC); free some, then run the command again`;
  if (code === undefined || !DENIED.has(code) || path === undefined) return undefined;
  // Node's message is `EACCES: permission denied, mkdir '/p/.orchestrate'`: its words, without the code and call.
  const what = new RegExp(`^${code}: ([^,]+)`).exec(error.message)?.[1] ?? code;
  // A stat or a listing refused is a path this user may not read (a folder above it closed to them), not one to write.
  const may = syscall !== undefined && READS.has(syscall) ? "read" : "write";
  return `Cannot ${syscall ?? "write"} ${path}: ${what} (${code}); expected a path this user may ${may} (check its owner and mode, and its folder's)`;
}
