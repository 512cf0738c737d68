import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Instructions written for other coding agents, which orchestrate does not read: Cursor's rules
 * (`.cursor/rules/*.mdc`), GitHub Copilot's `.github/copilot-instructions.md`, and Claude Code's `.claude/rules/*.md`. A project that has
 * them and no module specs is told how its rules become specs, rather than only that it has none.
 */
export function otherAgentsHint(dir: string): string {
  const rules = mdcFiles(join(dir, ".cursor", "rules"));
  const copilot = isFile(join(dir, ".github", "copilot-instructions.md"));
  // Claude Code's own rules for parts of the code (`paths:`): instructions, which may overlap, so not modules on a guess.
  const claudeRules = mdcFiles(join(dir, ".claude", "rules"), /\.md$/i);
  if (rules.length === 0 && !copilot && claudeRules.length === 0) return "";
  const parts: string[] = [];
  if (claudeRules.length > 0) {
    const shown = claudeRules.slice(0, 3).join(", ") + (claudeRules.length > 3 ? ` and ${claudeRules.length - 3} more` : "");
    const first = claudeRules[0]!;
    parts.push(`the rules in .claude/rules/ (${shown}) are instructions, not module specs: a rule for one part of the code (its \`paths:\`) is a module spec as .claude/modules/<name>.md (\`mkdir -p .claude/modules && cp .claude/rules/${first} .claude/modules/${first}\`)`);
  }
  if (rules.length > 0) {
    const shown = rules.slice(0, 3).join(", ") + (rules.length > 3 ? ` and ${rules.length - 3} more` : "");
    const first = rules[0]!.replace(/\.mdc$/, "");
    parts.push(`the Cursor rules in .cursor/rules/ (${shown}) are not read: a rule for a part of the code (its \`globs:\`) is a module spec as .claude/modules/<name>.md (\`mkdir -p .claude/modules && cp .cursor/rules/${first}.mdc .claude/modules/${first}.md\`)`);
  }
  if (copilot) parts.push("nor is .github/copilot-instructions.md: the root's CLAUDE.md or AGENTS.md is read as the system spec");
  return `; ${parts.join("; ")}`;
}

function mdcFiles(dir: string, name = /\.mdc$/i): string[] {
  try {
    return readdirSync(dir).filter((n) => name.test(n)).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
