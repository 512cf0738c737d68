import { statSync } from "node:fs";
import { join, posix } from "node:path";
import type { Warning } from "./types.js";
import { parseModule, type ParsedModule } from "./module.js";
import { lineTable } from "./owned-paths.js";
import type { PartPlace } from "./part-places.js";


/**
 * A module's spec in a folder of its own (`.claude/agents/billing/AGENT.md`) may keep its sections in
 * files it links beside it (`[files](files.md)`, `[rules](./rules.md#imports)`), as a skill's file links
 * its references: those parts are read as part of the spec. Each part is parsed as a spec of its own
 * and its findings joined to the module's; lines of a part are counted after the spec's and the parts
 * before it (as in the spec's body, which holds them in that order), and `placeOf` turns such a line
 * back into the part's file and line for a warning or a dependency.
 */

/** A part read: its file (relative to the project root) and text. */
export interface SpecPart {
  file: string;
  text: string;
}


// A spec file that is its folder's: only under .claude/, where a module's folder holds its spec alone (a package's holds its code).
const FOLDER_SPEC = /^\.claude\/(?:[^/]+\/)+(?:AGENT|SKILL|README|CLAUDE)\.md$/i;
// `](files.md)`, `](./rules.md#imports)`, `](<docs/files.md> "title")`.
const MD_LINK = /\]\(\s*<?([^()\s<>#]+\.md)(?:#[^)\s>]*)?>?(?:\s+"[^"]*")?\s*\)/gi;
// A link to a spec is a dependency (`../ledger/AGENT.md`) or the way back (`AGENT.md`), not a part.
const SPEC_LINK = /(?:^|\/)(?:README|CLAUDE|AGENTS?|SKILL)\.md$|(?:_AGENT|\.agent)\.md$/i;
const FENCE = /^\s*(?:```|~~~)/;
/** Enough for any module; more are not read (a folder of docs linked one to the next). */
const MAX_PARTS = 24;

/** Whether the spec `specFile` may link parts: a cheap test before reading its links. */
export function mayHaveParts(specFile: string, text: string): boolean {
  return text.includes(".md") && FOLDER_SPEC.test(specFile);
}

/** What reading a spec's parts needs of the project: whether a file is there, its text, and what a file outside the folder says. */
export interface PartReader {
  isFile(rel: string): boolean;
  read(rel: string): string;
  /** What a linked file outside the module's folder says that a spec is read for ("files", "dependencies"), if anything. */
  says(rel: string): string | undefined;
}

/**
 * The parts the spec `specFile` (text `text`) links in its folder, and links of its parts in turn,
 * in the order they are first linked; and a warning for each link to a part that is missing
 * (`SPEC_PART_MISSING`), leaves the folder and says what a spec says (`SPEC_PART_NOT_READ`), or
 * closes a cycle of parts (`SPEC_PART_CYCLE`, once), at the link's file and line.
 */
export function linkedParts(id: string, specFile: string, text: string, reader: PartReader): { parts: SpecPart[]; warnings: Warning[] } {
  const folder = posix.dirname(specFile);
  const parts: SpecPart[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>([specFile]);
  let cycle = false;
  const visit = (file: string, source: string, chain: readonly string[]) => {
    for (const { target, line } of links(source)) {
      if (/^[a-z][\w+.-]*:|^\//i.test(target) || SPEC_LINK.test(target)) continue;
      const rel = posix.normalize(posix.join(posix.dirname(file), decode(target)));
      const at = { file, line };
      if (!rel.startsWith(`${folder}/`)) {
        const says = seen.has(rel) ? undefined : reader.says(rel);
        seen.add(rel);
        if (says) warnings.push({ code: "SPEC_PART_NOT_READ", message: `${id}: \`${target}\`, linked here, names ${says}, but it is outside the module's folder (${folder}/), and only files beside its spec are read as its parts: move it into ${folder}/, or its sections into ${posix.basename(specFile)}`, ...at });
        continue;
      }
      if (chain.includes(rel)) {
        if (!cycle) warnings.push({ code: "SPEC_PART_CYCLE", message: `${id}: \`${target}\`, linked here, links back to this file (${[...chain.slice(chain.indexOf(rel)), rel].map((f) => posix.basename(f)).join(" -> ")}): each part is read once, so the link adds nothing; link parts from ${posix.basename(specFile)} only`, ...at });
        cycle = true;
        continue;
      }
      if (seen.has(rel)) continue;
      seen.add(rel);
      if (!reader.isFile(rel)) {
        warnings.push({ code: "SPEC_PART_MISSING", message: `${id}: \`${target}\`, linked here as a part of the module's spec, is not there (${rel}): what it would say of the module is not read`, ...at });
        continue;
      }
      if (parts.length >= MAX_PARTS) continue;
      const part = { file: rel, text: reader.read(rel) };
      parts.push(part);
      visit(rel, part.text, [...chain, rel]);
    }
  };
  visit(specFile, text, [specFile]);
  return { parts, warnings };
}

