import { statSync } from "node:fs";
import { join } from "node:path";
import { ownedFolder } from "./folders.js";
import type { SpecTree, Warning } from "./types.js";

/**
 * `NOT_YET_PRESENT` warnings for owned paths (the `**Module**` path, Related Files, owned
 * folders) missing on disk, each with the spec line that names it. Warnings, not errors:
 * a module still to be implemented has no files yet. One `stat` per path; `check` calls
 * this, `plan` does not.
 */
export function missingOwnedPaths(spec: SpecTree): Warning[] {
  const warnings: Warning[] = [];
  for (const m of spec.modules) {
    for (const file of m.files) {
      const folder = ownedFolder(file);
      const path = folder ?? file;
      if (exists(join(spec.root, path))) continue;
      const primary = file === m.primaryFile;
      const what = primary ? "its **Module** path" : folder ? "an owned folder" : "an owned file";
      const line = m.fileLines?.[file];
      warnings.push({
        code: "NOT_YET_PRESENT",
        message: `${m.id}: \`${file}\` (${what}) is not yet present in the project`,
        file: m.specFile,
        ...(line !== undefined ? { line } : {}),
      });
    }
  }
  return warnings;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
