import { dirname } from "node:path";
import { withFileLock } from "./atomic.js";
import { bulletText, listItems } from "./bullets.js";
import { unreleasedLink } from "./links.js";
import { encodeText, fitEncoding, readDocFile, writeDocFile } from "./file.js";
import { applyEdits, detectEol, headings, lastBodyLine, scanLines, type Edit, type Heading, type Line } from "./lines.js";

export type ChangeSection = "Added" | "Changed" | "Deprecated" | "Removed" | "Fixed" | "Security";

/** One bullet: `text` is its markdown; lines after the first become the bullet's nested content. */
export interface ChangeEntry {
  section: ChangeSection;
  text: string;
}

/** Keep a Changelog 1.1.0's order of subsections within a release. */
export const SECTION_ORDER: readonly ChangeSection[] = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];

const HEADER = [
  "# Changelog",
  "",
  "All notable changes to this project will be documented in this file.",
  "",
  "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),",
  "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).",
];

const UNRELEASED = /^\[?\s*unreleased\s*\]?(?=$|[\s:(-])/i;
const VERSION = /^\[?v?\d+(\.\d+)*/i;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Adds `entries` to the `[Unreleased]` section of a Keep a Changelog file. Only
 * inserts: every existing byte is kept, in place, and new lines use the file's
 * own line ending and bullet marker. An entry already in the subsection it would go
 * to is not added again; the same text elsewhere (a released version) does not count.
 */
export function addUnreleased(source: string, entries: ChangeEntry[]): string {
  return editChangelog(source, entries).text;
}

/**
 * `addUnreleased` that also says where the entries went when the file is not the
 * textbook shape: no `[Unreleased]`, one that is stale (below released versions in a
 * newest-first file), or releases listed oldest first. Each note is one sentence.
 */
export function editChangelog(source: string, entries: ChangeEntry[]): { text: string; notes: string[]; added: number; already?: Map<ChangeSection, number> } {
  let wanted = groupEntries(entries);
  if (wanted.size === 0) return { text: source, notes: [], added: 0 };
  let already: Map<ChangeSection, number> | undefined;
  const eol = detectEol(source);
  if (source.trim() === "") {
    const section = ["## [Unreleased]", ...renderSubsections(wanted, "-", eol)].join(eol + eol);
    return { text: HEADER.join(eol) + eol + eol + section + eol, notes: [], added: count(wanted) };
  }
  const lines = scanLines(source);
  const marks = headings(lines);
  const place = placeOf(marks);
  if (place.unreleased) {
    // The step that writes these may run again after a crash: what it wrote then is in the same subsection.
    const fresh = notYetWritten(wanted, lines, subsectionsOf(lines, marks, place.unreleased));
    already = new Map([...wanted].flatMap(([section, texts]) => (texts.length > (fresh.get(section)?.length ?? 0) ? [[section, texts.length - (fresh.get(section)?.length ?? 0)] as const] : [])));
    if (already.size === 0) already = undefined;
    wanted = fresh;
    if (wanted.size === 0) return { text: source, notes: [], added: 0, ...(already ? { already } : {}) };
  }
  const newest = place.oldestFirst ? place.releases.at(-1) : place.releases[0];
  const edits = place.unreleased
    ? editUnreleased(lines, marks, place.unreleased, wanted, eol)
    : [createUnreleased(lines, marks, wanted, eol, place.oldestFirst ? newest : undefined), ...unreleasedLink(lines, newest?.heading, place.oldestFirst, eol)];
  return { text: applyEdits(source, edits), notes: place.note ? [place.note] : [], added: count(wanted), ...(already ? { already } : {}) };
}

/** The `[Unreleased]` section's end and its level-3 subsections. */
function subsectionsOf(lines: Line[], marks: Heading[], unreleased: Heading): { end: number; subs: Heading[] } {
  const end = marks.find((h) => h.index > unreleased.index && h.level <= 2)?.index ?? lines.length;
  return { end, subs: marks.filter((h) => h.index > unreleased.index && h.index < end && h.level === 3) };
}

/** `wanted` without the texts already a bullet of their own subsection, compared as `bulletText` reads them. */
function notYetWritten(wanted: Map<ChangeSection, string[]>, lines: Line[], { end, subs }: { end: number; subs: Heading[] }): Map<ChangeSection, string[]> {
  const fresh = new Map<ChangeSection, string[]>();
  for (const [section, texts] of wanted) {
    const present = new Set(
      subs.flatMap((h, i) => (sectionOf(h.text) === section ? listItems(lines, h.index + 1, subs[i + 1]?.index ?? end) : [])),
    );
    const left = texts.filter((text) => !present.has(bulletText(text)));
    if (left.length > 0) fresh.set(section, left);
  }
  return fresh;
}

function count(wanted: Map<ChangeSection, string[]>): number {
  return [...wanted.values()].reduce((n, texts) => n + texts.length, 0);
}

interface Release {
  heading: Heading;
  /** YYYY-MM-DD, when the heading has a date. */
  date?: string;
  version?: number[];
}

const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;
const VERSION_NUMBER = /^\[?\s*(?:version\s+)?v?(\d+(?:\.\d+)*)/i;

/** Level-2 headings that name a release: a version or a date, not `[Unreleased]`. */
function releasesOf(marks: Heading[]): Release[] {
  const releases: Release[] = [];
  for (const heading of marks) {
    if (heading.level !== 2 || UNRELEASED.test(heading.text)) continue;
    const date = DATE.exec(heading.text)?.[1];
    const version = VERSION_NUMBER.exec(heading.text)?.[1];
    if (!date && !version) continue;
    releases.push({ heading, ...(date ? { date } : {}), ...(version && !DATE.test(version) ? { version: version.split(".").map(Number) } : {}) });
  }
  return releases;
}

/** True when the releases run oldest first: their first and last dates (or versions) say so. */
function isOldestFirst(releases: Release[]): boolean {
  const dated = releases.filter((r) => r.date);
  if (dated.length >= 2) return (dated[0]?.date ?? "") < (dated.at(-1)?.date ?? "");
  const versioned = releases.filter((r) => r.version);
  if (versioned.length >= 2) return compareVersions(versioned[0]?.version ?? [], versioned.at(-1)?.version ?? []) < 0;
  return false;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Where new entries go: the `[Unreleased]` section at the newest end of the releases, or
 * none (then one is created there). An `[Unreleased]` elsewhere is stale: people read a
 * changelog from its newest end, so entries under it would go unseen.
 */
function placeOf(marks: Heading[]): { unreleased?: Heading; releases: Release[]; oldestFirst: boolean; note?: string } {
  const releases = releasesOf(marks);
  const all = marks.filter((h) => h.level === 2 && UNRELEASED.test(h.text));
  const first = releases[0];
  const last = releases.at(-1);
  if (!first || !last) return all[0] ? { unreleased: all[0], releases, oldestFirst: false } : { releases, oldestFirst: false };
  const oldestFirst = isOldestFirst(releases);
  const current = oldestFirst ? all.find((h) => h.index > last.heading.index) : all.find((h) => h.index < first.heading.index);
  if (current) return { unreleased: current, releases, oldestFirst };
  const stale = all[0];
  const where = oldestFirst
    ? `at the end, below \`## ${last.heading.text}\` (line ${last.heading.index + 1}), since its releases run oldest first`
    : `above \`## ${first.heading.text}\` (line ${first.heading.index + 1}), where its newest entries are`;
  const note = stale
    ? `its \`## ${stale.text}\` on line ${stale.index + 1} is stale (${oldestFirst ? "above" : "below"} released versions), so the entries went under a new \`## [Unreleased]\` ${where}`
    : `it has no \`## [Unreleased]\` section, so the entries went under a new one ${where}`;
  return { releases, oldestFirst, note };
}

/** Entry texts by section, sections in the standard order; blank texts are dropped. */
function groupEntries(entries: ChangeEntry[]): Map<ChangeSection, string[]> {
  const unknown = entries.find((e) => !SECTION_ORDER.includes(e.section));
  if (unknown) {
    throw new TypeError(`Expected \`section\` to be one of ${SECTION_ORDER.join(", ")}, got \`${String(unknown.section)}\``);
  }
  const wanted = new Map<ChangeSection, string[]>();
  for (const section of SECTION_ORDER) {
    const texts = entries.filter((e) => e.section === section && e.text.trim() !== "").map((e) => e.text);
    if (texts.length > 0) wanted.set(section, texts);
  }
  return wanted;
}

function editUnreleased(
  lines: Line[],
  marks: Heading[],
  unreleased: Heading,
  wanted: Map<ChangeSection, string[]>,
  eol: string,
): Edit[] {
  const { end: sectionEnd, subs } = subsectionsOf(lines, marks, unreleased);
  const marker = bulletMarker(lines, unreleased.index, sectionEnd) ?? bulletMarker(lines, 0, lines.length) ?? "-";
  const edits: Edit[] = [];
  const missing = new Map<number, ChangeSection[]>();
  for (const [section, texts] of wanted) {
    const position = subs.findIndex((h) => sectionOf(h.text) === section);
    const sub = subs[position];
    if (sub) {
      const end = subs[position + 1]?.index ?? sectionEnd;
      edits.push(appendToList(lines, sub.index, end, texts, marker, eol));
      continue;
    }
    // Standard place: before the first existing subsection that the standard order puts after this one.
    const after = subs.find((h) => order(sectionOf(h.text)) > order(section));
    const anchor = after ? after.index : -1;
    missing.set(anchor, [...(missing.get(anchor) ?? []), section]);
  }
  // Rank 1: at the end of the section, new subsections follow bullets appended to the last one.
  for (const [anchor, sections] of missing) {
    const blocks = renderSubsections(pick(wanted, sections), marker, eol);
    if (anchor >= 0) {
      const line = lines[anchor] as Line;
      const gap = isBlank(lines[anchor - 1]) ? "" : eol;
      edits.push({ offset: line.start, rank: 1, text: gap + blocks.map((b) => b + eol + eol).join("") });
    } else {
      const body = lastBodyLine(lines, unreleased.index + 1, sectionEnd);
      const line = lines[body] as Line;
      edits.push({ offset: line.end, rank: 1, text: blocks.map((b) => eol + eol + b).join("") });
    }
  }
  return edits;
}

/** Appends bullets after a subsection's last list item, or after a blank line when it has no list. */
function appendToList(lines: Line[], heading: number, end: number, texts: string[], fallback: string, eol: string): Edit {
  const body = lastBodyLine(lines, heading + 1, end);
  const last = lines[Math.max(body, heading)] as Line;
  const item = lastBlockStart(lines, heading, body);
  const itemLine = lines[item];
  if (item <= heading || !itemLine || itemLine.verbatim || !LIST_ITEM.test(itemLine.text)) {
    return { offset: last.end, rank: 0, text: eol + eol + renderBullets(texts, fallback, eol) };
  }
  const marker = /^ {0,3}([-*+])/.exec(itemLine.text)?.[1] ?? fallback;
  // A loose list (items separated by blank lines) stays loose.
  const before = lines[item - 2];
  const loose =
    item - 2 > heading && isBlank(lines[item - 1]) && !!before && (LIST_ITEM.test(before.text) || /^\s{2}/.test(before.text));
  return { offset: last.end, rank: 0, text: (loose ? eol + eol : eol) + renderBullets(texts, marker, eol, loose) };
}

/**
 * The line where the top-level block holding `body` starts: a list item, or the
 * first line of a paragraph (lazy continuation lines at column 0 belong to the item above).
 */
function lastBlockStart(lines: Line[], heading: number, body: number): number {
  let k = body;
  for (; k > heading; k--) {
    const text = lines[k]?.text ?? "";
    if (!/^ ?\S/.test(text)) continue;
    if (LIST_ITEM.test(text) || k - 1 === heading || isBlank(lines[k - 1])) break;
  }
  return k;
}

/** A new `[Unreleased]` section before the first release, or after `after` (the newest release of an oldest-first file). */
function createUnreleased(lines: Line[], marks: Heading[], wanted: Map<ChangeSection, string[]>, eol: string, after?: Release): Edit {
  const marker = bulletMarker(lines, 0, lines.length) ?? "-";
  const section = ["## [Unreleased]", ...renderSubsections(wanted, marker, eol)].join(eol + eol);
  if (after) {
    const next = marks.find((h) => h.index > after.heading.index && h.level <= 2);
    const body = lastBodyLine(lines, after.heading.index + 1, next?.index ?? lines.length);
    const line = lines[body] as Line;
    return { offset: line.end, rank: 0, text: eol + eol + section };
  }
  const anchor = marks.find((h) => h.level === 2 && VERSION.test(h.text)) ?? marks.find((h) => h.level === 2);
  if (anchor) {
    const gap = anchor.index === 0 || isBlank(lines[anchor.index - 1]) ? "" : eol;
    return { offset: (lines[anchor.index] as Line).start, rank: 0, text: gap + section + eol + eol };
  }
  const body = lastBodyLine(lines, 0, lines.length);
  const line = lines[body];
  if (!line) return { offset: 0, rank: 0, text: section + eol + eol };
  return { offset: line.end, rank: 0, text: eol + eol + section };
}

function renderSubsections(wanted: Map<ChangeSection, string[]>, marker: string, eol: string): string[] {
  return [...wanted].map(([section, texts]) => `### ${section}${eol}${eol}${renderBullets(texts, marker, eol)}`);
}

function renderBullets(texts: string[], marker: string, eol: string, loose = false): string {
  return texts.map((text) => renderBullet(text, marker, eol)).join(loose ? eol + eol : eol);
}

/** Later lines of `text` are indented under the marker so nested bullets stay nested. */
function renderBullet(text: string, marker: string, eol: string): string {
  const [first = "", ...rest] = text.replace(/\r\n?/g, "\n").trim().split("\n");
  const indent = " ".repeat(marker.length + 1);
  const tail = rest.map((line) => (line.trim() === "" ? "" : indent + line.trimEnd()));
  return [`${marker} ${first.trimEnd()}`, ...tail].join(eol);
}

function bulletMarker(lines: Line[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const match = line && !line.verbatim ? /^([-*+])[ \t]+\S/.exec(line.text) : null;
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function sectionOf(heading: string): ChangeSection | undefined {
  // `### Added (2025-11-02)` is a dated release note of its own, not the open `Added` list.
  if (/\d/.test(heading)) return undefined;
  const word = heading.toLowerCase().replace(/[^a-z]/g, "");
  return SECTION_ORDER.find((s) => s.toLowerCase() === word);
}

/** Unknown subsections (`### Breaking`) never count as coming after a standard one. */
function order(section: ChangeSection | undefined): number {
  return section ? SECTION_ORDER.indexOf(section) : -1;
}

function pick(wanted: Map<ChangeSection, string[]>, sections: ChangeSection[]): Map<ChangeSection, string[]> {
  return new Map(sections.map((s) => [s, wanted.get(s) ?? []]));
}

function isBlank(line: Line | undefined): boolean {
  return line !== undefined && !line.verbatim && line.text.trim() === "";
}

/**
 * Reads `file` (missing means empty), adds `entries` under `[Unreleased]` (those not there
 * already: `added` says how many went in, `already` how many of each section were there) and writes it atomically.
 * Every byte outside the inserted lines is kept: a file that is not valid UTF-8 is edited as
 * Latin-1 and the entries written in it (characters it cannot hold as `&#x...;`). A symbolic
 * link is followed only to a file inside `root` (default: the file's folder). A folder, a link
 * out of the project or a read or write failure is a DocsFileError naming the file.
 */
export async function updateChangelog(file: string, entries: ChangeEntry[], options: { root?: string } = {}): Promise<{ created: boolean; added: number; notes?: string[]; already?: Map<ChangeSection, number> }> {
  return withFileLock(file, async () => {
    const { target, text, encoding } = await readDocFile(file, options.root ?? dirname(file));
    const source = text ?? "";
    const { text: next, notes, added, already } = editChangelog(source, entries.map((e) => ({ ...e, text: fitEncoding(e.text, encoding) })));
    const there = already ? { already } : {};
    if (next === source) return { created: false, added: 0, ...there };
    await writeDocFile(file, target, encodeText(next, encoding));
    return { created: text === undefined, added, ...(notes.length ? { notes } : {}), ...there };
  });
}

export { formatModuleEntry, sectionForTask } from "./entry.js";
