import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { SPEC_MAX_BYTES } from "./limits.js";

/** A Claude Code subagent named for a module: `ledger-agent.md` (`_AGENT.md`, `.agent.md` are module specs by name alone). */
const SUBAGENT_FOR_MODULE = /-agent\.md$/i;
// What a module spec says and a subagent does not: the files it owns, in front matter or under a heading or field.
const OWNS_KEY = /^(?:files|owns)[ \t]*:/m;
const OWNS_PLACE = /^(?:#{1,6}[ \t]+(?:owned[ \t]+)?files\b|#{1,6}[ \t]+owns\b|[ \t]*(?:[-*][ \t]+)?\*\*(?:owned[ \t]+)?files:?\*\*)/im;

/**
 * Whether `name` in the folder `dir` is a Claude Code subagent that is a module's spec: named
 * for a module (`ledger-agent.md`) and saying what the module owns (a `files:` or `owns:` front
 * matter key, or a Files / Owned Files section or field). A subagent named for a task
 * (`code-reviewer.md`), or one that owns nothing, stays a subagent.
 */
export function isModuleSubagent(dir: string, name: string): boolean {
  if (!namedForModule(name)) return false;
  const text = readCapped(join(dir, name), SPEC_MAX_BYTES)?.text;
  return text !== undefined && ownsFiles(text);
}

/** `ledger-agent.md`: a name that may be a module's subagent; its text tells (`isModuleSubagent`). */
export function namedForModule(name: string): boolean {
  return SUBAGENT_FOR_MODULE.test(name);
}

/** Whether a subagent's text says what it owns: a key of its front matter, or a heading or field of its body. */
export function ownsFiles(text: string): boolean {
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(text.startsWith("---") ? text : "");
  return (front !== null && OWNS_KEY.test(front[1]!)) || OWNS_PLACE.test(text);
}
