import type { Block } from "./markdown.js";
import type { ImportRef } from "./imports.js";
import type { Field } from "./sections.js";
import { dependencyPlaces } from "./dependency-places.js";
import { codeBlockImports } from "./imports.js";
import { itemReference, leadingPhrase, linkTargets } from "./sections.js";
import { LINKS } from "./links.js";
import { bareNames, sentenceNames } from "./prose-dependencies.js";
import { moduleNamesOf, stringList } from "./front-lists.js";
import { DEPENDS_ON_KEYS } from "./frontmatter.js";
import { IDENTIFIER, unique } from "./module-provides.js";

/** A reference to another module, before resolution. */
export type RawReference =
  | { kind: "front-matter"; target: string; line: number }
  /** `or`: what to try when `target`, a display name (`Booking Service Agent`), names nothing: its first word. */
  | { kind: "list"; target: string; line: number; or?: string }
  /** A name that counts only when it names a module (a "Dependencies" list, a code span in prose); `exact` for prose. */
  | { kind: "named"; target: string; line: number; exact: boolean; or?: string }
  | { kind: "import"; ref: ImportRef; line: number }
  | { kind: "symbol"; name: string; line: number }
  /** A name defined or used in a code block under a dependency heading (`class DataHandler(ABC): ...`). */
  | { kind: "stub"; name: string; line: number };

/** A dependency heading ("Depends On (Uses)") and whether its text says there is nothing to depend on. */
export interface DependencySection {
  line: number;
  /** First and last line of its body; references in between came from it. */
  from: number;
  to: number;
  none: boolean;
}

const CAPITALISED = /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b|\b[A-Z][a-z0-9]{2,}\b/g;

/** What a module spec says it depends on: its front matter's list, else its dependency headings, fields and sentences. */
export function dependencyReferences(blocks: Block[], fieldList: Field[], data: Record<string, unknown>, keyLines: Record<string, number>, specFile: string): { references: RawReference[]; dependencySections: DependencySection[] } {
  const references: RawReference[] = [];
  const dependencySections: DependencySection[] = [];
  const frontKeys = DEPENDS_ON_KEYS.filter((key) => data[key] !== undefined);
  if (frontKeys.length) {
    for (const key of frontKeys) {
      const line = keyLines[key] ?? 1;
      for (const target of stringList(moduleNamesOf(data[key]), key, specFile, keyLines)) references.push({ kind: "front-matter", target, line });
    }
  } else {
    // Front matter wins: when it lists dependencies, the prose is not read for them.
    const places = dependencyPlaces(blocks, fieldList);
    // With no place for them, a sentence may say them ("Relies on the booking and patients modules").
    if (places.length === 0) references.push(...sentenceReferences(blocks, false));
    for (const place of places) {
      if (place.names) {
        const none = NONE.test(place.value ?? "") && !place.value?.includes("`");
        const names = none ? place.names.filter((n) => n.line !== place.line) : place.names;
        for (const { target, line, or } of names) references.push(place.strength === "strong" ? { kind: "list", target, line, ...(or ? { or } : {}) } : { kind: "named", target, line, exact: false, ...(or ? { or } : {}) });
        const to = Math.max(place.line, ...names.map((n) => n.line));
        // A field whose value names nothing readable is no "None": it is said, as a heading would be.
        if (place.strength === "strong") dependencySections.push({ line: place.line, from: place.line - 1, to, none: names.length === 0 && (none || !place.value) });
        continue;
      }
      for (const { target, line, or } of place.inline ?? []) references.push({ kind: "named", target, line, exact: false, ...(or ? { or } : {}) });
      if (place.strength === "weak") {
        references.push(...weakReferences(place.blocks));
        continue;
      }
      references.push(...proseReferences(place.blocks));
      const last = place.blocks[place.blocks.length - 1];
      const to = last ? last.line + (last.kind === "code" ? last.text.split("\n").length : 0) : place.line;
      // From the heading's own line: a heading may carry its list (`## Depends on: ledger, tax`).
      const inlineNone = !place.inline?.length || NONE.test(place.inline.map((n) => n.target).join(" "));
      dependencySections.push({ line: place.line, from: place.line - 1, to, none: inlineNone && saysNone(place.blocks) });
    }
  }
  return { references, dependencySections };
}

// "None", "(none in this project)", "Nothing: a foundation module", "No dependencies", "N/A".
const NONE = /\b(?:none|nothing|n\/a|no (?:other )?(?:dependencies|modules?|project modules?))\b|^\W*$/i;

const NONE_ITEM = /^(?:none|nothing|n\/a|nil|-)$/i;

/** True for a heading with nothing under it, or text saying the module depends on nothing. */
function saysNone(blocks: Block[]): boolean {
  const content = blocks.filter((b) => b.kind !== "heading");
  // `_none_` in italics: its underscores are no part of the word.
  return content.length === 0 || content.some((b) => b.kind === "text" && NONE.test(b.text.replace(/_/g, " ")));
}

