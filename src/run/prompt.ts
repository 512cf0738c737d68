import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package.js";
import type { FileStat, FileStats } from "../file-stats.js";

export type PromptVars = Record<string, string | number | undefined>;

const SECTION = /\{\{#(\w+)\}\}\n?([\s\S]*?)\{\{\/\1\}\}\n?/g;
const VARIABLE = /\{\{(\w+)\}\}/g;

/**
 * Renders a prompt template: `{{name}}` is replaced by its value, and a
 * `{{#name}}...{{/name}}` section is kept only when `name` has a value. Sections go
 * first, then variables in what is left (a value is never read as a template).
 */
export function renderTemplate(template: string, vars: PromptVars): string {
  const has = (name: string) => hasValue(vars[name]);
  const { parts, kept } = compiled(template);
  let which = "";
  // By index: below TurboFan (src/cli/heap.ts) a for-of allocates a result per part, and every attempt renders a template.
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part !== "string") which += has(part.name) ? "1" : "0";
  }
  let pieces = kept.get(which);
  if (!pieces) {
    let i = 0;
    const text = parts.map((part) => (typeof part === "string" ? part : which[i++] === "1" ? part.body : "")).join("");
    kept.set(which, (pieces = splitVariables(text)));
  }
  let out = pieces[0]!;
  for (let j = 1; j < pieces.length; j += 2) {
    const name = pieces[j]!;
    out += (has(name) ? String(vars[name]) : "") + pieces[j + 1]!;
  }
  return out;
}

/**
 * Whether a value shows: not undefined, not blank. A string is searched for a character that
 * is not white space (what `trim` removes), not trimmed: a prompt's spec is kilobytes long.
 */
function hasValue(value: string | number | undefined): boolean {
  return value !== undefined && (typeof value === "string" ? NOT_BLANK.test(value) : String(value).trim() !== "");
}

const NOT_BLANK = /\S/;

/** A template cut at its sections, and, for each choice of sections kept, what is left cut at its variables. */
interface Compiled {
  parts: (string | { name: string; body: string })[];
  kept: Map<string, string[]>;
}

/** Templates are few (one per attempt kind) and every attempt renders one: each is cut once, not searched twice per prompt. */
const templates = new Map<string, Compiled>();

function compiled(template: string): Compiled {
  let known = templates.get(template);
  if (!known) {
    const parts: Compiled["parts"] = [];
    let at = 0;
    for (const m of template.matchAll(SECTION)) {
      parts.push(template.slice(at, m.index), { name: m[1]!, body: m[2]! });
      at = m.index + m[0].length;
    }
    parts.push(template.slice(at));
    // A project's own templates are read again for every attempt: an edited one is a new key, the old ones go.
    if (templates.size >= 32) templates.clear();
    templates.set(template, (known = { parts, kept: new Map() }));
  }
  return known;
}

/** `text` as [text, name, text, name, ..., text] around its `{{name}}` variables. */
function splitVariables(text: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const m of text.matchAll(VARIABLE)) {
    pieces.push(text.slice(at, m.index), m[1]!);
    at = m.index + m[0].length;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** The bundled templates by kind, read once: they ship with the package and do not change while it runs. */
const bundled = new Map<string, string>();

/** A project's own templates as last read, with the stat (a run's, kept) they were read at. */
const ownRead = new Map<string, { stat: FileStat; text: string }>();

/**
 * The template for an attempt kind: the project's `.orchestrate/prompts/<kind>.md`, else the
 * bundled one. `stats`: a run's stats of the tree (src/file-stats.ts); without them, the file
 * is looked for and read for every call.
 */
export function loadTemplate(root: string, kind: string, stats?: FileStats): string {
  const own = ownPath(root, kind);
  // Looked for on every attempt: a project may add or edit its template during a run.
  if (!stats) {
    if (existsSync(own)) return readFileSync(own, "utf8");
  } else {
    const stat = stats.of(own);
    if (stat) {
      const last = ownRead.get(own);
      if (last?.stat === stat) return last.text;
      const text = readFileSync(own, "utf8");
      if (ownRead.size >= 32) ownRead.clear();
      ownRead.set(own, { stat, text });
      return text;
    }
  }
  let text = bundled.get(kind);
  if (text === undefined) {
    const file = join(PACKAGE_ROOT, "templates", "prompts", `${kind}.md`);
    text = readFileSync(existsSync(file) ? file : join(PACKAGE_ROOT, "templates", "prompts", "implement.md"), "utf8");
    bundled.set(kind, text);
  }
  return text;
}

/** Each root's template paths by kind: joined once, not for every attempt. */
const ownPaths = new Map<string, Map<string, string>>();

function ownPath(root: string, kind: string): string {
  let byKind = ownPaths.get(root);
  if (!byKind) {
    if (ownPaths.size >= 64) ownPaths.clear();
    ownPaths.set(root, (byKind = new Map()));
  }
  let path = byKind.get(kind);
  if (path === undefined) byKind.set(kind, (path = join(root, ".orchestrate", "prompts", `${kind}.md`)));
  return path;
}
