import type { Block } from "./markdown.js";
import type { ImportRef } from "./imports.js";
import type { ModuleSpec, Warning } from "./types.js";
import { parseBlocks, sectionsStartingWith } from "./markdown.js";
import { dependencyPlaces } from "./dependency-places.js";
import { linkedItem, otherFilePlaces, pathsIn, primaryFileField, type NamedPath } from "./file-places.js";
import { DEPENDS_ON_KEYS, OWNED_FILES_KEYS, readFrontMatter } from "./frontmatter.js";
import { codeBlockImports } from "./imports.js";
import { backticked, boldFields, type Field, commentRules, importRules, itemReference, leadingPhrase, linkTargets, rulesLookingPlaces } from "./sections.js";
import { declaredLoggers } from "./loggers.js";
import { bodyDigest, factsOf, rememberFacts } from "./derived.js";
import { EXPORTS_HEADING, PROVIDES_HEADING } from "./provides-section.js";
import { bareNames, sentenceNames } from "./prose-dependencies.js";
import { SpecError, showValue } from "../errors.js";
import { normalisePath } from "./normal-path.js";
import { ownedPaths } from "./owned-paths.js";

export { normalisePath } from "./normal-path.js";
export { lineTable } from "./owned-paths.js";

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

/** One module spec file read on its own; its references are resolved against the others later. */
export type ParsedModule = Omit<ModuleSpec, "dependencies"> & {
  references: RawReference[];
  dependencySections: DependencySection[];
  /** Findings of this file alone (rules that look like rules but do not parse). */
  notes: Warning[];
};

const TOP_LEVEL_PROVIDED = /^(?:export\s+)?(?:async\s+)?(?:class|def|function|interface|type|const|enum|func)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm;
const PROVIDED_IN_CODE = /^\s*(?:export\s+)?(?:async\s+)?(?:class|def|function|interface|type|const|enum|func)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm;
const IDENTIFIER = /^[A-Za-z_][\w]*(?:\(.*\))?$/;
const CAPITALISED = /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b|\b[A-Z][a-z0-9]{2,}\b/g;

export function parseModule(specFile: string, source: string, id: string, layer: string): ParsedModule {
  const { data, keyLines, body, bodyLine } = readFrontMatter(source, specFile);
  const blocks = parseBlocks(body, bodyLine, specFile);
  // The plan derives the purpose and benchmark from the same text: from these blocks, not a second parse.
  if (!body.includes("\r")) rememberFacts(bodyDigest({ specFile, body }), factsOf(blocks));
  const fieldList = boldFields(blocks);
  const fields: Record<string, string> = {};
  for (const f of fieldList) if (!(f.key in fields)) fields[f.key] = f.value;

  const moduleField = fieldList.find((f) => /^module$/i.test(f.key));
  const fileField = moduleField ? undefined : primaryFileField(fieldList);
  const primaryFile = moduleField ? (backticked(moduleField.value)[0] ?? (moduleField.value || undefined)) : fileField ? pathsIn(fileField.value)[0] : undefined;
  const related = fieldList.filter((f) => /^related files?$/i.test(f.key));
  const owns = stringList(data.owns, "owns", specFile, keyLines);
  // Every path the spec names, in order, each read once: the first one outside the project is the error.
  const named: NamedPath[] = [];
  if (primaryFile && moduleField) named.push({ written: primaryFile, where: "**Module**", line: moduleField.line });
  if (primaryFile && fileField) named.push({ written: primaryFile, where: `**${fileField.key}**`, line: fileField.line });
  for (const f of related) {
    for (const path of backticked(f.value)) named.push({ written: path, where: `**${f.key}**`, line: f.line });
    for (const item of f.items) {
      const path = itemReference(item);
      if (path) named.push({ written: path, where: `**${f.key}**`, line: item.line, ...linkedItem(item.text) });
    }
  }
  for (const path of owns) named.push({ written: path, where: "front matter `owns`", line: keyLines.owns ?? 1 });
  // A subagent that is a module's spec (`ledger-agent.md`, spec/subagent-modules.ts) lists them as `files:`; another shape of `files` is not ours.
  for (const path of pathList(data.files)) named.push({ written: path, where: "front matter `files`", line: keyLines.files ?? 1 });
  // Cursor's rules (`globs: src/billing/**`) and Claude Code's path-scoped rules (`paths: [src/billing/]`) say which files they are about.
  for (const key of ["paths", "globs", ...OWNED_FILES_KEYS]) for (const path of pathList(data[key])) named.push({ written: path, where: `front matter \`${key}\``, line: keyLines[key] ?? 1 });
  const notes: Warning[] = [];
  // Files listed elsewhere ("## Files", `**Files**`) than `named`: a path outside the project there is a file the module uses, not one it owns.
  const { files, fileLines } = ownedPaths(id, specFile, named, otherFilePlaces(blocks, fieldList, fileField), notes);

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

  const allowed = importRules(blocks, fieldList, specFile, "allowed");
  const forbidden = importRules(blocks, fieldList, specFile, "forbidden");
  const fromComments = commentRules(blocks, specFile);
  allowed.push(...fromComments.allowed);
  forbidden.push(...fromComments.forbidden);
  // Looked for only when no rule was read: otherwise the note is never made (most specs with rules).
  const rulesPlace = allowed.length === 0 && forbidden.length === 0 ? rulesLookingPlaces(blocks, fieldList)[0] : undefined;
  if (rulesPlace) {
    notes.push({
      code: "IMPORT_RULES_UNREAD",
      message: `${id}: "${rulesPlace.text}" looks like import rules, but none could be read: expected a list of module paths under "Allowed Imports" / "Forbidden Imports", or a code block of imports marked \`# ✅ ALLOWED\` / \`# ❌ FORBIDDEN\``,
      file: specFile,
      line: rulesPlace.line,
    });
  }

  const frontLayer = typeof data.layer === "string" ? data.layer : undefined;
  return {
    id,
    layer: frontLayer ?? layer,
    specFile,
    fields,
    ...(primaryFile ? { primaryFile: normalisePath(primaryFile) } : {}),
    files: exact(files),
    fileLines,
    loggers: declaredLoggers(blocks, fieldList, files),
    provides: provided(blocks, fieldList),
    allowedImports: exact(allowed),
    forbiddenImports: exact(forbidden),
    frontMatter: data,
    references: exact(references),
    dependencySections: exact(dependencySections),
    notes: exact(notes),
    body,
  };
}

