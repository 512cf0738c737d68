import { lstatSync, readlinkSync, statSync } from "node:fs";
import { kindOf } from "./read-capped.js";

/** What is at a path given as a folder: one (through links too), nothing at all, or something else, said in words. */
export type FolderKind = { folder: true } | { missing: true } | { other: string };

/**
 * What is at `path`, for a DIR argument: `other` names what stands where a folder was expected
 * (`a file`, `a named pipe (FIFO)`, `a symbolic link loop (ELOOP)`, ``a symbolic link to `x`, which
 * does not exist``), where `existsSync` said "does not exist" of a loop and "a file" of a pipe.
 */
export function folderKind(path: string): FolderKind {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { folder: true };
    return { other: stat.isFile() ? "a file" : kindOf(stat) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { other: "a symbolic link loop (ELOOP)" };
    if (code === "ENOTDIR") return { other: "a path through a file (ENOTDIR)" };
    if (code === "EACCES" || code === "EPERM") return { other: `out of reach: permission denied (${code}) on a folder above it` };
    if (code !== "ENOENT") return { other: code ?? String(error) };
    // Nothing there, or a link to nothing: mkdir would fail on the link (EEXIST).
    if (!lstatSync(path, { throwIfNoEntry: false })) return { missing: true };
    return { other: `a symbolic link to \`${readlinkSync(path)}\`, which does not exist` };
  }
}
