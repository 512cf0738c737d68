import { posix } from "node:path";

/**
 * Each project-relative folder of `dirs` ("." or "" is the root) and every folder above it up to
 * the root (""), each once, in the order met: where a config that applies to a file may sit.
 */
export function* foldersUp(dirs: Iterable<string>): Generator<string> {
  const seen = new Set<string>();
  for (const start of dirs) {
    for (let dir = start === "." ? "" : start; !seen.has(dir); dir = dir.includes("/") ? posix.dirname(dir) : "") {
      seen.add(dir);
      yield dir;
    }
  }
}
