import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { statFile, type FileStat, type FileStats } from "../file-stats.js";
import { SYSTEM_SPEC } from "../spec/root.js";

/** The system spec's rules, as a module's prompt carries them. */
export interface SystemRules {
  /** The rules' sections, under a line naming the file. */
  text: string;
  /** The system spec, relative to the project root. */
  file: string;
}

/** Larger system specs are not read for their rules: the prompt's budget holds far less. */
const MAX_BYTES = 256 * 1024;
/** Characters of rules kept: more is cut at a line end (a prompt's budget is 12,000 tokens by default). */
const MAX_RULES = 8 * 1024;
// "## Rules", "## Coding conventions", "### Architecture constraints", "## Standards", "## Principles".
const RULES_WORDS = /\b(?:rules?|conventions?|standards?|guidelines?|constraints?|principles?|polic(?:y|ies)|invariants?)\b/i;
const HEADING = /^(#{1,6})[ \t]+(\S.*)$/;
const FENCE = /^[ \t]{0,3}(?:```|~~~)/;

/**
 * The sections of the project's system spec whose heading says they hold rules (`## Rules`,
 * `## Coding conventions`, `### Constraints`), for every module's prompt: the system spec is
 * "system-wide rules", and no module's own spec repeats them. The spec is
 * `.claude/system/SYSTEM_ORCHESTRATOR.md`, else `.claude/SYSTEM_ORCHESTRATOR.md`, as the tree
 * is read (spec/listing.ts). Undefined when it has none. Read again only when the file changed.
 */
export function readSystemRules(root: string, stats?: FileStats): SystemRules | undefined {
  const statOf = (rel: string): FileStat | undefined => {
    const path = pathOf(root, rel);
    return stats ? stats.of(path) : statFile(path);
  };
  // Asked by every attempt: the folders are listed again only when one changed, the spec read again only when it did.
  const dirs = DIRS.map((dir) => statOf(dir)).map((s) => (s ? `${s.mtimeMs}:${s.ino}` : "-")).join("|");
  const known = made.get(root);
  const file = known?.dirs === dirs ? known.file : systemSpecOf(root);
  const stat = file === undefined ? undefined : statOf(file);
  const signature = stat?.isFile ? `${file}:${stat.size}:${stat.mtimeMs}:${stat.ino}` : "-";
  if (known?.dirs === dirs && known.signature === signature) return known.rules;
  let rules: SystemRules | undefined;
  const read = file !== undefined && stat?.isFile ? readOrNot(join(root, file)) : undefined;
  const sections = read === undefined ? undefined : rulesSections(read);
  if (sections) rules = { text: `The system spec's rules (\`${file}\`):\n${sections}`, file: file! };
  made.set(root, { dirs, file, signature, rules });
  return rules;
}

const made = new Map<string, { dirs: string; file: string | undefined; signature: string; rules: SystemRules | undefined }>();

/** Each root's paths looked at, joined once: every attempt asks, and joining them was a third of the time it took. */
const joined = new Map<string, Map<string, string>>();

function pathOf(root: string, rel: string): string {
  let paths = joined.get(root);
  if (!paths) {
    if (joined.size >= 64) joined.clear();
    joined.set(root, (paths = new Map()));
  }
  let path = paths.get(rel);
  if (path === undefined) paths.set(rel, (path = join(root, rel)));
  return path;
}

/** Where a system spec is looked for, in this order (spec/listing.ts). */
const DIRS = [".claude/system", ".claude"];

function readOrNot(path: string): string | undefined {
  try {
    return readCapped(path, MAX_BYTES)?.text;
  } catch {
    return undefined;
  }
}

/** Where the tree's system spec is: its name in any case, in `.claude/system/` first. */
function systemSpecOf(root: string): string | undefined {
  for (const dir of DIRS) {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    const name = names.find((n) => SYSTEM_SPEC.test(n));
    if (name) return `${dir}/${name}`;
  }
  return undefined;
}

/** The rules sections of `text`, each from its heading to the next heading of its level or above; code blocks are not read for headings. */
export function rulesSections(text: string): string | undefined {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  let level = 0;
  let inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      if (level > 0 && depth <= level) level = 0;
      if (level === 0 && RULES_WORDS.test(heading[2]!)) level = depth;
    }
    if (level > 0) kept.push(line);
  }
  const joined = kept.join("\n").trim();
  if (!joined) return undefined;
  if (joined.length <= MAX_RULES) return joined;
  const cutAt = joined.lastIndexOf("\n", MAX_RULES);
  return `${joined.slice(0, cutAt > 0 ? cutAt : MAX_RULES)}\n…`;
}
