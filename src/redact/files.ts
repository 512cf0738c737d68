import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * What orchestrate keeps under `.orchestrate/` (prompts, outputs, logs, the store) is
 * for the user alone: files 0600, folders 0700. Set per call, never through the
 * process umask, which agents inherit and write the user's own files with.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Creates a folder (and its missing parents) readable by the user alone. */
export function mkdirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/**
 * Writes `text` to a new or replaced file, 0600, creating its folder (0700) only when it
 * is missing: no mkdir in the usual case. The caller redacts; this only keeps it private.
 */
export function writePrivate(file: string, text: string): void {
  try {
    writeFileSync(file, text, { mode: PRIVATE_FILE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirPrivate(dirname(file));
    writeFileSync(file, text, { mode: PRIVATE_FILE });
  }
}
