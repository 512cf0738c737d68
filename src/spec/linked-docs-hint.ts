import { readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { linesUnderHeading, linkTargets, MODULES_HEADING } from "./links.js";
import { bodyOf } from "./front-matter-split.js";
import { withoutBom } from "./bom.js";

/**
 * `; the module docs its CLAUDE.md links ... are read once it has a .claude/ folder` for a project
 * with no `.claude/` whose root CLAUDE.md (or AGENTS.md) links its module specs under "Modules"
 * (spec/linked-modules.ts reads them then): the folder is all that is missing, so the error says so.
 */
export function linkedDocsHint(dir: string): string {
  for (const name of ["CLAUDE.md", "AGENTS.md"]) {
    const text = readText(join(dir, name));
    if (text === undefined || !/\]\([^)]*\.md\b/i.test(text)) continue;
    const files = new Set<string>();
    for (const line of linesUnderHeading(bodyOf(text), MODULES_HEADING)) {
      for (const target of linkTargets(line)) {
        const file = posix.normalize(target);
        if (/\.md$/i.test(file) && !file.startsWith("../") && !file.startsWith("/") && isFile(join(dir, file))) files.add(file);
      }
    }
    if (files.size === 0) continue;
    const listed = [...files];
    const named = listed.length > 3 ? `${listed.slice(0, 3).join(", ")} and ${listed.length - 3} more` : listed.join(", ");
    return `; the module docs its ${name} links under "Modules" (${named}) are read as its module specs once the project has a .claude/ folder: \`mkdir .claude\``;
  }
  return "";
}

function readText(path: string): string | undefined {
  try {
    return withoutBom(readFileSync(path, "utf8")).replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
