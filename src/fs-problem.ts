import { lstatSync, readlinkSync } from "node:fs";

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
