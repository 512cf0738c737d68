import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const stamps = new Map<string, string>();

/**
 * A hash of the code in `parts` (folders or files under the code's root, `config` or
 * `timer`, without the extension) and of package.json, which holds the version and the exact
 * versions of the dependencies: what a cache of that code's results is kept under, so that a
 * new build or an upgrade never serves what its code would no longer make. Hashed once a process.
 */
export function codeStamp(parts: readonly string[]): string {
  const name = parts.join("\0");
  let stamp = stamps.get(name);
  if (stamp === undefined) {
    const root = fileURLToPath(new URL(".", import.meta.url));
    const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
    const hash = createHash("sha256").update(readFileSync(new URL("../package.json", import.meta.url)));
    for (const part of parts) {
      const dir = join(root, part);
      const files = isDir(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f)) : [`${dir}${ext}`];
      for (const file of files) hash.update("\0").update(file.slice(root.length)).update("\0").update(readFileSync(file));
    }
    stamp = hash.digest("hex").slice(0, 16);
    stamps.set(name, stamp);
  }
  return stamp;
}

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
