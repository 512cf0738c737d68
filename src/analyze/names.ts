import { frontMatterName, moduleNames, squashName } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import { abbreviatedBy } from "./abbreviations.js";
import { initialismHits } from "./initialisms.js";
import { layerAliases } from "./layer-aliases.js";
import { isKeyword } from "./keywords.js";
import { isStopWord, stem } from "./stem.js";
import { nameTokens, singular, type Span, type Token } from "./text.js";
import { dataPaths, inDataPath, inHostName, inUrlPath, type DataPaths } from "./name-places.js";

/** A layer or module named in prose. */
export interface NameHit extends Span {
  kind: "layer" | "module";
  id: string;
  /** As written: `order book`, `OrderBook`. */
  text: string;
  /** Next to "layer"/"module" or in backticks. */
  qualified: boolean;
  /** An initialism the module's spec spells out ("EPC"): what the work is about, not where it goes (initialisms.ts). */
  initialism?: true;
}

interface Name {
  words: string[];
  module?: string;
  layer?: string;
  /** "front end", "backend": a side of the project, named in the plural too ("all the front ends"). */
  side?: boolean;
  /** A layer's other name from the system spec's table: written as it is there ("the screens", not "the record screen"). */
  exact?: boolean;
}

const QUALIFIERS = {
  // What specs call their layers besides layers: "the calc tier", "the transcode stage".
  layer: new Set(["layer", "layers", "tier", "tiers", "stage", "stages"]),
  module: new Set(["module", "modules", "agent", "package"]),
};

/**
 * Layer and module names written as words, longest names first; a match uses up its
 * words, so "event loop" is `event_loop` and not also `events`. The last word of a
 * name tolerates plural/singular. A name that is both a layer and a module id means
 * the module unless "layer" stands next to it (the module is the more specific).
 * A one-word name that is also a task keyword (`errors`, `build`) counts only when
 * qualified ("the errors module", `errors`); otherwise the word is the keyword.
 */
export function findNames(text: string, spec: SpecTree): NameHit[] {
  return findAllNames(text, spec).names;
}

/**
 * As `findNames`, plus the unqualified one-word names that are also task keywords
 * (`performance`, `errors`) apart: whether such a word is the module or the keyword
 * depends on the rest of the request (see `analyzeTask`).
 */
