import { linkedSpecFiles } from "./links.js";

/**
 * `; the module docs its CLAUDE.md links ... are read once it has a .claude/ folder` for a project
 * with no `.claude/` whose root CLAUDE.md (or AGENTS.md) links its module specs under "Modules"
 * (spec/linked-modules.ts reads them then): the folder is all that is missing, so the error says so.
 */
export function linkedDocsHint(dir: string): string {
  for (const name of ["CLAUDE.md", "AGENTS.md"]) {
    const listed = linkedSpecFiles(dir, name) ?? [];
    if (listed.length === 0) continue;
    const named = listed.length > 3 ? `${listed.slice(0, 3).join(", ")} and ${listed.length - 3} more` : listed.join(", ");
    return `; the module docs its ${name} links under "Modules" (${named}) are read as its module specs once the project has a .claude/ folder: \`mkdir .claude\``;
  }
  return "";
}
