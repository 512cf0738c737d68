import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { join } from "node:path";
import type { Warning } from "./types.js";
import { parseModule } from "./module.js";

const FOLDER_SPEC = /(?:^|\/)(?:AGENT|SKILL)\.md$/i;
// `[files](files.md)`, `[rules](./rules.md#imports)`: a link to a markdown file beside the spec.
const SIBLING_LINK = /\]\(\s*<?(?:\.\/)?([^/()\s<>#]+\.md)(?:#[^)\s]*)?>?\s*\)/gi;

/**
 * `SPEC_PART_NOT_READ`: a module's spec in a folder of its own (`billing/AGENT.md`) that links
 * files beside it (`[files](files.md)`), as a skill's file links its references. Only the
 * AGENT.md is read, so a linked file that says what the module owns or depends on (a Files or
 * Depends on section) is said at its link: what it says would be lost without a word.
 */
export function unreadSpecParts(root: string, m: { id: string; layer: string; specFile: string }): Warning[] {
  if (!FOLDER_SPEC.test(m.specFile)) return [];
  let text: string;
  try {
    text = readFileSync(join(root, m.specFile), "utf8");
  } catch {
    return [];
  }
  if (!text.includes("](")) return [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((line, i) => {
    for (const [, name] of line.matchAll(SIBLING_LINK)) {
      if (!name || seen.has(name.toLowerCase()) || /^(?:README|CLAUDE|AGENT|SKILL)\.md$/i.test(name)) continue;
      seen.add(name.toLowerCase());
      const rel = posix.join(posix.dirname(m.specFile), name);
      const says = partSays(root, rel, m);
      if (says) warnings.push({ code: "SPEC_PART_NOT_READ", message: `${m.id}: \`${name}\`, linked here, names ${says}, but only ${posix.basename(m.specFile)} is read as the module's spec: move its sections into ${posix.basename(m.specFile)}`, file: m.specFile, line: i + 1 });
    }
  });
  return warnings;
}

/** What the linked file says that a spec would be read for: "files" and/or "dependencies", or undefined. */
function partSays(root: string, rel: string, m: { id: string; layer: string }): string | undefined {
  let part;
  try {
    part = parseModule(rel, readFileSync(join(root, rel), "utf8"), m.id, m.layer);
  } catch {
    return undefined;
  }
  const says = [part.files.length ? "files" : "", part.references.length || part.dependencySections.length ? "dependencies" : ""].filter(Boolean);
  return says.length ? says.join(" and ") : undefined;
}
