import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { SPEC_MAX_BYTES } from "./limits.js";

/** A Claude Code subagent named for a module: `ledger-agent.md` (`_AGENT.md`, `.agent.md` are module specs by name alone). */
const SUBAGENT_FOR_MODULE = /-agent\.md$/i;
// What a module spec says and a subagent does not: the files it owns, in front matter or under a heading or field.
const OWNS_KEY = /^(?:files|owns|paths|globs|owned[_-]?(?:files|paths)|owned(?:Files|Paths))[ \t]*:/m;
// The same keys in a module spec written as JSON (`"files": ["src/billing/"]`).
const OWNS_JSON_KEY = /(?:^|[{,])[ \t]*"(?:files|owns|paths|globs|owned[_-]?(?:files|paths)|owned(?:Files|Paths))"[ \t]*:/m;
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
  if (text === undefined || !ownsFiles(text, YAML_FILE.test(name))) return false;
  // Named for nothing (`agents/billing.md`), its text alone tells: a subagent for a task owns files too (`test-runner.md`, `files: test/**`).
  return !namedOnlyByFolder(name, rel) || subagentSigns(text).length === 0;
}

/** `billing.md` in an agents/ folder: a module spec or a Claude Code subagent, as its text says (`subagentSigns`). */
export function namedOnlyByFolder(name: string, rel: string): boolean {
  return AGENTS_FOLDER.test(rel) && /\.md$/i.test(name) && !SUBAGENT_FOR_MODULE.test(name) && !NOTES_FILE.test(name);
}

const AGENTS_FOLDER = /(?:^|\/)agents$/;

/**
 * What makes a file in agents/ a Claude Code subagent for a task, as written: a `tools:` or `model:`
 * key of its front matter (what the agent may use and runs on; a module spec says neither), files
 * given as a word (`files: any`), and the words Claude Code's docs have people write to say when to
 * use it ("Use proactively", "Use this agent when", "MUST BE USED"). Each as "it has `tools:` (line 4)".
 */
export function subagentSigns(text: string): string[] {
  const signs: string[] = [];
  const lines = text.split(/\r?\n/);
  const end = lines[0]?.replace(/^\uFEFF/, "") === "---" ? lines.indexOf("---", 1) : -1;
  for (let i = 1; i < end; i++) {
    const key = /^(tools|model)[ \t]*:/.exec(lines[i]!);
    if (key) signs.push(`it has \`${key[1]}:\` (line ${i + 1})`);
    // `files: any`, `owns: everything`: a word, not a path a module owns.
    const owns = /^(files|owns|paths|globs)[ \t]*:[ \t]*([\w -]+?)[ \t]*$/.exec(lines[i]!);
    if (owns) signs.push(`its \`${owns[1]}: ${owns[2]}\` (line ${i + 1}) names no path`);
  }
  const task = lines.findIndex((l) => TASK_WORDS.test(l));
  if (task >= 0) signs.push(`it says "${TASK_WORDS.exec(lines[task]!)![0]}" (line ${task + 1})`);
  return signs;
}

const TASK_WORDS = /\buse (?:it )?proactively\b|\buse this (?:sub)?agent\b|\bmust be used\b/i;

/**
 * `ledger-agent.md`: a name that may be a module's subagent; its text tells (`isModuleSubagent`).
 * In a modules/ folder (`rel`), any `<name>.md` may be, as people name a module's rules after it
 * (`.claude/modules/billing.md` with `globs: src/billing/**`); its README and CLAUDE.md are notes.
 * In an agents/ folder too, when its text is a module's and not a task's (`namedOnlyByFolder`).
 */
export function namedForModule(name: string, rel = ""): boolean {
  // A module's keys written as YAML (`.claude/agents/billing.yaml`, spec/yaml-specs.ts), in a folder of module specs.
  if (YAML_FILE.test(name)) return /(?:^|\/)(?:modules|agents)$/.test(rel);
  return SUBAGENT_FOR_MODULE.test(name) || (/(?:^|\/)modules$/.test(rel) && /\.md$/i.test(name) && !NOTES_FILE.test(name)) || namedOnlyByFolder(name, rel);
}

const YAML_FILE = /\.(?:ya?ml|json)$/i;

const NOTES_FILE = /^(?:README|CLAUDE|AGENTS|INDEX|CHANGELOG)\.md$/i;

/** Whether a subagent's text says what it owns: a key of its front matter, or a heading or field of its body. */
export function ownsFiles(text: string, yaml = false): boolean {
  if (yaml) return OWNS_KEY.test(text) || OWNS_JSON_KEY.test(text);
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(text.startsWith("---") ? text : "");
  return (front !== null && OWNS_KEY.test(front[1]!)) || OWNS_PLACE.test(text);
}

/**
 * What each file of `.claude/agents/` named for nothing (`billing.md`) that says what it owns was read
 * as, for `check` to say: a module spec (`SUBAGENT_READ_AS_MODULE`), or a Claude Code subagent for a task
 * and why (`SUBAGENT_NOT_MODULE`), since a name no longer tells.
 */
export function agentsFolderNotes(root: string, modules: readonly { id: string; specFile: string }[]): { code: string; message: string; file: string; line?: number }[] {
  const rel = ".claude/agents";
  let names: string[];
  try {
    names = readdirSync(join(root, rel)).sort();
  } catch {
    return [];
  }
  const notes: { code: string; message: string; file: string; line?: number }[] = [];
  for (const name of names.filter((n) => namedOnlyByFolder(n, rel))) {
    const file = `${rel}/${name}`;
    const module = modules.find((m) => m.specFile === file);
    if (module) {
      notes.push({ code: "SUBAGENT_READ_AS_MODULE", message: `read as module \`${module.id}\`'s spec: it says what it owns, and has no \`tools:\` or \`model:\` key nor words for when to use it, as a Claude Code subagent has`, file });
      continue;
    }
    const text = readCapped(join(root, file), SPEC_MAX_BYTES)?.text;
    const signs = text !== undefined && ownsFiles(text) ? subagentSigns(text) : [];
    if (signs.length > 0) notes.push({ code: "SUBAGENT_NOT_MODULE", message: `read as a Claude Code subagent, not a module spec, though it names files: ${signs.join("; ")}`, file });
  }
  return notes;
}