export function findAllNames(text: string, spec: SpecTree): { names: NameHit[]; ambiguous: NameHit[] } {
  const tokens = nameTokens(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const hits: NameHit[] = [];
  const ambiguous: NameHit[] = [];
  let spans: DataPaths | undefined;
  const paths = () => (spans ??= dataPaths(text));

  for (const name of names(spec)) {
    const found: NameHit[] = [];
    for (let at = 0; at + name.words.length <= tokens.length; at++) {
      if (!matchesAt(tokens, used, at, name.words, text)) continue;
      const first = tokens[at] as Token;
      const last = tokens[at + name.words.length - 1] as Token;
      const near = [tokens[at - 1]?.word, tokens[at + name.words.length]?.word];
      const ticked = text[first.start - 1] === "`" && text[last.end] === "`";
      const nextToLayer = near.some((w) => w !== undefined && QUALIFIERS.layer.has(w));
      const nextToModule = near.some((w) => w !== undefined && QUALIFIERS.module.has(w));
      const kind = name.layer && (nextToLayer || !name.module) ? "layer" : "module";
      const qualified = ticked || (kind === "layer" ? nextToLayer : nextToModule);
      const id = (kind === "layer" ? name.layer : name.module) as string;
      if (!ticked && (inDataPath(text, first.start, last.end, paths) || inHostName(text, first.start, last.end))) continue;
      if (name.exact && last.word !== name.words.at(-1)) continue;
      if (kind === "layer" && !ticked && inUrlPath(text, first.start, last.end)) continue;
      found.push({ kind, id, text: text.slice(first.start, last.end), start: first.start, end: last.end, qualified });
      for (let k = 0; k < name.words.length; k++) used[at + k] = true;
    }
    // Most of a large tree's names are not in the request: nothing below to weigh (isKeyword is the cost).
    if (!found.length) continue;
    // "across all cores" is no layer `core`: a plural names a layer only next to "layer".
    for (const hit of found.filter((h) => h.kind === "layer" && !h.qualified && !name.side && pluralOfSingular(h, name.words))) {
      found.splice(found.indexOf(hit), 1);
      unuse(tokens, used, hit);
    }
    // Once qualified anywhere ("the errors module ... typed errors"), every occurrence is the name.
    const shadowed = name.words.length === 1 && isKeyword(name.words[0] ?? "");
    if (!shadowed || found.some((hit) => hit.qualified)) hits.push(...found);
    else {
      ambiguous.push(...found);
      for (const hit of found) unuse(tokens, used, hit);
    }
  }
  hits.push(...partialNames(tokens, used, spec, text), ...routeOwners(text, spec));
  hits.push(...initialismHits(text, spec, hits));
  hits.sort((a, b) => a.start - b.start);
  return { names: hits.filter((hit, i) => !modifies(hit, hits[i + 1], text)), ambiguous };
}

/**
 * A module name written in the singular (`account`, `balance`) right before another
 * module's name describes it rather than naming a module: "account balances" are the
 * balances, a "trial balance report" is a report. The id's own form ("importer
 * reports errors") and a qualified name still count.
 */
function modifies(hit: NameHit, next: NameHit | undefined, text: string): boolean {
  if (!next || hit.kind !== "module" || next.kind !== "module" || hit.qualified) return false;
  // Right before it, or one plain word between: "a balance sheet report" is a report.
  const between = text.slice(hit.end, next.start);
  const word = /^[\s-]+([a-z]+)[\s-]+$/i.exec(between)?.[1]?.toLowerCase();
  if (!/^[\s-]+$/.test(between) && (word === undefined || isStopWord(word) || isKeyword(word))) return false;
  return singularOfPlural(hit);
}

/** Written in the singular where the id is plural: `balance` for `balances`, `report` for `reports`. */
function singularOfPlural(hit: NameHit): boolean {
  const written = nameTokens(hit.text).at(-1)?.word ?? "";
  const own = hit.id.toLowerCase().split(/[_-]+/).at(-1) ?? "";
  return written !== own && singular(own) === written;
}

/**
 * A module name written as a plain word rather than as the module: in the singular where
 * the id is plural ("entries that don't balance", "the trial balance"), or as a part of a
 * longer identifier (`test_reversal_balances`) or of a hyphenated word (`pre-auth`). Unless qualified.
 */
export function isLoose(hit: NameHit, text: string): boolean {
  if (hit.kind !== "module" || hit.qualified) return false;
  const joined = /[A-Za-z0-9_]/;
  // Or hyphenated into another word: "the pre-auth hold" is no `auth`, "the error-by-weather chart" no `weather`.
  const hyphened = (text[hit.start - 1] === "-" && /[A-Za-z]/.test(text[hit.start - 2] ?? "")) || (text[hit.end] === "-" && /[A-Za-z]/.test(text[hit.end + 1] ?? ""));
  return singularOfPlural(hit) || hyphened || joined.test(text[hit.start - 1] ?? "") || joined.test(text[hit.end] ?? "");
}

/**
 * The names with a layer's bare word read as the module of that layer named as a kind of it
 * (see `layerHeads`). Only when nothing else names a module: beside one, a layer's word is
 * context ("fix MACD_Trend_v4 crashing when VIX data is missing").
 */
export function layerWordsAsModules(text: string, names: readonly NameHit[], spec: SpecTree): NameHit[] {
  if (names.some((h) => h.kind === "module") || !names.some((h) => h.kind === "layer" && !h.qualified)) return [...names];
  const heads = layerHeads(spec);
  return names.map((hit) => {
    // Written in the plural ("both portals") or before units in the plural ("the io packages"), it is still the layer.
    const written = hit.text.toLowerCase();
    const group = PLURAL_UNITS.test(text.slice(hit.end, hit.end + 16));
    const id = hit.kind === "layer" && !hit.qualified && !group && singular(written) === written ? heads.get(hit.id)?.get(written) : undefined;
    return id === undefined ? hit : { ...hit, kind: "module", id };
  });
}

/** Units of code in the plural right after a word: "the io packages", "the portal services". */
const PLURAL_UNITS = /^[ \t]+(?:packages|modules|services|crates|components|libraries|libs|apps|parts|pieces)\b/i;

/**
 * "in the portal" where layer `portals` holds `customer-portal` (and `broker-api`), "queue: add a
 * priority lane" where layer `queue` holds "Mail Queue": a layer's word written bare, as a thing,
 * means the one module of that layer named as a kind of it (its id's or display name's last word),
 * not the whole layer. Per layer, that word -> the module, when exactly one module is so named.
 */
function layerHeads(spec: SpecTree): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const layer of spec.layers) {
    const word = singular(layer.id.toLowerCase().split(/[\s_-]+/).at(-1) ?? "");
    const head = (name: string | undefined) => singular(name?.toLowerCase().split(/[\s_-]+/).filter(Boolean).at(-1) ?? "");
    const owners = spec.modules.filter((m) => m.layer === layer.id && [m.id, frontMatterName(m), firstHeading(m.body)].some((n) => head(n) === word));
    if (owners.length === 1 && owners[0]!.id !== layer.id) out.set(layer.id, new Map([[word, owners[0]!.id]]));
  }
  return out;
}

