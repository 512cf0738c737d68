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
    orchestrator: specFile.split("/").pop()!.replace(/\.md$/i, ""),
    modules: [],
    allowedImports: importRules(blocks, fields, specFile, "allowed"),
    forbiddenImports: importRules(blocks, fields, specFile, "forbidden"),
  };
}

/**
 * The system spec; its layer order is the order in which layer names first
 * appear in the text, matched ignoring case and `_`/`-`/space separators.
 */
export function readSystem(specFile: string, source: string, crossCutting: CrossCuttingSpec[], layerIds: string[]): SystemSpec {
  const { body } = readFrontMatter(source, specFile);
  const words = body.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const firstSeen = layerIds
    .map((id) => ({ id, at: firstOccurrence(words, id.toLowerCase().split(/[_-]+/).filter(Boolean)) }))
    .filter((l) => l.at >= 0)
    .sort((a, b) => a.at - b.at);
  return { specFile, layerOrder: firstSeen.map((l) => l.id), crossCutting, body };
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
