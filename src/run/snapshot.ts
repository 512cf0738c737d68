import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SKIP = new Set([".git", ".orchestrate", "node_modules", "__pycache__", ".pytest_cache", ".venv", "dist", "coverage"]);

/** Size and modification time of every project file, to tell whether an attempt changed any. */
export type Snapshot = Map<string, string>;

export function snapshot(root: string): Snapshot {
  const files: Snapshot = new Map();
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile()) {
        const s = statSync(join(dir, entry.name));
        files.set(path, `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(root, "");
  return files;
}

/** Files added, removed or changed between two snapshots, sorted. */
export function changedFiles(before: Snapshot, after: Snapshot): string[] {
  const changed = new Set<string>();
  for (const [path, stamp] of after) if (before.get(path) !== stamp) changed.add(path);
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}