/** Words after which a word names a module even when it is only a part of its id. */
const PART_QUALIFIERS = new Set(["module", "package", "component", "service"]);

/**
 * "the payment module" for `payment_gateway`: a word right before "module" (or package,
 * component, service) that is a part of exactly one module's id and of no layer's. People
 * name a module by its distinctive word; the rest of its id is often left out. A part counts
 * also as the word it abbreviates ("the payment service" for `pmt`, see abbreviations.ts).
 */
function partialNames(tokens: Token[], used: boolean[], spec: SpecTree, text: string): NameHit[] {
  const hits: NameHit[] = [];
  for (let at = 0; at + 1 < tokens.length; at++) {
    const token = tokens[at] as Token;
    const next = tokens[at + 1] as Token;
    if (used[at] || !PART_QUALIFIERS.has(singular(next.word)) || !/^\s+$/.test(text.slice(token.end, next.start))) continue;
    const word = singular(token.word);
    if (word.length < 3 || isStopWord(word) || isKeyword(word)) continue;
    const hasPart = (id: string) => id.toLowerCase().split(/[_-]+/).some((part) => singular(part) === word);
    const owners = spec.modules.filter((m) => hasPart(m.id));
    if (owners.length === 0) owners.push(...abbreviatedBy(token.word, spec.modules));
    if (owners.length !== 1 || spec.layers.some((l) => hasPart(l.id))) continue;
    hits.push({ kind: "module", id: owners[0]!.id, text: text.slice(token.start, token.end), start: token.start, end: token.end, qualified: true });
    used[at] = true;
  }
  return hits;
}

/** A URL's path in prose: `/api/recipes`, `/api/plans/:week`; not a file (`/src/app.ts`). */
const URL_PATH = /(?<![\w./-])\/[A-Za-z][\w-]*(?:\/[\w:{}-]+)+(?![\w./-])/g;

/**
 * The module a route is named for: `/api/recipes` is `recipes-api`'s, whose id's every part is a segment
 * of the path (in any order). The module with the most parts so met, when one alone has them.
 */
function routeOwners(text: string, spec: SpecTree): NameHit[] {
  const hits: NameHit[] = [];
  for (const m of text.matchAll(URL_PATH)) {
    const segments = new Set(m[0].toLowerCase().split(/[/_-]+/).filter(Boolean).map(singular));
    const met = spec.modules
      .map((mod) => ({ id: mod.id, parts: mod.id.toLowerCase().split(/[_-]+/).filter(Boolean).map(singular) }))
      .filter((mod) => mod.parts.length > 1 && mod.parts.every((p) => segments.has(p)))
      .sort((a, b) => b.parts.length - a.parts.length);
    if (met.length === 0 || (met.length > 1 && met[1]!.parts.length === met[0]!.parts.length)) continue;
    hits.push({ kind: "module", id: met[0]!.id, text: m[0], start: m.index, end: m.index + m[0].length, qualified: true });
  }
  return hits;
}

function pluralOfSingular(hit: NameHit, words: readonly string[]): boolean {
  const written = nameTokens(hit.text).at(-1)?.word ?? "";
  const own = words.at(-1) ?? "";
  return written !== own && singular(written) === own;
}

function unuse(tokens: Token[], used: boolean[], hit: Span): void {
  tokens.forEach((token, i) => {
    if (token.start >= hit.start && token.end <= hit.end) used[i] = false;
  });
}

function matchesAt(tokens: Token[], used: boolean[], at: number, words: string[], text: string): boolean {
  return words.every((word, k) => {
    const token = tokens[at + k];
    if (!token || used[at + k]) return false;
    const previous = tokens[at + k - 1];
    if (k > 0 && previous && !/^[\s_-]*$/.test(text.slice(previous.end, token.start))) return false;
    // "the training loop" is `train_loop`: a word before the last may be another form of the id's.
    return k === words.length - 1 ? singular(token.word) === singular(word) : token.word === word || (token.word.slice(0, 3) === word.slice(0, 3) && stem(token.word) === stem(word));
  });
}

/** The spec's first heading, without emoji and markup; the first match only, not a read of the body. */
function firstHeading(body: string): string | undefined {
  return /^#{1,6}[ \t]+(.+)$/m.exec(body)?.[1]?.replace(/[^\p{L}\p{N}\s_-]+/gu, " ").trim();
}

