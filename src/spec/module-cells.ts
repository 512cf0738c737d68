/**
 * How a module declared in a layer spec (a table's row, spec/layer-modules.ts; a "Module: x"
 * section, spec/section-modules.ts) writes its name, files and dependencies.
 */
import { normalisePath } from "./normal-path.js";
import { SPEC_ID } from "./root.js";
import { expandBraces } from "./glob-entries.js";

/** A module a layer spec declares: a row of its table of modules, `| Ledger | \`src/ledger/**\` | money | Keeps the books |`. */
export interface TableRow {
  /** The module's name as written (`Ledger`, `ledger-agent`). */
  name: string;
  id: string;
  /** 1-based line of the row in the layer spec file. */
  line: number;
  files: string[];
  dependsOn: string[];
  purpose: string;
  /** The module's own import rules, from "May import" / "Must not import" columns: patterns as written. */
  allowedImports: string[];
  forbiddenImports: string[];
  /** The layer a "Layer" cell names, as written: a table of every layer's modules kept in one layer's spec. */
  layer?: string;
  /** Where in the layer spec it is declared, when not in a table (`its section \`## Module: billing\``). */
  declaredAs?: string;
}

// A cell saying there is nothing: "—", "-", "none", "n/a".
const NOTHING = /^(?:[-—–]+|none|nothing|n\/a)?$/i;

/** A cell's words without emphasis, code marks and links' targets. */
export function plain(cell: string): string {
  return cell.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<br\s*\/?>/gi, " ").replace(/[`*]|__/g, "").trim();
}

/** A name cell's module name: a link to a spec names the spec's stem (`modules/LEDGER_AGENT.md` -> `LEDGER_AGENT`). */
export function nameOf(cell: string): string {
  const name = plain(cell);
  return /\.md$/i.test(name) ? name.split("/").pop()!.replace(/\.md$/i, "") : name;
}

/** `Order Service`, `OrderService`, `order-service-agent`, `LEDGER_AGENT` -> `order_service`, `ledger`: as a spec file's name makes an id. */
export function idOf(name: string): string | undefined {
  // A path or a file (`src/ledger/`, `journal.py`) in the first column names no module.
  if (/[/\\]|\.\w{1,5}$/.test(name)) return undefined;
  const id = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .replace(/[_-]agent$/, "");
  return id && id !== "agent" && SPEC_ID.test(id) ? id : undefined;
}

/** The paths of a Files cell (`wordsOf`), as a module spec's paths are written. */
export function pathsOf(cell: string): string[] {
  return [...new Set(wordsOf(cell).map(normalisePath).filter((p) => p && !NOTHING.test(p)).flatMap(expandBraces))];
}

/** The paths or patterns of a Files or import rules cell: its code spans when it has any, else its words split at commas, `<br>` and spaces. */
export function wordsOf(cell: string): string[] {
  const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  const written = spans.length ? spans : unmarked(cell.replace(/<br\s*\/?>/gi, ",")).split(/[,;|\s]+/).map(unemphasised);
  return [...new Set(written.filter((p) => p && !NOTHING.test(p)))];
}

/** A cell without code marks and links' targets: its `*` are kept, for a glob written bare (`src/*.ts`, `src/billing/**`). */
function unmarked(cell: string): string {
  return cell.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/`/g, "").trim();
}

/** A word without emphasis around it (`**src/ledger/**` in bold, `_src/tax_`); a glob's stars (`**\/*.ts`, `src/**`) are its own. */
function unemphasised(word: string): string {
  const m = /^(\*{1,3}|_{1,3})([^*_](?:.*[^*_])?)\1$/.exec(word);
  return m && !m[2]!.includes("*") ? m[2]! : word;
}

/** The module names of a Depends on cell, split at commas, `<br>`, `;`, `|` (written `\|` in the cell) and "and". */
export function namesOf(cell: string): string[] {
  const text = plain(cell.replace(/<br\s*\/?>/gi, ","));
  if (NOTHING.test(text)) return [];
  return text
    .split(/\s*(?:[,;|]|\band\b)\s*/)
    .map((n) => n.replace(/\s*\(.*\)$/, "").trim())
    .filter((n) => n && !NOTHING.test(n));
}
