import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Whether the module at `url` is the script node was started with, however its path was written (relative, through a link). */
export function isMain(url) {
  if (!process.argv[1]) return false;
  try {
    return pathToFileURL(realpathSync(resolve(process.argv[1]))).href === url;
  } catch {
    return false;
  }
}