/**
 * "Motor Bridge" for `motors`, "Job Scheduler" for `scheduler`: a title of two or three words, one of
 * them the id (in either number), says which motors, which scheduler; "the motor bridge" is the module
 * though "motor" alone is a plain word.
 */
function holdsId(title: string, id: string): boolean {
  const words = title.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.length <= 3 && /^[a-z]+$/.test(words.join("")) && words.some((w) => singular(w) === singular(id.toLowerCase()));
}

/** The things a display name joins: "Sitemap and Feeds" -> sitemap, feeds; one or two words each. */
function joinedParts(written: string | undefined): string[] {
  const parts = written?.trim().split(/\s+(?:and|&)\s+/i) ?? [];
  if (parts.length < 2) return [];
  return parts.every((p) => /^[a-z0-9]+(?:\s[a-z0-9]+)?$/i.test(p)) ? parts : [];
}

/** `Cell Store` for `cellstore`, `Kanban Board` for `kanbanboard`: words that, joined, are the id (not the id itself). */
function spellsId(written: string, id: string): boolean {
  const words = written.trim().split(/[\s_-]+/);
  return words.length > 1 && words.length <= 4 && squashName(written) === squashName(id) && /^[a-z0-9]+$/i.test(words.join(""));
}

/** Layer ids that are a project's front or back end, and the words people use for them. */
const SIDES: ReadonlyArray<[ReadonlySet<string>, readonly string[]]> = [
  [new Set(["web", "ui", "frontend", "front", "client", "webapp", "spa", "apps"]), ["frontend", "front end"]],
  [new Set(["api", "server", "backend", "back", "services"]), ["backend", "back end"]],
];

/**
 * Every layer and module name, grouped by words, longest first. A module's front matter
 * `name` (`payment-service`) names it too, unless it reads as another module's id or name.
 */
function names(spec: SpecTree): Name[] {
  const byWords = new Map<string, Name>();
  const add = (id: string, kind: "layer" | "module", written = id) => {
    const words = written.toLowerCase().split(/[\s_-]+/).filter(Boolean);
    // "01_foundation" is also written "foundation".
    const variants = /^\d+$/.test(words[0] ?? "") && words.length > 1 ? [words, words.slice(1)] : [words];
    for (const variant of variants) {
      const key = variant.join(" ");
      const name = byWords.get(key) ?? { words: variant };
      name[kind] ??= id;
      byWords.set(key, name);
    }
  };
  spec.modules.forEach((m) => add(m.id, "module"));
  const layerWords = new Set(spec.layers.flatMap((l) => [l.id.toLowerCase(), l.id.toLowerCase().replace(/^\d+[\s_-]+/, "")]));
  // A name no module or layer has yet: another's name stays theirs.
  const addNew = (id: string, written: string) => {
    const key = written.toLowerCase().split(/[\s_-]+/).filter(Boolean).join(" ");
    if (!byWords.has(key) && !layerWords.has(key) && !isStopWord(key) && !isKeyword(key)) add(id, "module", written);
  };
  const own = moduleNames(spec.modules);
  for (const m of spec.modules) {
    const name = frontMatterName(m);
    if (name && own.exact.get(name) === m.id) add(m.id, "module", name);
    // Read once: a tree of 10,000 modules read each title twice, a third of this function's time.
    const title = firstHeading(m.body);
    // "Cell Store" for `cellstore`: the display name (front matter `name`, the title) that spells the id in words.
    for (const written of [name, title]) if (written && spellsId(written, m.id)) add(m.id, "module", written);
    if (title && holdsId(title, m.id)) addNew(m.id, title);
    // "Sitemap and Feeds": each thing the module is named for names it.
    for (const written of [name, title]) for (const part of joinedParts(written)) addNew(m.id, part);
  }
  spec.layers.forEach((l) => add(l.id, "layer"));
  for (const [layer, written] of layerAliases(spec)) {
    const key = written.toLowerCase().split(/[\s_-]+/).filter(Boolean).join(" ");
    if (byWords.has(key) || isStopWord(key) || isKeyword(key)) continue;
    add(layer, "layer", written);
    byWords.get(key)!.exact = true;
  }
  // "the frontend" is the project's one web or UI layer, "the backend" its one API or server layer, whatever their ids.
  for (const [ids, words] of SIDES) {
    const side = spec.layers.filter((l) => ids.has(l.id.toLowerCase()));
    if (side.length === 1) {
      for (const written of words) {
        if (byWords.has(written)) continue;
        add(side[0]!.id, "layer", written);
        byWords.get(written)!.side = true;
      }
    }
  }
  return [...byWords.values()].sort((a, b) => b.words.length - a.words.length);
}