/**
 * `items`, or a copy of exactly its length: a list grown by `push` keeps room for 17 items or
 * more, and a parse is kept for the whole command (a tree of 10,000 specs kept 8 MB of such room).
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

// "None", "(none in this project)", "Nothing: a foundation module", "No dependencies", "N/A".
const NONE = /\b(?:none|nothing|n\/a|no (?:other )?(?:dependencies|modules?|project modules?))\b|^\W*$/i;

/** True for a heading with nothing under it, or text saying the module depends on nothing. */
function saysNone(blocks: Block[]): boolean {
  const content = blocks.filter((b) => b.kind !== "heading");
  return content.length === 0 || content.some((b) => b.kind === "text" && NONE.test(b.text));
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
      const target = itemReference(b);
      const phrase = displayName(b);
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
    const target = b.item ? itemReference(b) : undefined;
    const phrase = target ? displayName(b) : undefined;
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
    for (const { name, module } of sentenceNames(b.text, inSection, true)) refs.push({ kind: "named", target: name, line: b.line, exact: !module });
  }
  return refs;
}

// A link to a module spec (`../core/LEDGER_AGENT.md`, `ledger.agent.md`, `ledger/AGENT.md`).
const SPEC_LINK = /(?:^|\/|_|\.)agent\.md$/i;

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

function provided(blocks: Block[], fields: Field[]): string[] {
  const names: string[] = [];
  // `**Provides:**` on a line of its own, then a list (or `**Provides**: \`A\`, \`b()\``).
  for (const f of fields) {
    if (!/^(?:provides?|exports?)$/i.test(f.key)) continue;
    for (const span of backticked(f.value)) if (IDENTIFIER.test(span)) names.push(span.replace(/\(.*$/, ""));
    for (const item of f.items) {
      const first = itemReference(item);
      if (first && IDENTIFIER.test(first)) names.push(first.replace(/\(.*$/, ""));
    }
  }
  const sections = sectionsStartingWith(blocks, PROVIDES_HEADING);
  // A spec's title is no section of it: `# API` titles the api module's spec.
  const exports = sections.length || names.length ? [] : sectionsStartingWith(blocks, EXPORTS_HEADING).filter((s) => s.heading.depth > 1);
  for (const section of sections) names.push(...sectionNames(section.blocks, PROVIDED_IN_CODE));
  // An "Interface" section's code holds whole classes: their methods are not the module's names.
  for (const section of exports) names.push(...sectionNames(section.blocks, TOP_LEVEL_PROVIDED));
  return unique(names);
}

/** The names a Provides section gives: each item's first name, and what `inCode` finds in its code blocks. */
function sectionNames(blocks: Block[], inCode: RegExp): string[] {
  const names: string[] = [];
  for (const b of blocks) {
    if (b.kind === "text" && b.item) {
      const first = itemReference(b);
      if (first && IDENTIFIER.test(first)) names.push(first.replace(/\(.*$/, ""));
    } else if (b.kind === "code") {
      for (const m of b.text.matchAll(inCode)) names.push(m[1]!);
    }
  }
  return names;
}

/**
 * The module names of a front matter dependency list written with reasons: a mapping
 * (`ledger: for entries`, or `ledger:` alone), or items naming a module (`- module: ledger` with `why:`,
 * `- ledger: for entries`). Anything else is returned as it is, for `stringList` to judge.
 */
function moduleNamesOf(value: unknown): unknown {
  const named = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const entry = v as Record<string, unknown>;
    const key = ["module", "name", "id"].find((k) => typeof entry[k] === "string");
    if (key) return entry[key];
    const keys = Object.keys(entry);
    return keys.length === 1 ? keys[0] : v;
  };
  if (Array.isArray(value)) return value.map(named);
  // A mapping of module to reason (or to nothing); `{b: 1}` is no such list.
  const reasons = typeof value === "object" && value !== null && Object.values(value).every((v) => v === null || typeof v === "string");
  return reasons ? Object.keys(value) : value;
}

/** A front matter value as paths, when it is a string (`a, b`) or a list of strings; else none. */
function pathList(value: unknown): string[] {
  // `depends_on: store, pricing` or `"store; pricing"`: a list written as one string.
  if (typeof value === "string") return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value.map((v) => v.trim()) : [];
}

function stringList(value: unknown, key: string, file: string, keyLines: Record<string, number>): string[] {
  if (value === undefined || value === null) return [];
  // `depends_on: store, pricing` or `"store; pricing"`: a list written as one string.
  if (typeof value === "string") return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.map((v) => v.trim());
  throw new SpecError("SPEC_PARSE", `Expected front matter \`${key}\` to be a list of strings, got ${showValue(value)}`, { file, line: keyLines[key] ?? 1 });
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
