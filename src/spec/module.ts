import type { ModuleSpec, Warning } from "./types.js";
import type { DependencySection, RawReference } from "./module-references.js";
import { parseBlocks } from "./markdown.js";
import { linkedItem, otherFilePlaces, pathsIn, primaryFileField, type NamedPath } from "./file-places.js";
import { OWNED_FILES_KEYS, readFrontMatter } from "./frontmatter.js";
import { backticked, boldFields, commentRules, importRules, itemReference, rulesLookingPlaces } from "./sections.js";
import { declaredLoggers } from "./loggers.js";
import { bodyDigest, factsOf, rememberFacts } from "./derived.js";
import { normalisePath } from "./normal-path.js";
import { ownedPaths } from "./owned-paths.js";
import { dependencyReferences } from "./module-references.js";
import { provided } from "./module-provides.js";
import { pathList, stringList } from "./front-lists.js";

export type { DependencySection, RawReference } from "./module-references.js";
export { normalisePath } from "./normal-path.js";
export { lineTable } from "./owned-paths.js";

/** One module spec file read on its own; its references are resolved against the others later. */
export type ParsedModule = Omit<ModuleSpec, "dependencies"> & {
  references: RawReference[];
  dependencySections: DependencySection[];
  /** Findings of this file alone (rules that look like rules but do not parse). */
  notes: Warning[];
};

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

  const { references, dependencySections } = dependencyReferences(blocks, fieldList, data, keyLines, specFile);

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

