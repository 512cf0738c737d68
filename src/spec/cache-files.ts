import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { VERSION } from "../package.js";
import { mkdirPrivate, PRIVATE_FILE } from "../redact/files.js";
import type { DerivedFacts } from "./derived.js";
import type { ParsedModule } from "./module.js";
import { isIndexData, type IndexData } from "./stat-index.js";
import type { Dependency, Warning } from "./types.js";

/** The files of the spec cache (spec/cache.ts), and what both its readers share. */

/**
 * What resolving the modules' references against each other gave: each module's
 * dependencies (in the order of the tree's modules) and the warnings, in order. A function
 * of the specs' texts and of the files under owned folders, so it is kept under the tree's
 * key, unless resolution read source files (a stub's name looked up in what modules define):
 * those can change without any spec changing, and such a tree is resolved every time.
 */
export interface Resolution {
  dependencies: Dependency[][];
  warnings: Warning[];
}

/**
 * What resolving a tree needs of a module's parse besides the module itself: a third of the
 * cache, kept apart in `refs.json` and read only when a tree is resolved again (an unchanged
 * tree's resolution is kept, so a run of it never reads them).
 */
export type References = Pick<ParsedModule, "references" | "dependencySections" | "notes">;

/** A module's parse without its `References`: all a tree whose resolution is kept needs. */
export type Unresolved = Omit<ParsedModule, keyof References>;

/** What is stored per spec: the parse without its body (a suffix of the file's text) or references, and the plan's facts. */
export interface Entry {
  /** `fileLines` as pairs: as JSON object keys, each module's own paths cost a hidden class each to parse. */
  module: Omit<Unresolved, "body" | "fileLines"> & { fileLines?: [string, number][] };
  /** The body is `source.slice(bodyStart)`. */
  bodyStart: number;
  /** The body's digest (as the plan has it) and what the plan derives from the body. */
  digest: string;
  facts: DerivedFacts;
}

export interface SpecsFile {
  stamp: string;
  entries: Record<string, Entry>;
  tree?: { key: string; resolution: Resolution };
}

/** `refs.json`: each spec's `References`, by content key. */
export interface RefsFile {
  stamp: string;
  entries: Record<string, References>;
}

export interface IndexFile extends IndexData {
  stamp: string;
}

export interface DerivedFile {
  stamp: string;
  treeKey: string;
  /** The tree's owned folders: listed again to make its key without parsing its specs. */
  folders: string[];
  values: [name: string, value: unknown][];
}

export const SPECS = "specs.json";
export const REFS = "refs.json";
export const INDEX = "index.v8";
export const DERIVED = "derived.v8";
export const LISTING = "listing.v8";
export const TEXTS = "texts.bin";
/** Values kept per tree: a few requests planned in turn each find theirs. */
export const MAX_DERIVED = 4;

export function cacheDir(root: string): string {
  return join(root, ".orchestrate", "cache");
}

let stampOfCode: string | undefined;

/** orchestrate's version and a hash of the code in spec/, which parses specs and derives their facts. */
export function parserStamp(): string {
  if (stampOfCode === undefined) {
    const hash = createHash("sha256").update(VERSION);
    const here = dirname(fileURLToPath(import.meta.url));
    const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
    const files = readdirSync(here).filter((f) => f.endsWith(ext)).map((f) => join(here, f));
    for (const file of files.sort()) hash.update(file.slice(here.length)).update(readFileSync(file));
    stampOfCode = `${VERSION}-${hash.digest("hex").slice(0, 16)}`;
  }
  return stampOfCode;
}

/**
 * The key of a tree: its files' keys in order (joined by line ends; text or its UTF-8, which
 * hash alike), its shape (as `shapeKey` gives it), its owned folders and the files in them,
 * under the parser's stamp.
 */
export function treeKeyOf(keys: string | Uint8Array, shape: string, folders: string[], projectFiles: string[]): string {
  const hash = createHash("sha256").update(parserStamp()).update("\0").update(shape).update("\0").update(keys);
  return hash.update("\0").update(folders.join("\n")).update("\0").update(projectFiles.join("\n")).digest("base64url");
}

/** A listing's shape (spec/listing.ts) as the tree's key takes it: short enough to keep with a listing. */
export function shapeKey(shape: string): string {
  return createHash("sha256").update(shape).digest("base64url");
}

/** Writes `data` (or its pieces, in turn) to a temporary file renamed over `file`: a reader finds the old file or the new one, whole. */
export function writeAtomic(file: string, data: string | Buffer | Iterable<string | Buffer>): void {
  mkdirPrivate(dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  if (typeof data === "string" || Buffer.isBuffer(data)) {
    writeFileSync(tmp, data, { mode: PRIVATE_FILE });
  } else {
    const fd = openSync(tmp, "w", PRIVATE_FILE);
    try {
      writePieces(fd, data);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
}

/** Bytes gathered before a write: small pieces (a spec's text each) are not a system call each. */
const WRITE_BYTES = 256 * 1024;

/** Writes `pieces` to `fd` in turn, through one buffer reused for all of them: a new one each time is new memory each time (a page fault per 4 KB). */
function writePieces(fd: number, pieces: Iterable<string | Buffer>): void {
  let buffer = Buffer.allocUnsafe(WRITE_BYTES);
  let filled = 0;
  const write = (bytes: Buffer, length: number) => {
    for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at);
  };
  for (const piece of pieces) {
    // Room for the longest UTF-8 a string can be (3 bytes a UTF-16 unit), without measuring it first.
    const most = Buffer.isBuffer(piece) ? piece.length : 3 * piece.length;
    if (filled + most > buffer.length) {
      write(buffer, filled);
      filled = 0;
    }
    if (Buffer.isBuffer(piece) && most > buffer.length) write(piece, piece.length);
    else {
      if (most > buffer.length) buffer = Buffer.allocUnsafe(most);
      filled += Buffer.isBuffer(piece) ? piece.copy(buffer, filled) : buffer.write(piece, filled);
    }
  }
  write(buffer, filled);
}

/** The stat index (v8-serialised: its stats a typed array, read as one copy). */
export function readIndex(file: string, stamp: string): IndexData | undefined {
  try {
    const data = deserialize(readFileSync(file)) as Partial<IndexFile> | undefined;
    return data?.stamp === stamp && isIndexData(data) ? { scanned: data.scanned, files: data.files, stats: data.stats, keys: data.keys } : undefined;
  } catch {
    return undefined;
  }
}

export function writeIndex(file: string, stamp: string, index: IndexData): void {
  writeAtomic(file, serialize({ stamp, ...index } satisfies IndexFile));
}

export function readDerived(file: string, stamp: string): DerivedFile | undefined {
  try {
    const data = deserialize(readFileSync(file)) as DerivedFile;
    const valid = data && data.stamp === stamp && typeof data.treeKey === "string" && Array.isArray(data.values) && Array.isArray(data.folders) && data.folders.every((f) => typeof f === "string");
    return valid ? data : undefined;
  } catch {
    return undefined;
  }
}
