import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nearestKey } from "../config/expected.js";
import { DEPENDS_ON_KEYS, OWNED_FILES_KEYS } from "../spec/frontmatter.js";
import type { SpecTree, Warning } from "../spec/types.js";

/** The front matter keys orchestrate reads from a module spec (spec/module.ts, spec/frontmatter.ts, the run's gates and MCP). */
const READ = [...DEPENDS_ON_KEYS, "owns", "files", "paths", "globs", ...OWNED_FILES_KEYS, "layer", "validation", "agent", "mcp_servers", "mcpServers", "name"];
/** Keys people add to say who keeps a module and how it stands (`owner: "@payments"`, `tags:`): carried along, and no typo of `owns`. */
const ABOUT = new Set(["owner", "owners", "maintainer", "maintainers", "team", "teams", "author", "authors", "contact", "reviewers", "tags", "tag", "status", "stability", "version", "created", "updated", "last_updated", "lastUpdated"]);

/**
 * `FRONT_MATTER_KEY`: a module's front matter key that orchestrate does not read but that is a
 * typo of one it does (`validaton:`, `depend_on:`, `own:`). Other keys (a Claude Code subagent's
 * `description`, `tools`, `model`) are carried along unread, so a misspelt key was silently
 * ignored: its gates or dependencies never applied.
 */
export function misspeltFrontMatterKeys(spec: Pick<SpecTree, "root" | "modules">): Warning[] {
  const warnings: Warning[] = [];
  for (const m of spec.modules) {
    for (const key of Object.keys(m.frontMatter)) {
      if (READ.includes(key) || ABOUT.has(key)) continue;
      const nearest = nearestKey(key, READ);
      if (nearest) warnings.push({ code: "FRONT_MATTER_KEY", message: `${m.id}: front matter key \`${key}\` is not read: did you mean \`${nearest}\`?`, file: m.specFile, ...lineOf(join(spec.root, m.specFile), key) });
    }
  }
  return warnings;
}

/** `{ line }` of `key:` in the file's front matter, read again only for a key being warned about. */
function lineOf(path: string, key: string): { line?: number } {
  try {
    const index = readFileSync(path, "utf8").split("\n").findIndex((l) => l.startsWith(`${key}:`));
    return index < 0 ? {} : { line: index + 1 };
  } catch {
    return {};
  }
}
