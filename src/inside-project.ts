import { realpathSync } from "node:fs";
import { sep } from "node:path";

/**
 * Whether `path`, its symbolic links followed, is inside `root`. What a prompt quotes from the
 * project (instructions, signatures) never comes from outside it: a link a command planted
 * (`CLAUDE.md -> ~/.aws/credentials`) would send that file to the model provider.
 */
export function insideProject(root: string, path: string): boolean {
  try {
    const top = realpathSync(root);
    const real = realpathSync(path);
    return real === top || real.startsWith(top.endsWith(sep) ? top : top + sep);
  } catch {
    return false;
  }
}
