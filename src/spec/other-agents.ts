import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Instructions written for other coding agents, which orchestrate does not read: Cursor's rules
 * (`.cursor/rules/*.mdc`) and GitHub Copilot's `.github/copilot-instructions.md`. A project that has
 * them and no module specs is told how its rules become specs, rather than only that it has none.
 */
export function otherAgentsHint(dir: string): string {
  const rules = mdcFiles(join(dir, ".cursor", "rules"));
  const copilot = isFile(join(dir, ".github", "copilot-instructions.md"));
  if (rules.length === 0 && !copilot) return "";
  const parts: string[] = [];
  if (rules.length > 0) {
    const shown = rules.slice(0, 3).join(", ") + (rules.length > 3 ? ` and ${rules.length - 3} more` : "");
    const first = rules[0]!.replace(/\.mdc$/, "");
    parts.push(`the Cursor rules in .cursor/rules/ (${shown}) are not read: a rule for a part of the code (its \`globs:\`) is a module spec as .claude/modules/<name>.md (\`mkdir -p .claude/modules && cp .cursor/rules/${first}.mdc .claude/modules/${first}.md\`)`);
  }
  if (copilot) parts.push("nor is .github/copilot-instructions.md: the root's CLAUDE.md or AGENTS.md is read as the system spec");
  return `; ${parts.join("; ")}`;
}

function mdcFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => /\.mdc$/i.test(n)).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