// A class or a top-level function a stub defines, and the CamelCase names it uses.
const STUB_DEFINED = /^(?:class\s+([A-Za-z_]\w*)|(?:async\s+)?def\s+([A-Za-z_]\w*)|(?:export\s+)?(?:abstract\s+)?(?:interface|class|type)\s+([A-Za-z_]\w*))/;
const IMPORT_LINE = /^\s*(?:from\s+\S+\s+import\b|import\b|export\s.*\bfrom\b|(?:const|let|var)\s.*\brequire\s*\()/;
const CAMEL = /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/g;
// A type named in one word where a type goes (`clock: Clock`, `-> Clock`, `Array<Clock>`, `implements Clock`): a CamelCase name has two humps.
const TYPE_WORD = /(?:[:<|&[,]|->|\b(?:implements|extends|new)\s)\s*([A-Z][a-z0-9]+)\b/g;
const NOT_A_DEPENDENCY = new Set(["ABC", "ABCMeta", "Protocol", "Generic", "TypeVar", "Optional", "Callable", "Iterable", "Iterator", "Sequence", "Mapping", "Any", "Enum", "Exception", "NamedTuple", "TypedDict", "DataFrame", "Promise", "Record", "Array", "Map", "Set"]);
// Built-in types written in one word: never a module's.
const BUILT_IN_TYPE = new Set(["Date", "Error", "Object", "String", "Number", "Boolean", "Symbol", "Function", "Buffer", "Partial", "Readonly", "Required", "Pick", "Omit", "Awaited", "List", "Dict", "Tuple", "Union", "Type", "Self", "None", "True", "False", "Literal", "Final", "Decimal", "Path", "Int", "Float", "Str", "Bytes"]);

/** Names a code block under a dependency heading defines at its top level or refers to. */
function stubNames(text: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  text.split("\n").forEach((line, i) => {
    // An import line is resolved as an import: its names are not stubs.
    if (IMPORT_LINE.test(line)) return;
    const code = line.includes("#") || line.includes("//") ? line.replace(/#.*$|\/\/.*$/, "") : line;
    const defined = STUB_DEFINED.exec(code.trimStart().startsWith("class") ? code.trimStart() : code);
    const name = defined?.[1] ?? defined?.[2] ?? defined?.[3];
    if (name) found.push({ name, line: i + 1 });
    for (const m of code.matchAll(CAMEL)) found.push({ name: m[0], line: i + 1 });
    for (const m of code.matchAll(TYPE_WORD)) if (!BUILT_IN_TYPE.has(m[1]!)) found.push({ name: m[1]!, line: i + 1 });
  });
  return found.filter((f) => !NOT_A_DEPENDENCY.has(f.name));
}

function proseReferences(blocks: Block[]): RawReference[] {
  const refs: RawReference[] = [];
  for (const b of blocks) {
    const items = b.kind === "code" ? indentedList(b) : undefined;
    if (items) {
      refs.push(...items.map((item): RawReference => ({ kind: "list", target: item.target, line: item.line })));
      continue;
    }
    if (b.kind === "code") {
      for (const ref of codeBlockImports(b.lang, b.text)) refs.push({ kind: "import", ref, line: b.line + ref.line - 1 });
      const seen = new Set<string>();
      for (const stub of stubNames(b.text)) {
        if (seen.has(stub.name)) continue;
        seen.add(stub.name);
        refs.push({ kind: "stub", name: stub.name, line: b.line + stub.line - 1 });
      }
      continue;
    }
    if (b.kind !== "text") continue;
    if (b.item) {
      const linked = specLinkIn(b.text);
      const target = linked ?? itemReference(b);
      const phrase = linked ? undefined : displayName(b);
      // `- None`, `- _none_`, `- N/A`: the section says the module depends on nothing (saysNone), no module named so.
      if (target && NONE_ITEM.test(target.replace(/^[_*]+|[_*.]+$/g, ""))) continue;
      if (target) refs.push(phrase ? { kind: "list", target: phrase, or: target, line: b.line } : { kind: "list", target, line: b.line });
    } else {
      for (const span of b.codespans) refs.push({ kind: "named", target: span, line: b.line, exact: true });
      for (const target of linkTargets(b.text)) refs.push(linkReference(target, b.line));
      for (const target of bareNames(b.text)) refs.push({ kind: "named", target, line: b.line, exact: false });
      refs.push(...sentenceReferences([b], true));
    }
    for (const name of symbolCandidates(b.text, b.codespans)) refs.push({ kind: "symbol", name, line: b.line });
  }
  return refs;
}

/**
 * What a "Dependencies" or "Requires" section names that may be a module: its items and
 * the code spans of its prose, and the imports of its code (not one marked as an import rule).
 */
function weakReferences(blocks: Block[]): RawReference[] {
  const refs: RawReference[] = [];
  for (const b of blocks) {
    if (b.kind === "code") {
      if (!RULE_MARK.test(b.text)) for (const ref of codeBlockImports(b.lang, b.text)) refs.push({ kind: "import", ref, line: b.line + ref.line - 1 });
      continue;
    }
    if (b.kind !== "text") continue;
    const linked = b.item ? specLinkIn(b.text) : undefined;
    const target = b.item ? (linked ?? itemReference(b)) : undefined;
    const phrase = target && !linked ? displayName(b) : undefined;
    if (target) refs.push({ kind: "named", target: phrase ?? target, line: b.line, exact: false, ...(phrase ? { or: target } : {}) });
    else {
      for (const span of b.codespans) refs.push({ kind: "named", target: span, line: b.line, exact: true });
      for (const link of linkTargets(b.text)) refs.push(linkReference(link, b.line));
      for (const target of bareNames(b.text)) refs.push({ kind: "named", target, line: b.line, exact: false });
      refs.push(...sentenceReferences([b], true));
    }
  }
  return refs;
}

/** The modules sentences name after a dependency verb (spec/prose-dependencies.ts): each counts only when it names one. */
function sentenceReferences(blocks: Block[], inSection: boolean): RawReference[] {
  // A loop, not flatMap: asked for each text block of every spec's dependency section, V8's flatMap cost a cold plan of 10,000 about 0.8 %.
  const refs: RawReference[] = [];
  for (const b of blocks) {
    if (b.kind !== "text") continue;
    // "Depends on [checkout](../app/CHECKOUT_AGENT.md)": a link to a module spec says its module's id.
    const text = b.text.includes("](") ? b.text.replace(LINKS, (link: string, _label: string, target: string) => (SPEC_LINK.test(target) ? specId(target) : link)) : b.text;
    for (const { name, module } of sentenceNames(text, inSection, true)) refs.push({ kind: "named", target: name, line: b.line, exact: !module });
  }
  return refs;
}

// A link to a module spec (`../core/LEDGER_AGENT.md`, `ledger.agent.md`, `ledger/AGENT.md`).
const SPEC_LINK = /(?:^|\/|_|\.)agent\.md$/i;

/** The module spec an item links to anywhere in it (`See [the db spec](../infra/DB_AGENT.md) for storage`): it names that module, whatever its words. */
function specLinkIn(text: string): string | undefined {
  return text.includes("](") ? linkTargets(text).find((t) => SPEC_LINK.test(t)) : undefined;
}

/** `../app/CHECKOUT_AGENT.md`, `checkout.agent.md`, `checkout/AGENT.md` -> `checkout`: the id the listing gives that spec. */
function specId(target: string): string {
  const parts = target.replace(/[#?].*$/, "").split("/");
  const name = parts.pop()!;
  return (/^AGENTS?\.md$/i.test(name) ? (parts.pop() ?? name) : name.replace(/(?:[_-]AGENT|\.agent)?\.md$/i, "")).toLowerCase();
}

/** A link in prose: one to a module spec must name a module (else it is a warning), any other counts when it does. */
function linkReference(target: string, line: number): RawReference {
  return SPEC_LINK.test(target) ? { kind: "list", target, line } : { kind: "named", target, line, exact: true };
}

const LIST_LINE = /^\s*(?:[-*+]|\d+[.)])\s+(?:`([^`]+)`|\**([\w./@-]+))/;

/**
 * A list indented with a tab under a heading, which markdown reads as a code block (`\t- stock`):
 * its items, when every line of a block without a language is one.
 */
function indentedList(block: Extract<Block, { kind: "code" }>): { target: string; line: number }[] | undefined {
  if (block.lang) return undefined;
  const items: { target: string; line: number }[] = [];
  const lines = block.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    const m = LIST_LINE.exec(lines[i]!);
    if (!m) return undefined;
    items.push({ target: m[1] ?? m[2]!, line: block.line + i });
  }
  return items.length ? items : undefined;
}

/** The display name an item starts with (`**Notification Service** — sends mail`), unless it starts with a link or a code span. */
function displayName(item: { text: string }): string | undefined {
  return /^\s*[[`]/.test(item.text) ? undefined : leadingPhrase(item.text);
}

const RULE_MARK = /❌|✗|✘|🚫|⛔|✅|✓|✔|\b(?:allowed|forbidden|prohibited)\b/i;

function symbolCandidates(text: string, codespans: string[]): string[] {
  const names = codespans.filter((c) => IDENTIFIER.test(c)).map((c) => c.replace(/\(.*$/, ""));
  const prose = text.includes("`") ? text.replace(/`[^`]*`/g, " ") : text;
  return unique([...names, ...(prose.match(CAPITALISED) ?? [])]);
}
