import { dirname } from "node:path";
import { OrchestrateError } from "../errors.js";
import { withFileLock } from "./atomic.js";
import { encodeText, fitEncoding, readDocFile, writeDocFile } from "./file.js";
import { detectEol, headingOf, lastBodyLine, oneLine, scanLines, type Line } from "./lines.js";

export const FEATURES_START = "<!-- orchestrate:features:start -->";
export const FEATURES_END = "<!-- orchestrate:features:end -->";

export interface Feature {
  module: string;
  layer: string;
  summary: string;
}

/** The README has one features marker without the other, or they are out of order. */
export class ReadmeMarkerError extends OrchestrateError {
  override name = "ReadmeMarkerError" as const;
  constructor(message: string, place: { file?: string; line?: number } = {}, options?: ErrorOptions) {
    super("README_MARKERS", message, place, options);
  }
}

const LAYER_LINE = /^[-*+] \*\*([^*]+)\*\*\s*$/;
const MODULE_LINE = /^\s+[-*+] \*\*([^*]+)\*\*:\s?(.*)$/;

/**
 * Rewrites the list between the features markers: bullets grouped by layer,
 * merged by module id with the bullets already there (a module's new summary
 * and layer win), so re-running with the same features changes nothing. The
 * region belongs to orchestrate: lines in it that are not its bullets are dropped.
 * Without markers, the region goes where a reader looks for features (see `placeRegion`).
 */
export function updateFeatureRegion(source: string, features: Feature[]): string {
  const eol = detectEol(source);
  const all = scanLines(source);
  const lines = all.filter((l) => !l.verbatim);
  const start = lines.find((l) => l.text.trim() === FEATURES_START);
  const end = lines.find((l) => l.text.trim() === FEATURES_END && (!start || l.start > start.start));
  if (!start && !end) return placeRegion(source, all, `${FEATURES_START}${eol}${renderRegion(merge(new Map(), features), eol)}${FEATURES_END}`, eol);
  if (!start || !end) {
    const which = start ? `"${FEATURES_END}" after` : `"${FEATURES_START}" before`;
    const at = all.indexOf((start ?? end) as Line) + 1;
    throw new ReadmeMarkerError(`Expected ${which} the features marker on line ${at}, found none`, { line: at });
  }
  const bodyStart = start.next;
  const existing = parseRegion(source.slice(bodyStart, end.start));
  return source.slice(0, bodyStart) + renderRegion(merge(existing, features), eol) + source.slice(end.start);
}

/** "Features", "Key Features", "✨ Features", "Feature list"; not "Feature flags". */
const FEATURES_HEADING = /(?:^|[^a-z])(?:features|feature list)[^a-z]*$/i;
/** Sections that close a README: a features list goes before them. */
const BACK_MATTER = /(?:^|[^a-z])(?:licen[cs]e|disclaimer|contributing|contributors|acknowledge?ments?|credits|authors|contact|support)(?:$|[^a-z])/i;

/**
 * A new region, placed where a reader looks for it: at the end of the README's own
 * features section (`## Key Features`), else in a `## Features` section before the back
 * matter (License, Disclaimer, ...), else at the end. Only inserts: every byte stays.
 */
function placeRegion(source: string, all: Line[], region: string, eol: string): string {
  const marks = all.flatMap((line, index) => {
    const h = headingOf(line);
    return h ? [{ index, ...h }] : [];
  });
  const own = marks.find((h) => h.level <= 3 && FEATURES_HEADING.test(h.text));
  if (own) {
    const next = marks.find((h) => h.index > own.index && h.level <= own.level)?.index ?? all.length;
    const line = all[lastBodyLine(all, own.index + 1, next)] as Line;
    return source.slice(0, line.end) + eol + eol + region + source.slice(line.end);
  }
  const top = Math.min(...marks.filter((h) => h.level > 1).map((h) => h.level), 2);
  const back = marks.find((h) => h.level <= top && h.level > 1 && BACK_MATTER.test(h.text));
  if (back) {
    const at = all[back.index] as Line;
    const gap = back.index > 0 && (all[back.index - 1]?.text.trim() ?? "") !== "" ? eol : "";
    const block = `${gap}${"#".repeat(back.level)} Features${eol}${eol}${region}${eol}${eol}`;
    return source.slice(0, at.start) + block + source.slice(at.start);
  }
  return `${source}${blankLineAfter(source, eol)}## Features${eol}${eol}${region}${eol}`;
}

/** Module id to its layer and summary, in the region's order. */
type Region = Map<string, { layer: string; summary: string }>;

function parseRegion(body: string): Region {
  const region: Region = new Map();
  let layer: string | undefined;
  for (const line of body.split(/\r\n?|\n/)) {
    const group = LAYER_LINE.exec(line);
    if (group?.[1]) layer = group[1].trim();
    const item = MODULE_LINE.exec(line);
    if (item?.[1] && layer !== undefined) region.set(item[1].trim(), { layer, summary: (item[2] ?? "").trim() });
  }
  return region;
}

function merge(region: Region, features: Feature[]): Region {
  const merged: Region = new Map(region);
  for (const f of features) {
    const module = oneLine(f.module);
    const next = { layer: oneLine(f.layer), summary: oneLine(f.summary) };
    // A module that moved layer goes to the end of its new layer, not its old position.
    const old = merged.get(module);
    if (old && old.layer !== next.layer) merged.delete(module);
    merged.set(module, next);
  }
  return merged;
}

/** Layers in order of first appearance, modules in region order within each. */
function renderRegion(region: Region, eol: string): string {
  const layers = new Map<string, string[]>();
  for (const [module, { layer, summary }] of region) {
    const bullets = layers.get(layer) ?? [];
    bullets.push(`  - **${module}**: ${summary}`);
    layers.set(layer, bullets);
  }
  const lines = [...layers].flatMap(([layer, bullets]) => [`- **${layer}**`, ...bullets]);
  return lines.length === 0 ? eol : [eol, ...lines.map((l) => l + eol), eol].join("");
}

/** What to append so that `source` ends with a blank line (nothing for an empty file). */
function blankLineAfter(source: string, eol: string): string {
  if (source === "" || /(?:\r\n?|\n){2}$/.test(source)) return "";
  return /[\r\n]$/.test(source) ? eol : eol + eol;
}

/**
 * Reads `file` (missing means empty, or `# title` when given), updates its features region and writes it atomically if
 * it changed, keeping the file's encoding (see `updateChangelog`). Broken markers are a
 * ReadmeMarkerError, a folder or a link out of `root` (default: the file's folder) a
 * DocsFileError, each naming the file.
 */
export async function updateReadme(file: string, features: Feature[], options: { root?: string; title?: string } = {}): Promise<{ created: boolean; changed: boolean }> {
  return withFileLock(file, async () => {
    const { target, text, encoding } = await readDocFile(file, options.root ?? dirname(file));
    let next: string;
    try {
      const fitted = features.map((f) => ({ module: fitEncoding(f.module, encoding), layer: fitEncoding(f.layer, encoding), summary: fitEncoding(f.summary, encoding) }));
      // A README made from nothing starts with the project's name, not with its features.
      const start = text ?? (options.title ? `# ${fitEncoding(oneLine(options.title), encoding)}\n\n` : "");
      next = updateFeatureRegion(start, fitted);
    } catch (error) {
      if (error instanceof ReadmeMarkerError) throw new ReadmeMarkerError(error.message, { ...error.place, file }, { cause: error });
      throw error;
    }
    if (next === text) return { created: false, changed: false };
    await writeDocFile(file, target, encodeText(next, encoding));
    return { created: text === undefined, changed: true };
  });
}
