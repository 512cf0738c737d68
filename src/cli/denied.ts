/** What Node's file-system errors say the user can fix: a folder they cannot write, a read-only mount. */
const DENIED = new Set(["EACCES", "EPERM", "EROFS"]);

/**
 * `Cannot mkdir /p/.orchestrate: permission denied (EACCES)` for a file-system write this user may
 * not make (a read-only project, an init into a folder of another's), which is no bug of ours:
 * one line and exit 2, not a stack and a request to report it. Anything else: undefined.
 */
export function deniedLine(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  if (code === undefined || !DENIED.has(code) || path === undefined) return undefined;
  // Node's message is `EACCES: permission denied, mkdir '/p/.orchestrate'`: its words, without the code and call.
  const what = new RegExp(`^${code}: ([^,]+)`).exec(error.message)?.[1] ?? code;
  return `Cannot ${syscall ?? "write"} ${path}: ${what} (${code}); expected a path this user may write (check its owner and mode, and its folder's)`;
}
