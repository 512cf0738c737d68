import { SpecError } from "../errors.js";
import { lazyPackage } from "../lazy-package.js";
import { parseModule, type ParsedModule } from "./module.js";
import { lineTable } from "./owned-paths.js";

/**
 * A module spec written as YAML (`.claude/agents/billing.yaml`, `modules/ledger.yml`) or JSON (`modules/billing.json`), its keys those a
 * Markdown spec's front matter has: `files` / `owns` / `paths` / `globs` what it owns, `depends_on` (or
 * `dependencies`, ...) what it depends on, `layer`, `name`. The keys a Markdown spec writes in its body are
 * made its body: `description` / `purpose` / `summary` its purpose, `rules` its rules, `provides` the names
 * it provides, `allowed_imports` / `forbidden_imports` its import rules. It is read as a Markdown spec
 * with that front matter and body would be, every line said in the YAML file's own lines.
 */

export const YAML_SPEC = /\.(?:ya?ml|json)$/i;

const yaml = lazyPackage<typeof import("js-yaml")>("js-yaml");

const PURPOSE_KEYS = ["description", "purpose", "summary", "overview"];
const SECTIONS: { keys: string[]; heading: string; code?: boolean }[] = [
  { keys: ["rules", "constraints", "guidelines", "conventions"], heading: "Rules" },
  { keys: ["provides", "exports", "api"], heading: "Provides", code: true },
  { keys: ["allowed_imports", "allowedImports", "may_import"], heading: "Allowed Imports", code: true },
  { keys: ["forbidden_imports", "forbiddenImports", "must_not_import"], heading: "Forbidden Imports", code: true },
];

/** The module the YAML spec `specFile` (text `text`) declares; a text YAML cannot read, or that is no mapping, is a `SpecError` at its line. */
export function parseYamlModule(specFile: string, source: string, id: string, layer: string): ParsedModule {
  const text = /\.json$/i.test(specFile) ? jsonAsYaml(specFile, source) : source;
  // A leading `---` (a YAML document's start) is no part of the keys: kept as an empty line, so lines stay the file's.
  const keysText = text.replace(/^---[ \t]*(?=\n|$)/, "").replace(/\n(?:\.\.\.|---)[ \t]*\n?$/, "\n");
  let data: unknown;
  try {
    data = yaml().load(keysText);
  } catch (error) {
    const e = error as { reason?: string; mark?: { line?: number } };
    throw new SpecError("SPEC_PARSE", `Malformed YAML module spec: ${e.reason ?? String(error)}: expected keys such as \`files: [src/billing/]\` and \`depends_on: [ledger]\``, { file: specFile, line: (e.mark?.line ?? 0) + 1 });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new SpecError("SPEC_PARSE", `Expected a YAML module spec to be a mapping of keys (\`files:\`, \`depends_on:\`, \`description:\`), got ${Array.isArray(data) ? "a list" : data === null ? "nothing" : typeof data}`, { file: specFile, line: 1 });
  }
  const keys = data as Record<string, unknown>;
  let parsed: ParsedModule;
  try {
    // As front matter, one line down (its `---`): every line is put back below.
    parsed = parseModule(specFile, `---\n${keysText.replace(/\n$/, "")}\n---\n${bodyOf(keys, id)}`, id, layer);
  } catch (error) {
    const { file, line } = error instanceof SpecError ? error.place : {};
    if (error instanceof SpecError && file === specFile && typeof line === "number") throw new SpecError(error.code, error.message, { ...error.place, line: Math.max(1, line - 1) });
    throw error;
  }
  return linesBack(parsed, specFile, keyLines(keysText));
}

/** The body a Markdown spec would have for these keys: a title, its purpose, rules, provided names and import rules as sections. */
function bodyOf(keys: Record<string, unknown>, id: string): string {
  const name = typeof keys.name === "string" ? keys.name : typeof keys.title === "string" ? keys.title : id;
  const out = [`# ${name}`, ""];
  const purpose = PURPOSE_KEYS.map((k) => keys[k]).find((v) => typeof v === "string" && v.trim());
  if (typeof purpose === "string") out.push("## Purpose", "", purpose.trim(), "");
  for (const { keys: names, heading, code } of SECTIONS) {
    const items = names.flatMap((k) => itemsOf(keys[k]));
    if (items.length) out.push(`## ${heading}`, "", ...items.map((i) => (code ? `- \`${i}\`` : `- ${i}`)), "");
  }
  return out.join("\n");
}

function itemsOf(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (typeof v === "string" || typeof v === "number" ? [String(v).trim()] : []));
}

/** The 1-based line of each top-level key of the YAML text. */
function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split("\n").forEach((line, i) => {
    const key = /^["']?([A-Za-z_][\w-]*)["']?\s*:/.exec(line)?.[1];
    if (key && !lines.has(key)) lines.set(key, i + 1);
  });
  return lines;
}

/**
 * `parsed` with its lines those of the YAML file: one up for its front matter's; a line of the made
 * body (a rule, a provided name) the line of the key it came from.
 */
function linesBack(parsed: ParsedModule, specFile: string, keys: Map<string, number>): ParsedModule {
  const last = Math.max(1, ...keys.values());
  const back = (line: number) => Math.min(Math.max(1, line - 1), last);
  const ruleLine = (heading: string) => keys.get(SECTIONS.find((s) => s.heading === heading)!.keys.find((k) => keys.has(k)) ?? "") ?? 1;
  const fileLines = lineTable(Object.entries(parsed.fileLines ?? {}).map(([f, line]) => [f, back(line)] as const));
  return {
    ...parsed,
    fileLines,
    references: parsed.references.map((r) => ({ ...r, line: back(r.line) })),
    dependencySections: parsed.dependencySections.map((s) => ({ ...s, line: back(s.line), from: back(s.from), to: back(s.to) })),
    allowedImports: parsed.allowedImports.map((r) => (r.file === specFile ? { ...r, line: ruleLine("Allowed Imports") } : r)),
    forbiddenImports: parsed.forbiddenImports.map((r) => (r.file === specFile ? { ...r, line: ruleLine("Forbidden Imports") } : r)),
    notes: parsed.notes.map((n) => (n.file === specFile && n.line !== undefined ? { ...n, line: back(n.line) } : n)),
  };
}

/**
 * A JSON spec as the YAML it is (JSON is YAML's flow style), each top-level key moved to the start of
 * its line unquoted (`  "files": [` -> `files: [`), so that its line is found as a YAML key's is. JSON
 * that does not parse is a `SpecError` at its line.
 */
function jsonAsYaml(specFile: string, text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : 1;
    throw new SpecError("SPEC_PARSE", `Malformed JSON module spec: ${message.replace(/ in JSON at position \d+.*$/, "")}: expected an object of keys such as \`"files": ["src/billing/"]\` and \`"depends_on": ["ledger"]\``, { file: specFile, line });
  }
  let depth = 0;
  let inString = false;
  let escaped = false;
  return text
    .split("\n")
    .map((line) => {
      const top = depth === 1 && !inString;
      for (const ch of line) {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === "\\") escaped = true;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === "{" || ch === "[") depth++;
        else if (ch === "}" || ch === "]") depth--;
      }
      return top ? line.replace(/^\s*"([A-Za-z_][\w-]*)"\s*:/, "$1:") : line;
    })
    .join("\n");
}
