import { posix } from "node:path";

/** The deepest folder holding every one of `files` (project-relative, `/`-separated): "" for the root, or for none. */
export function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return "";
  let common = posix.dirname(files[0]!).split("/");
  for (const f of files) {
    const parts = posix.dirname(f).split("/");
    let n = 0;
    while (n < common.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  return common.join("/").replace(/^\.$/, "");
}
