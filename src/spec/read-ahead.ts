import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { readSpec } from "./listing.js";
import { statPrefix } from "./cache-index-only.js";
import { SPEC_MAX_BYTES } from "./limits.js";

/**
 * A spec file as `readSpec` reads it: its text and the stat taken before reading it; and, for a
 * file read as it is (valid UTF-8, no byte order mark nor CR), the text's length in UTF-8 bytes
 * (the file's size) and those bytes (`raw`): a view of the buffer the next batch is read into, so
 * valid only until another spec is asked for (the parse cache hashes it at once, spec/cache.ts).
 */
export type SpecRead = ReturnType<typeof readSpec> & { bytes?: number; raw?: Buffer };

/**
 * Bytes of spec files read ahead at a time: decoded as one string, past V8's large-object size
 * (128 KB) whether it is stored one or two bytes a character.
 */
const BATCH_BYTES = 256 * 1024;

/** The buffer every batch is read into: a batch, and the last file of it up to the cap with its separator. */
let shared: Buffer | undefined;
/** Batches read into `shared` so far: a file's `raw` is handed out only while its batch is the one there. */
let batches = 0;

type Ready = SpecRead | { error: unknown };

/**
 * Reads the spec files `files`, asked for in this order, a batch ahead at a time, and hands
 * out each batch's texts as slices of one string of them all. A string that large is made
 * in V8's large-object space, which the young generation's collector never copies: texts
 * read one by one were each copied twice on their way to the old generation, 44 MB of the
 * 94 MB promoted in a cold `plan` of 10,000 specs. The batch is read into one buffer, each
 * file followed by a NUL byte, and decoded at once: a string per file joined afterwards cost
 * as much again (a cold `plan` of 10,000 specs spent 0.3-0.5 s there). A file that cannot be
 * read throws when it is asked for, as reading it then would; a file asked for out of order
 * is read then.
 */
export function readAhead(root: string, files: readonly string[]): (rel: string) => SpecRead {
  const ready = new Map<string, Ready>();
  /** The batch this reader read last: the one whose files in `ready` have `raw` bytes (readBatch drops those of earlier ones). */
  let batch = -1;
  // Opened by paths relative to the project when it is the working folder, as the stat index stats them.
  const prefix = statPrefix(root);
  let next = 0;
  return (rel) => {
    if (files[next] === rel) {
      next = readBatch(root, prefix, files, next, ready);
      batch = batches;
    }
    const found = ready.get(rel);
    if (!found) return readSpec(root, rel);
    ready.delete(rel);
    if ("error" in found) throw found.error;
    // Asked for after another batch was read over its bytes (out of order, or another tree's load in between): its text only.
    if (found.raw && batch !== batches) delete found.raw;
    return found;
  };
}

/** Reads `files` from `from` into `ready`, up to `BATCH_BYTES` or a file that cannot be read; the index after the last one read. */
function readBatch(root: string, prefix: string, files: readonly string[], from: number, ready: Map<string, Ready>): number {
  const buffer = (shared ??= Buffer.allocUnsafeSlow(BATCH_BYTES + SPEC_MAX_BYTES + 2));
  batches++;
  // Files of the last batch not asked for yet (out of order): their bytes are about to be read over.
  for (const left of ready.values()) if ("raw" in left) delete left.raw;
  const batch: { rel: string; stat: Stats }[] = [];
  let filled = 0;
  let at = from;
  while (at < files.length && filled < BATCH_BYTES) {
    const rel = files[at++]!;
    const read = readPlain(prefix + rel, buffer, filled);
    if (read) {
      batch.push({ rel, stat: read.stat });
      filled += read.bytes;
      buffer[filled++] = 0;
      continue;
    }
    // Anything else (a FIFO, a file past the cap or growing, a NUL in it, an error) is read as readSpec reads it, which says why.
    try {
      ready.set(rel, readSpec(root, rel));
    } catch (error) {
      ready.set(rel, { error });
      break;
    }
  }
  if (batch.length === 0) return at;
  const joined = buffer.toString("utf8", 0, filled);
  // Line ends and byte order marks as readSpec makes them: looked for once a batch, as most specs have neither.
  const clean = !joined.includes("\r") && !joined.includes("\uFEFF");
  // Then each text is its file's bytes decoded, and as long in UTF-8 as the file: the parse cache keeps
  // that length for it (spec/text-store.ts), where measuring 10,000 texts of two-byte strings was 2 % of
  // a cold `plan`'s instructions. Not for invalid UTF-8, which decodes to replacement characters of 3 bytes.
  const exact = clean && isUtf8(buffer.subarray(0, filled));
  let start = 0;
  let byte = 0;
  for (const { rel, stat } of batch) {
    const end = joined.indexOf("\0", start);
    const text = joined.slice(start, end);
    // Hashing these bytes rather than the text spares converting the two-byte text back to UTF-8 (spec/stat-index.ts `keyOf`).
    ready.set(rel, clean ? { text, stat, ...(exact ? { bytes: stat.size, raw: buffer.subarray(byte, byte + stat.size) } : {}) } : { text: normalised(text), stat });
    start = end + 1;
    byte += stat.size + 1;
  }
  return at;
}

/**
 * Reads the regular file `path` into `buffer` at `offset`, with its stat taken after opening and
 * before reading (as readCappedStat takes it); undefined, with nothing kept, for anything but a
 * regular file of at most `SPEC_MAX_BYTES` that reads as large as its stat says and holds no NUL
 * byte, or when it cannot be opened (a symbolic link cannot). Opened without blocking: a FIFO never waits for a writer.
 */
function readPlain(path: string, buffer: Buffer, offset: number): { bytes: number; stat: Stats } | undefined {
  let fd: number;
  try {
    // Not through a symbolic link: readSpec follows one only into the project.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > SPEC_MAX_BYTES) return undefined;
    // One byte more than its size: a file that grew since its stat reads past it, and is read whole by readSpec.
    const most = stat.size + 1;
    let bytes = 0;
    for (;;) {
      const asked = most - bytes;
      const n = readSync(fd, buffer, offset + bytes, asked, bytes);
      bytes += n;
      // A short read that ends at its size is its end, as readCapped takes it: asking again to be told 0
      // was a second read per file (20,016 reads for a cold `plan` of 10,000 specs, 10,016 without).
      if (n === 0 || bytes >= most || (n < asked && bytes === stat.size)) break;
    }
    if (bytes !== stat.size) return undefined;
    // The separator of the batch's texts: a NUL in the file would cut it short.
    buffer[offset + bytes] = 0;
    return buffer.indexOf(0, offset) === offset + bytes ? { bytes, stat } : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `text` as readSpec gives it: without a byte order mark, with LF line ends. */
function normalised(text: string): string {
  const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return bare.includes("\r") ? bare.replace(/\r\n?/g, "\n") : bare;
}