/**
 * The spec's text with its parts after it, each after a comment naming it (the module's body, for its
 * agent, holds them all), and where each part starts in its lines.
 */
export function joinParts(text: string, parts: readonly SpecPart[]): { whole: string; places: PartPlace[] } {
  let whole = text;
  let lines = count(text);
  const places: PartPlace[] = [];
  for (const part of parts) {
    const head = `${whole.endsWith("\n") ? "" : "\n"}\n<!-- ${part.file} -->\n`;
    whole += head;
    lines += count(head);
    places.push({ file: part.file, line: lines });
    whole += part.text;
    lines += count(part.text);
  }
  return { whole, places };
}

/**
 * `main` (the parse of the spec alone) joined with `parsed`, the parse of each part in `places`'
 * order: owned paths, dependencies (unless the spec's front matter lists them: it wins), rules,
 * provided names, fields the spec does not set, notes; its body `body` (the spec's and its parts').
 */
export function withParts(main: ParsedModule, parsed: readonly ParsedModule[], places: readonly PartPlace[], body: string): ParsedModule {
  const files = [...main.files];
  const fileLines = lineTable(Object.entries(main.fileLines ?? {}));
  const references = [...main.references];
  const dependencySections = [...main.dependencySections];
  const fields = { ...main.fields };
  const frontMatterWins = main.references.some((r) => r.kind === "front-matter");
  parsed.forEach((part, i) => {
    const shift = places[i]!.line;
    for (const file of part.files) {
      if (file in fileLines) continue;
      files.push(file);
      fileLines[file] = (part.fileLines?.[file] ?? 1) + shift;
    }
    if (!frontMatterWins) {
      for (const r of part.references) references.push({ ...r, line: r.line + shift });
      for (const s of part.dependencySections) dependencySections.push({ line: s.line + shift, from: s.from + shift, to: s.to + shift, none: s.none });
    }
    for (const [key, value] of Object.entries(part.fields)) if (!(key in fields)) fields[key] = value;
  });
  const all = [main, ...parsed];
  const loggers = unique(all.flatMap((m) => m.loggers ?? []));
  return {
    ...main,
    fields,
    files,
    fileLines,
    ...(loggers.length ? { loggers } : {}),
    provides: unique(all.flatMap((m) => m.provides)),
    allowedImports: all.flatMap((m) => m.allowedImports),
    forbiddenImports: all.flatMap((m) => m.forbiddenImports),
    references,
    dependencySections,
    notes: all.flatMap((m) => m.notes),
    body,
    parts: [...places],
  };
}

/** The parse of the spec `file` (text `text`) with the parts it links (spec/spec-parts.ts): each part parsed as a spec, joined to it. */
export function partsParse(file: string, text: string, parts: SpecPart[], id: string, layer: string): ParsedModule {
  const { whole, places } = joinParts(text, parts);
  const main = parseModule(file, text, id, layer);
  const body = whole.slice(text.length - main.body.length);
  return withParts(main, parts.map((p) => parseModule(p.file, p.text, id, layer)), places, body);
}

/** How spec/spec-parts.ts reads a module's parts: through `source` (so the tree's key holds them), and what a file outside the folder says. */
export function partReader(root: string, source: (rel: string) => string, layer: string): PartReader {
  const isFile = (rel: string) => !rel.startsWith("../") && statSync(join(root, rel), { throwIfNoEntry: false })?.isFile() === true;
  return {
    isFile,
    read: source,
    says(rel) {
      if (!isFile(rel) || !rel.endsWith(".md")) return undefined;
      try {
        const part = parseModule(rel, source(rel), posix.basename(rel, ".md"), layer);
        const says = [part.files.length ? "files" : "", part.references.length || part.dependencySections.length ? "dependencies" : ""].filter(Boolean);
        return says.length ? says.join(" and ") : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The `.md` links of a text and their lines, outside code blocks. */
function links(text: string): { target: string; line: number }[] {
  if (!text.includes("](")) return [];
  const found: { target: string; line: number }[] = [];
  let fenced = false;
  text.split("\n").forEach((line, i) => {
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || !line.includes("](")) return;
    for (const [, target] of line.matchAll(MD_LINK)) if (target) found.push({ target, line: i + 1 });
  });
  return found;
}

function decode(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

function count(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
