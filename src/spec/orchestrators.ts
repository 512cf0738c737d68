import type { CrossCuttingSpec, LayerSpec, SystemSpec } from "./types.js";
import { parseBlocks } from "./markdown.js";
import { readFrontMatter } from "./frontmatter.js";
import { boldFields, importRules } from "./sections.js";

export function readLayer(id: string, specFile: string, source: string): LayerSpec {
  const { body, bodyLine } = readFrontMatter(source, specFile);
  const blocks = parseBlocks(body, bodyLine, specFile);
  const fields = boldFields(blocks);
  return {
    id,
    specFile,
    orchestrator: orchestratorName(id, specFile),
    modules: [],
    allowedImports: importRules(blocks, fields, specFile, "allowed"),
    forbiddenImports: importRules(blocks, fields, specFile, "forbidden"),
  };
}

/** `CORE_ORCHESTRATOR`; a layer's README is named with its folder (`core/README`), not as every layer's `README`. */
function orchestratorName(id: string, specFile: string): string {
  const stem = specFile.split("/").pop()!.replace(/\.md$/i, "");
  return /^readme$/i.test(stem) ? `${id}/${stem}` : stem;
}

/**
 * The system spec; its layer order is the order in which layer names first
 * appear in the text, matched ignoring case and `_`/`-`/space separators.
 */
export function readSystem(specFile: string, source: string, crossCutting: CrossCuttingSpec[], layerIds: string[]): SystemSpec {
  const { body } = readFrontMatter(source, specFile);
  // A stated order ("Build order: core, billing, web") wins over the order names first appear in
  // (a title "Todo app" names the layer `app` first); layers it leaves out follow in that order.
  const stated = statedOrder(body);
  const order = stated ? orderIn(stated, layerIds) : [];
  const rest = orderIn(body, layerIds.filter((id) => !order.includes(id)));
  return { specFile, layerOrder: [...order, ...rest], crossCutting, body };
}

function orderIn(text: string, layerIds: string[]): string[] {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return layerIds
    .map((id) => ({ id, at: firstOccurrence(words, id.toLowerCase().split(/[_-]+/).filter(Boolean)) }))
    .filter((l) => l.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((l) => l.id);
}

// Said as a statement ("Build order is bottom-up: core, ...", a "## Layer order" heading), not in
// passing ("dispatch modules in dependency order."), which names no order of layers.
const STATED_ORDER = /\b(?:(?:build|layer|implementation|dependency|execution)\s+order|order of (?:the )?layers)\b[^\n.:]{0,40}:|^#{1,6}[ \t][^\n]*\b(?:(?:build|layer|implementation|dependency|execution)\s+order|order of (?:the )?layers)\b/im;

// A "Layers:" line or a "## 2. Layers" heading, when no order is stated in words.
const LAYERS_LINE = /^[ \t]*(?:#{1,6}[ \t]+|\*\*|[-*+][ \t]+)?(?:\d+[.)]?[ \t]*)?(?:the[ \t]+)?layers\b/im;

/** The system spec states its layer order in words ("Build order: core, api", a "## Layer order" heading): no graph overrides it. */
export function statesLayerOrder(body: string): boolean {
  return STATED_ORDER.test(body);
}

/** The paragraph or list (up to a blank line after text) from the first "build order" / "layer order" (else "Layers") on. */
function statedOrder(body: string): string | undefined {
  const m = STATED_ORDER.exec(body) ?? LAYERS_LINE.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m.index);
  const end = /\S[^\n]*\n[ \t]*\n(?![ \t]*(?:[-*+]|\d+[.)]|\|))/.exec(rest);
  return end ? rest.slice(0, end.index + end[0].length) : rest;
}

/** Index of the first run of `parts` in `words`, or of a word equal to the parts joined (`eventloop`). */
function firstOccurrence(words: string[], parts: string[]): number {
  const joined = parts.join("");
  for (let i = 0; i < words.length; i++) {
    if (words[i] === joined) return i;
    if (parts.every((p, k) => words[i + k] === p)) return i;
  }
  return -1;
}
