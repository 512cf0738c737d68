import type { LayerNames } from "./layer-names.js";
import { markdownTables } from "./md-table.js";

/**
 * A rule between layers a system or layer spec writes for people: "core must not import api",
 * "Nothing in domain may depend on infrastructure", "api → app → domain only", "❌ domain → infra",
 * a table of what each layer may depend on. `to` are layer ids; `allowed` lists what `from` may import
 * of other layers, `forbidden` what it may not.
 */
export interface LayerRule {
  from: string;
  kind: "allowed" | "forbidden";
  to: string[];
  file: string;
  line: number;
  /** The text it was read from, for `check` to show. */
  said: string;
}

// A column of what a row's layer may depend on, or may not.
const MAY = /\b(?:may|can|allowed|permitted)\b.*\b(?:import|depend|use|call|access)|^(?:depends on|imports|uses|allowed(?: dependencies| imports)?|may depend on|can import)$/i;
const MAY_NOT = /\b(?:must not|may not|cannot|can't|never|forbidden|not allowed|prohibited)\b/i;
const FROM = /^(?:layers?|from|source|importer|module layer|\\?)$|^from\b/i;
const TO = /^(?:to|target|imports?|depends on|may import|may depend on)$/i;
const YES_CELL = /^(?:✅|✓|✔|✔️|y|yes|allowed|ok|permitted)$/i;
const NO_CELL = /^(?:❌|✗|✘|✖|🚫|⛔|x|n|no|forbidden|not allowed|never|prohibited)$/i;
const NONE_CELL = /^(?:—|–|-|none|nothing|n\/a|\(none\))$/i;

/**
 * Rules between layers a spec's tables write: a column of what each layer may (or may not) depend on
 * (`| Layer | May depend on |`), rows of pairs under an "Allowed" or "Forbidden" heading or with a
 * mark (`| From | To | Allowed |`), or a matrix of layers with ✓ and ✗ (rows import columns).
 */
export function tableLayerRules(file: string, source: string, names: LayerNames): LayerRule[] {
  if (!source.includes("|")) return [];
  const rules: LayerRule[] = [];
  const lines = source.split(/\r?\n/);
  for (const table of markdownTables(source)) {
    const header = table.header.map(plain);
    const headerLine = (table.rows[0]?.line ?? 3) - 2;
    const heading = headingAbove(lines, headerLine);
    const columns = header.slice(1).map((h) => names.named(h));
    // A matrix: every other column is one layer.
    if (header.length > 2 && columns.every((c) => c.length === 1)) {
      for (const row of table.rows) {
        const from = oneLayer(row.cells[0], names);
        if (!from) continue;
        const cells = row.cells.slice(1).map(plain);
        const allowed = columns.flatMap((c, k) => (YES_CELL.test(cells[k] ?? "") && c[0] !== from ? c : []));
        const forbidden = columns.flatMap((c, k) => (NO_CELL.test(cells[k] ?? "") && c[0] !== from ? c : []));
        const said = `${plain(row.cells[0] ?? "")}: ${header.slice(1).map((h, k) => `${h} ${cells[k] ?? ""}`).join(", ")}`;
        if (forbidden.length) rules.push({ from, kind: "forbidden", to: forbidden, file, line: row.line, said });
        else if (allowed.length) rules.push({ from, kind: "allowed", to: allowed, file, line: row.line, said });
      }
      continue;
    }
    if (!FROM.test(header[0] ?? "")) continue;
    const may = header.findIndex((h, k) => k > 0 && MAY.test(h) && !MAY_NOT.test(h));
    const mayNot = header.findIndex((h, k) => k > 0 && MAY_NOT.test(h));
    const to = header.findIndex((h, k) => k > 0 && TO.test(h));
    const mark = header.findIndex((h, k) => k > 1 && /^(?:allowed\??|ok\??|permitted\??|rule|status)$/i.test(h));
    for (const row of table.rows) {
      const from = oneLayer(row.cells[0], names);
      if (!from) continue;
      const said = row.cells.map(plain).join(" | ");
      const cell = (k: number) => plain(row.cells[k] ?? "");
      if (may > 0 || mayNot > 0) {
        if (mayNot > 0) {
          const targets = names.named(cell(mayNot)).filter((id) => id !== from);
          if (targets.length) rules.push({ from, kind: "forbidden", to: targets, file, line: row.line, said: `${plain(row.cells[0] ?? "")}: ${header[mayNot]} ${cell(mayNot)}` });
        }
        if (may > 0) {
          const targets = names.named(cell(may)).filter((id) => id !== from);
          // "—" or "none": it may depend on no other layer.
          const shown = `${plain(row.cells[0] ?? "")}: ${header[may]} ${cell(may)}`;
          if (targets.length) rules.push({ from, kind: "allowed", to: targets, file, line: row.line, said: shown });
          else if (NONE_CELL.test(cell(may))) rules.push({ from, kind: "forbidden", to: names.ids.filter((id) => id !== from), file, line: row.line, said: shown });
        }
        continue;
      }
      if (to < 0) continue;
      const targets = names.named(cell(to)).filter((id) => id !== from);
      if (!targets.length) continue;
      const kind = mark > 0 ? (NO_CELL.test(cell(mark)) ? "forbidden" : YES_CELL.test(cell(mark)) ? "allowed" : undefined) : MAY_NOT.test(heading) ? "forbidden" : /\b(?:allowed|permitted|may)\b/i.test(heading) ? "allowed" : undefined;
      if (kind) rules.push({ from, kind, to: targets, file, line: row.line, said });
    }
  }
  return rules;
}

function oneLayer(cell: string | undefined, names: LayerNames): string | undefined {
  const named = names.named(plain(cell ?? ""));
  return named.length === 1 ? named[0] : undefined;
}

function plain(cell: string): string {
  return cell.replace(/[`*]/g, "").trim();
}

/** The nearest heading above a 1-based line, or "". */
function headingAbove(lines: string[], line: number): string {
  for (let i = line - 2; i >= 0; i--) {
    const h = /^\s{0,3}#{1,6}\s+(.*)$/.exec(lines[i]!);
    if (h) return h[1]!;
  }
  return "";
}
