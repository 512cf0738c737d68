import { randomBytes } from "node:crypto";
import { open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes `content` to `file` by writing a temp file beside it and renaming it over the
 * old one, so the write lands in a new inode: a hard link in the project to a file
 * outside it loses the link instead of writing through to the outside file. The old
 * file's permission bits are kept. `file` must already be resolved (no symbolic links).
 */
export async function replaceFile(file: string, content: string): Promise<void> {
  const mode = await stat(file).then(
    (st) => st.mode & 0o7777,
    () => undefined,
  );
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // "wx": never opens an existing file, so a link planted at the temp name is not followed.
  const handle = await open(temp, "wx", mode ?? 0o666);
  try {
    try {
      await handle.writeFile(content);
      if (mode !== undefined) await handle.chmod(mode); // open() applied the umask
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
