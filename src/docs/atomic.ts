import { randomBytes } from "node:crypto";
import * as fsp from "node:fs/promises";
import path from "node:path";

/** The file operations `writeFileAtomic` uses; tests pass a copy with a step that fails. */
export type AtomicFs = Pick<typeof fsp, "open" | "rename" | "stat" | "unlink" | "realpath">;

/**
 * Writes `data` to `file` so that readers, and the file after a crash, see either
 * the old content or all of the new: temp file in the same directory, fsync,
 * rename over the target, fsync the directory. The target's mode is kept.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, fs: AtomicFs = fsp): Promise<void> {
  // Write through a symlink to its target rather than replacing the link.
  const target = await fs.realpath(file).catch(() => path.resolve(file));
  const mode = await fs.stat(target).then(
    (st) => st.mode & 0o7777,
    () => undefined,
  );
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let created = false;
  try {
    const handle = await fs.open(temp, "wx", mode ?? 0o666);
    created = true;
    try {
      // A string is written as UTF-8; bytes as they are (a Latin-1 changelog stays Latin-1).
      await handle.writeFile(data, typeof data === "string" ? "utf8" : undefined);
      // open() applies the umask; chmod restores the original bits exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dir);
}

/** Makes the rename durable; some platforms cannot open or fsync a directory, so best effort. */
async function syncDirectory(fs: AtomicFs, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is unsupported here (Windows, some network filesystems).
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task on the same path has settled, so that
 * concurrent read-edit-write cycles in this process do not lose each other's edits.
 * In-process only: it is not a lock between processes.
 */
export function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(task);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}
