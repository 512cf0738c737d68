import type { Block } from "./markdown.js";
import type { Field } from "./sections.js";
import { backticked, leadingPhrase, linksAsTargets, rulesLooking } from "./sections.js";

/**
 * Where a module spec states what it depends on. `strong` places are the documented ones
 * ("Depends On", "Uses"): whatever they name must resolve, or it is a warning. `weak` places
 * ("Dependencies", "Requires", "Prerequisites") often list packages too: they give the modules
 * they name and are silent about the rest.
 */
export type Strength = "strong" | "weak";

export interface DependencyPlace {
  strength: Strength;
  /** The heading's or field's line. */
  line: number;
  /** The blocks under a heading (subsections included, except those of other places or of dependents). */
  blocks: Block[];
  /** A field's names (its backticked spans, or its comma-separated words, and the items below it). */
  names?: { target: string; line: number; or?: string }[];
  /** The names a heading carries after a colon, `## Depends on: ledger, tax`: each counts where it names a module. */
  inline?: { target: string; line: number; or?: string }[];
  /** A field's value, for "None". */
  value?: string;
}

// "Depends On", "Depends On (Uses)", "Depend upon", "Uses"; in German, French, Spanish, Portuguese, Italian and Dutch too
// ("Abhängig von", "Hängt ab von", "Dépend de", "Depende de", "Dipende da", "Afhankelijk van"): they list modules as it does.
const STRONG_HEADING = /^(?:depends? (?:up)?on|uses)\b|^(?:abhängig von|hängt ab von|dépend de|depende de|dipende da|afhankelijk van)\b/i;
// "Dependencies", "Module dependencies", "Requires", "Required modules", "Prerequisites", "Collaborators"; in German, French,
// Spanish, Portuguese, Italian, Dutch, Polish, Russian, Chinese, Japanese and Korean too ("Abhängigkeiten", "依赖", "依存関係").
const WEAK_HEADING = /^(?:(?:module|internal|project|upstream|runtime)\s+)?dependencies\b|^upstream(?:\s+modules?)?$|^requires\b|^required\s+(?:modules?|components?|services?)\b|^prerequisites?\b|^collaborators?\b|^(?:abhängigkeiten|dépendances|dependencias|dependências|dipendenze|afhankelijkheden|zależności|зависимости)(?![\p{L}\p{N}])|^(?:依赖|依賴|依存|의존)/iu;
// What depends on this module, or what is not a project module: never its dependencies.
const NOT_OURS = /\b(?:used by|required by|dependents|downstream|consumers?|consumed by|callers|external|third[- ]party|packages?|librar(?:y|ies)|pip|npm)\b/i;
const STRONG_FIELD = /^depends?(?: (?:up)?on)?$|^deps$/i;
const WEAK_FIELD = /^(?:(?:module|internal)\s+)?dependencies$|^requires$|^uses$|^needs$|^upstream$|^required modules?$/i;

/**
 * How a heading reads: a place of dependencies, a place of something else that ends one
 * (looked for only `inside` one: most headings are neither, and are tested by two anchored
 * patterns), or neither.
 */
function headingKind(text: string, inside: boolean): Strength | "other" | undefined {
  const strong = STRONG_HEADING.test(text);
  const weak = !strong && WEAK_HEADING.test(text);
  if (!strong && !weak && !inside) return undefined;
  if (NOT_OURS.test(text)) return "other";
  if (strong) return "strong";
  if (rulesLooking(text)) return "other";
  return weak ? "weak" : undefined;
}

/**
 * The places of `blocks` and `fields`, in document order. A block belongs to the innermost
 * dependency heading above it: a subsection of one belongs to it, unless it is a place of its
 * own or one of dependents or packages ("Used By", "External"), which belongs to none.
 */
export function dependencyPlaces(blocks: Block[], fields: Field[]): DependencyPlace[] {
  const places: DependencyPlace[] = [];
  const open: { depth: number; place: DependencyPlace | undefined }[] = [];
  for (const b of blocks) {
    if (b.kind !== "heading") {
      open[open.length - 1]?.place?.blocks.push(b);
      continue;
    }
    while (open.length && open[open.length - 1]!.depth >= b.depth) open.pop();
    const inside = open[open.length - 1]?.place;
    const kind = headingKind(b.text, inside !== undefined);
    let place = kind === "other" ? undefined : inside;
    if (kind === "strong" || kind === "weak") places.push((place = { strength: kind, line: b.line, blocks: [], ...inlineNames(b.text, b.line) }));
    open.push({ depth: b.depth, place });
  }
  for (const f of fields) {
    const kind = STRONG_FIELD.test(f.key) ? "strong" : WEAK_FIELD.test(f.key) ? "weak" : undefined;
    if (!kind) continue;
    // A bold line written as a heading, with prose below: read as a heading's section is.
    if (f.after?.length) {
      places.push({ strength: kind, line: f.line, blocks: f.after });
      continue;
    }
    const names: NonNullable<DependencyPlace["names"]> = namesIn(f.value).map((name) => ({ ...name, line: f.line }));
    for (const item of f.items) {
      const target = item.codespans[0] ?? firstWord(item.text);
      const phrase = item.codespans.length ? undefined : leadingPhrase(item.text);
      if (target) names.push(phrase ? { target: phrase, or: target, line: item.line } : { target, line: item.line });
    }
    places.push({ strength: kind, line: f.line, blocks: [], names, value: f.value });
  }
  return places.sort((a, b) => a.line - b.line);
}

// `## Depends on: ledger, tax`: a heading that carries its list after a colon.
const INLINE_VALUE = /^[^:]{1,40}:\s*(\S.*)$/;

/**
 * The names a heading carries after a colon (`## Depends on: ledger, tax`). Each counts where it
 * names a module, as a "Dependencies" item does: the words after a colon may be a title's rest
 * ("Depends on: what the module needs") as well as a list.
 */
function inlineNames(heading: string, line: number): Pick<DependencyPlace, "inline"> {
  const value = INLINE_VALUE.exec(heading)?.[1];
  return value ? { inline: namesIn(value).map((name) => ({ ...name, line })) } : {};
}

/**
 * `\`a\`, \`b\`` -> a, b; `a, b and c` -> a, b, c (each piece's first word, or the display
 * name it starts with, `Booking Service Agent`, with its first word to fall back on).
 */
function namesIn(value: string): { target: string; or?: string }[] {
  const spans = backticked(value);
  if (spans.length) return spans.map((target) => ({ target }));
  const names: { target: string; or?: string }[] = [];
  // A link names what it points to (`[Ledger](../core/LEDGER_AGENT.md)`), and its text may hold a comma.
  // `a \| b` in a table's cell lists two, as a comma does.
  for (const piece of linksAsTargets(value).split(/[,;]|\\\||\band\b/)) {
    const first = firstWord(piece);
    const phrase = leadingPhrase(piece);
    if (first) names.push(phrase ? { target: phrase, or: first } : { target: first });
  }
  return names;
}

function firstWord(text: string): string | undefined {
  return /^\s*\**([\w./@-]+)/.exec(text)?.[1];
}
