import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from "node:fs";

/** What `readCapped` found: the text, and whether only the file's end was read. */
export interface CappedText {
  text: string;
  /** True when the file was larger than the cap and only its last bytes were read. */
  truncated: boolean;
}

const CHUNK = 64 * 1024;

/**
 * Reads at most `maxBytes` of a file as UTF-8, never more, whatever the file is: an
 * endless device (`/dev/zero`) or a pipe stops at the cap instead of filling memory.
 * A regular file larger than the cap is read from its end when `tail` is set (a log's
 * crash is at its end), starting at a line boundary; otherwise, and for anything that is
 * not a regular file and goes past the cap, the result is `undefined`: too large.
 * A named pipe nobody writes to reads as empty instead of waiting for a writer forever;
 * with `fileOnly`, anything but a regular file (a named pipe, a device) throws, for `fsProblem` to word.
 * @throws the `fs` error (ENOENT, EISDIR, EACCES) when the file cannot be opened or read.
 */
export function readCapped(path: string, maxBytes: number, options: { tail?: boolean; fileOnly?: boolean } = {}): CappedText | undefined {
  return readCappedStat(path, maxBytes, options).read;
}

/**
 * `readCapped`, with the file's stat: taken after opening it and before reading, so that a
 * write after it shows as a changed stat (spec/stat-index.ts).
 */
export function readCappedStat(path: string, maxBytes: number, options: { tail?: boolean; noFollow?: boolean; fileOnly?: boolean } = {}): { read: CappedText | undefined; stat: Stats } {
  // Non-blocking: opening a FIFO for reading blocks until a writer opens it, which may be never.
  // `noFollow`: a symbolic link fails to open (ELOOP), for a caller that judges where it leads first.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const stat = fstatSync(fd);
    // `fileOnly`: a config is a file one edits; a named pipe read as empty was no config at all, without a word.
    if (options.fileOnly && !stat.isFile() && !stat.isDirectory()) throw Object.assign(new Error(`${path} is not a regular file`), { code: NOT_A_FILE, kind: kindOf(stat) });
    return { read: readOpen(fd, stat, maxBytes, options), stat };
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, stat: Stats, maxBytes: number, options: { tail?: boolean }): CappedText | undefined {
  if (stat.isFile() && stat.size > maxBytes) {
    if (!options.tail) return undefined;
    const buffer = readAt(fd, maxBytes, stat.size - maxBytes);
    const text = buffer.toString("utf8");
    // The first line is likely cut (and may start inside a UTF-8 sequence): drop it.
    const newline = text.indexOf("\n");
    return { text: newline < 0 ? text : text.slice(newline + 1), truncated: true };
  }
  let buffer = stat.isFile() ? readAt(fd, firstReadLength(stat, maxBytes), 0, stat.size) : readAt(fd, firstReadLength(stat, maxBytes), null);
  // A regular file that grew since fstat filled the short buffer: read again up to the cap.
  if (stat.isFile() && buffer.length > stat.size) buffer = readAt(fd, maxBytes + 1, 0);
  if (buffer.length > maxBytes) return undefined;
  return { text: buffer.toString("utf8"), truncated: false };
}

/**
 * How many bytes the first read asks for: a regular file's size plus one (the extra byte
 * tells a file that grew since fstat), else the cap plus one. Not always the cap: a buffer
 * of the cap per file (256 KB for a 2 KB spec) cost 4.6 s of allocation for 10,000 specs.
 */
export function firstReadLength(stat: { isFile(): boolean; size: number }, maxBytes: number): number {
  return stat.isFile() ? Math.min(stat.size, maxBytes) + 1 : maxBytes + 1;
}

/**
 * Up to `length` bytes from `position` (null: the current position, for pipes and devices).
 * A short read that ends at `size`, the file's size by its stat, is its end: not asking again
 * saves a system call per file (each spec of a tree is read whole in one read). Other short
 * reads go on: procfs files report size 0 and hand out a page a read.
 */
function readAt(fd: number, length: number, position: number | null, size?: number): Buffer {
  // Unzeroed: only the bytes read are returned.
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const asked = Math.min(CHUNK, length - filled);
    const n = readWaiting(fd, buffer, filled, asked, position === null ? null : position + filled);
    filled += n;
    if (n === 0 || (n < asked && filled === size)) break;
  }
  return buffer.subarray(0, filled);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * `readSync` that waits while a pipe opened without blocking has a writer but no data yet
 * (`--log <(npm test 2>&1)`); a pipe whose writers are gone reads 0 bytes, its end.
 */
function readWaiting(fd: number, buffer: Buffer, offset: number, length: number, position: number | null): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, length, position);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

/**
 * Whether anything is at `path`, a symbolic link that leads nowhere or to itself included:
 * `existsSync` says no to those, and a config or `.mcp.json` that is such a link was then
 * silently no config at all.
 */
export function present(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Why a file the user gave (a config, a spec, a log) could not be read, in words a user acts on:
 * `it is a folder`, `a symbolic link to \`x\`, which does not exist`, `a symbolic link loop`.
 * Node's own message (`EISDIR: illegal operation on a directory, read`) names a system call.
 */
export function fsProblem(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT": {
      const target = linkTarget(path);
      return target === undefined ? "no such file" : `a symbolic link to \`${target}\`, which does not exist`;
    }
    case "EISDIR":
      return "it is a folder (EISDIR): expected a file";
    case "ELOOP":
      return "a symbolic link loop (ELOOP): expected a file";
    case "ENOTDIR":
      return "a path through a file (ENOTDIR)";
    case NOT_A_FILE:
      return `it is ${(error as { kind?: string }).kind ?? "not a regular file"}: expected a file`;
    case "EACCES":
    case "EPERM":
      return `permission denied (${code})`;
    default:
      return code ?? String(error);
  }
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** The code of the error `readCappedStat` throws for what is not a regular file, with `fileOnly`. */
const NOT_A_FILE = "ENOTFILE";

/** What a path that is not a regular file is, in words. */
export function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}
