import { moduleByName, moduleNames } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import { singular } from "./text.js";

/** One row of a project's routing table: these phrases send a request to these modules or layers. */
export interface RoutingHint {
  /** Each phrase as lower-cased words. */
  phrases: string[][];
  targets: Array<{ kind: "module" | "layer" | "system"; id: string }>;
}

export interface HintHit {
  phrase: string;
  hint: RoutingHint;
}

const HEADING = /^#{1,6}\s+(.*)$/;
const ROUTING_HEADING = /\brout(?:e|es|ing)\b|\bkeywords?\b/i;
const KEYWORD_COLUMN = /keyword|trigger|word|term|phrase|request|mention/i;
const TARGET_COLUMN = /module|layer|agent|route|target|owner|scope|orchestrator/i;

/**
 * The routing table a project writes in its system spec: a markdown table under a heading
 * such as "Routing" or "Keyword routing", with a column of keywords (comma-separated) and a
 * column of modules or layers (`portfolio`, `module/portfolio`, `layer/data`,
 * `PORTFOLIO_AGENT`, `DATA_ORCHESTRATOR`). Targets naming nothing in the tree are skipped.
 */
export function readHints(spec: SpecTree): RoutingHint[] {
  const hints: RoutingHint[] = [];
  const lines = spec.system.body.split("\n");
  let inSection = false;
  let columns: { keywords: number; target: number } | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    const heading = HEADING.exec(line);
    if (heading) {
      inSection = ROUTING_HEADING.test(heading[1] ?? "");
      columns = undefined;
      continue;
    }
    if (!inSection || !line.startsWith("|")) {
      if (!line.startsWith("|")) columns = undefined;
      continue;
    }
    const cells = line.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
    if (!columns) {
      const keywords = cells.findIndex((c) => KEYWORD_COLUMN.test(c));
      const target = cells.findIndex((c, i) => i !== keywords && TARGET_COLUMN.test(c));
      columns = { keywords: keywords >= 0 ? keywords : 0, target: target >= 0 ? target : 1 };
      continue;
    }
    const phrases = splitList(cells[columns.keywords] ?? "")
      .map((p) => p.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      .filter((words) => words.length > 0);
    const targets = splitList(cells[columns.target] ?? "", /\s*(?:[,;+&]|\band\b)\s*/)
      .map((t) => resolveTarget(t, spec))
      .filter((t) => t !== undefined);
    if (phrases.length > 0 && targets.length > 0) hints.push({ phrases, targets });
  }
  return hints;
}

/** Hints whose phrases appear in `text` as whole words (the last word's plural tolerated). */
export function matchHints(text: string, hints: readonly RoutingHint[]): HintHit[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const hits: HintHit[] = [];
  for (const hint of hints) {
    const phrase = hint.phrases.find((p) => occurs(words, p));
    if (phrase) hits.push({ phrase: phrase.join(" "), hint });
  }
  return hits;
}

function occurs(words: string[], phrase: string[]): boolean {
  for (let at = 0; at + phrase.length <= words.length; at++) {
    const all = phrase.every((w, k) => {
      const word = words[at + k] ?? "";
      return k === phrase.length - 1 ? singular(word) === singular(w) : word === w;
    });
    if (all) return true;
  }
  return false;
}

function splitList(cell: string, by = /\s*[,;]\s*|\s+or\s+/): string[] {
  return cell
    .replace(/[`*"“”]/g, "")
    .split(by)
    .map((p) => p.trim())
    .filter(Boolean);
}

function resolveTarget(written: string, spec: SpecTree): RoutingHint["targets"][number] | undefined {
  const text = written.replace(/\.md$/i, "").replace(/\s*\(.*\)\s*$/, "").trim();
  if (/^(?:system|all|everything|whole system)$/i.test(text)) return { kind: "system", id: "system" };
  const explicit = /^(layers?|modules?)\/(.+)$/i.exec(text);
  const plain = (id: string) => id.toLowerCase().replace(/[\s-]+/g, "_");
  const name = plain(explicit ? explicit[2]! : text.replace(/_(?:agent|orchestrator)$/i, ""));
  const wantLayer = explicit ? explicit[1]!.toLowerCase().startsWith("layer") : /_orchestrator$/i.test(text);
  const byName = moduleByName(explicit ? explicit[2]! : text, moduleNames(spec.modules));
  const module = spec.modules.find((m) => plain(m.id) === name) ?? spec.modules.find((m) => m.id === byName);
  const layer = spec.layers.find((l) => plain(l.id) === name || plain(l.id).replace(/^\d+_/, "") === name);
  if (module && !wantLayer) return { kind: "module", id: module.id };
  if (layer) return { kind: "layer", id: layer.id };
  return module ? { kind: "module", id: module.id } : undefined;
}
