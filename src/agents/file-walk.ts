import { constants } from "node:fs";
import { open, readdir, type FileHandle } from "node:fs/promises";
import { join } from "node:path";

/** Folders listed but never entered by a recursive walk: large, generated or not the project's. */
export const SKIPPED_DIRS = new Set([".git", "node_modules", ".orchestrate"]);

export interface WalkEntry {
  /** `/`-separated, relative to the project root (`prefix` is the walked folder's own). */
  rel: string;
  abs: string;
  kind: "file" | "dir" | "link" | "other";
}

/**
 * Yields the entries below `abs` in sorted order, depth first. Symbolic links are reported,
 * never followed, so a walk cannot leave the project. `recursive: false` lists one level.
 */
export async function* walk(abs: string, prefix: string, recursive: boolean): AsyncGenerator<WalkEntry> {
  const entries = await readdir(abs, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = prefix === "." ? entry.name : `${prefix}/${entry.name}`;
    const path = join(abs, entry.name);
    const kind = entry.isSymbolicLink() ? "link" : entry.isDirectory() ? "dir" : entry.isFile() ? "file" : "other";
    yield { rel, abs: path, kind };
    if (kind === "dir" && recursive && !SKIPPED_DIRS.has(entry.name)) yield* walk(path, rel, true);
  }
}

/**
 * Opens a file for reading only when it is a regular file: undefined for a named pipe, a
 * socket or a device. Opened without blocking, since opening a pipe nobody writes to waits
 * forever, and no abort reaches a thread stuck in open(2).
 */
export async function openRegular(abs: string): Promise<{ handle: FileHandle; size: number } | undefined> {
  const handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  const stat = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (stat.isFile()) return { handle, size: stat.size };
  await handle.close();
  return undefined;
}

/** The first `max` bytes of a file as text, or undefined when it looks binary (a NUL byte) or is not a regular file. */
export async function readText(abs: string, max: number): Promise<{ text: string; size: number } | undefined> {
  const opened = await openRegular(abs);
  if (!opened) return undefined;
  const { handle, size } = opened;
  try {
    const buffer = Buffer.alloc(Math.min(size, max));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return undefined;
    return { text: bytes.toString("utf8"), size };
  } finally {
    await handle.close();
  }
}
