import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { SPEC_MAX_BYTES } from "./limits.js";

/** A Claude Code subagent named for a module: `ledger-agent.md` (`_AGENT.md`, `.agent.md` are module specs by name alone). */
const SUBAGENT_FOR_MODULE = /-agent\.md$/i;
// What a module spec says and a subagent does not: the files it owns, in front matter or under a heading or field.
const OWNS_KEY = /^(?:files|owns|paths|globs|owned[_-]?(?:files|paths)|owned(?:Files|Paths))[ \t]*:/m;
const OWNS_PLACE = /^(?:#{1,6}[ \t]+(?:owned[ \t]+)?files\b|#{1,6}[ \t]+owns\b|[ \t]*(?:[-*][ \t]+)?\*\*(?:owned[ \t]+)?files:?\*\*)/im;

/**
 * Whether `name` in the folder `dir` is a Claude Code subagent that is a module's spec: named
 * for a module (`ledger-agent.md`) and saying what the module owns (a `files:` or `owns:` front
 * matter key, or a Files / Owned Files section or field). A subagent named for a task
 * (`code-reviewer.md`), or one that owns nothing, stays a subagent.
 */
export function isModuleSubagent(dir: string, name: string, rel = ""): boolean {
  if (!namedForModule(name, rel)) return false;
  const text = readCapped(join(dir, name), SPEC_MAX_BYTES)?.text;
  return text !== undefined && ownsFiles(text, YAML_FILE.test(name));
}

/**
 * `ledger-agent.md`: a name that may be a module's subagent; its text tells (`isModuleSubagent`).
 * In a modules/ folder (`rel`), any `<name>.md` may be, as people name a module's rules after it
 * (`.claude/modules/billing.md` with `globs: src/billing/**`); its README and CLAUDE.md are notes.
 */
export function namedForModule(name: string, rel = ""): boolean {
  // A module's keys written as YAML (`.claude/agents/billing.yaml`, spec/yaml-specs.ts), in a folder of module specs.
  if (YAML_FILE.test(name)) return /(?:^|\/)(?:modules|agents)$/.test(rel);
  return SUBAGENT_FOR_MODULE.test(name) || (/(?:^|\/)modules$/.test(rel) && /\.md$/i.test(name) && !NOTES_FILE.test(name));
}

const YAML_FILE = /\.ya?ml$/i;

const NOTES_FILE = /^(?:README|CLAUDE|AGENTS|INDEX|CHANGELOG)\.md$/i;

/** Whether a subagent's text says what it owns: a key of its front matter, or a heading or field of its body. */
export function ownsFiles(text: string, yaml = false): boolean {
  if (yaml) return OWNS_KEY.test(text);
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(text.startsWith("---") ? text : "");
  return (front !== null && OWNS_KEY.test(front[1]!)) || OWNS_PLACE.test(text);
}
