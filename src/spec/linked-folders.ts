import { lstatSync, realpathSync } from "node:fs";
import { join, posix } from "node:path";
import { SpecError } from "../errors.js";
import { insideProject } from "../inside-project.js";

/**
 * Throws `SpecError` when a folder on the way to a spec file in `files` is a symbolic link out of
 * the project (`.claude/layers/core/modules -> /elsewhere`, `.claude/agents -> ~/notes`). A spec is
 * quoted in every prompt of its module, so its text must come from the project, as a spec file's
 * own link must (spec/read-spec.ts): a file opened through a linked folder is no link itself, and
 * was read wherever the folder led. A link that stays in the project is followed. One `lstat` per
 * folder, each folder once: a tree of 10,000 specs keeps them in a few.
 */
export function checkLinkedFolders(root: string, files: readonly string[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    for (let dir = posix.dirname(file); dir !== "." && dir !== "/" && !dir.startsWith(".."); dir = posix.dirname(dir)) {
      if (seen.has(dir)) break;
      seen.add(dir);
      if (!lstatSync(join(root, dir), { throwIfNoEntry: false })?.isSymbolicLink()) continue;
      if (insideProject(root, join(root, dir))) continue;
      throw new SpecError("SPEC_MISSING", `Spec folder is a symbolic link to \`${leadsTo(join(root, dir))}\`, outside the project: expected spec files inside the project (copy the folder in, or link to one inside)`, { file: dir });
    }
  }
}

function leadsTo(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return "a path that does not resolve";
  }
}
