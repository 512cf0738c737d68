import { statSync } from "node:fs";
import { join } from "node:path";
import { ownedFolder } from "./folders.js";
import { placeOf } from "./part-places.js";
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
    const missing = m.files.filter((file) => !exists(join(spec.root, ownedFolder(file) ?? file)));
    const at = (file: string) => {
      const line = m.fileLines?.[file];
      // A path a part of the spec names (spec/spec-parts.ts) is said in the part.
      return line !== undefined ? placeOf(m, line) : { file: m.specFile };
    };
    // A module still to be written: one line, not one per path.
    if (missing.length > 1 && missing.length === m.files.length) {
      const rest = missing.slice(1).map((f) => `\`${f}\``).join(", ");
      warnings.push({
        code: "NOT_YET_PRESENT",
        message: `${m.id}: none of its ${missing.length} owned paths is present yet: \`${missing[0]}\` (${what(m, missing[0]!)}), ${rest}`,
        ...at(missing[0]!),
      });
      continue;
    }
    for (const file of missing) {
      warnings.push({ code: "NOT_YET_PRESENT", message: `${m.id}: \`${file}\` (${what(m, file)}) is not yet present in the project`, ...at(file) });
    }
  }
  return warnings;
}

function what(m: SpecTree["modules"][number], file: string): string {
  return file === m.primaryFile ? "its **Module** path" : ownedFolder(file) ? "an owned folder" : "an owned file";
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
