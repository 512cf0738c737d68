import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The compiled code's root (dist/, or src/ under a TypeScript loader), beside package.json. */
const CODE_ROOT = fileURLToPath(new URL(".", import.meta.url));
const EXT = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

const stamps = new Map<string, string>();

/**
 * A hash of the code in `parts` (folders or files under the code's root, like `config` or
 * `timer`, without the extension) and of package.json, which holds the version and the exact
 * versions of the dependencies: what a cache of that code's results is kept under, so that a
 * new build or an upgrade never serves what its code would no longer make. Hashed once a process.
 */
export function codeStamp(parts: readonly string[]): string {
  const name = parts.join("\0");
  let stamp = stamps.get(name);
  if (stamp === undefined) stamps.set(name, (stamp = hashCode(parts, CODE_ROOT, EXT)));
  return stamp;
}

/** `codeStamp` of the code under `root`, hashed now. */
export function hashCode(parts: readonly string[], root: string, ext: string): string {
  const hash = createHash("sha256").update(readFileSync(join(root, "..", "package.json")));
  for (const part of parts) {
    const dir = join(root, part);
    const files = isDir(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f)) : [`${dir}${ext}`];
    for (const file of files) hash.update("\0").update(file.slice(root.length)).update("\0").update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

let build: Promise<string> | undefined;

/** Not the engine's code: the CLI's bundle (made from the rest) and the dashboard's page (run by the browser). */
const SKIPPED = new Set(["bundle", join("dashboard", "assets")]);

/**
 * A hash of all of this build's code (every code file under the code's root but the CLI's
 * bundle, made from them, and the dashboard's page) and of package.json: two processes with the
 * same stamp run the same orchestrate. A queued run's coordinator stamps its jobs with it and a
 * worker refuses a job of another stamp (src/queue). Hashed once a process, its files read in
 * parallel: it overlaps the connection to Redis.
 */
export function buildStamp(): Promise<string> {
  return (build ??= hashTree(CODE_ROOT, EXT));
}

/** `buildStamp` of the code under `root`, hashed now: its files in a stable order, by path. */
export async function hashTree(root: string, ext: string): Promise<string> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(path.slice(root.length))) walk(path);
      } else if (entry.name.endsWith(ext) && !entry.name.endsWith(`.d${ext}`)) files.push(path);
    }
  };
  walk(root);
  files.sort();
  const texts = await Promise.all(files.map((file) => readFile(file)));
  const hash = createHash("sha256").update(readFileSync(join(root, "..", "package.json")));
  files.forEach((file, i) => hash.update("\0").update(file.slice(root.length)).update("\0").update(texts[i]!));
  return hash.digest("hex").slice(0, 16);
}

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
