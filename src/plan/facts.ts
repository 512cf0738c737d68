import { createHash } from "node:crypto";
import type { ModuleSpec } from "../spec/types.js";
import { parseBlocks, sectionsStartingWith } from "../spec/markdown.js";

/** What a run needs from a module's spec, read once when planning so the run never goes back to the file. */
export interface ModuleFacts {
  /** The spec's text (front matter removed), as the prompts show it. */
  specText: string;
  /** sha256 of `specText`, first 16 hex digits: `resume` compares it with the spec on disk. */
  specDigest: string;
  /** The first sentence of the Purpose (or Overview, Summary) section. */
  purpose?: string;
  /** The first command of the first shell block under a heading starting with "Performance". */
  benchmark?: string;
}

export function moduleFacts(m: ModuleSpec): ModuleFacts {
  const specText = m.body;
  const blocks = parseBlocks(specText.replace(/\r\n?/g, "\n"));
  const purpose = purposeOf(blocks);
  const benchmark = benchmarkOf(blocks);
  return { specText, specDigest: digest(specText), ...(purpose ? { purpose } : {}), ...(benchmark ? { benchmark } : {}) };
}

export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

type Blocks = ReturnType<typeof parseBlocks>;

function purposeOf(blocks: Blocks): string | undefined {
  const [section] = sectionsStartingWith(blocks, /^(?:purpose|overview|summary)\b/i);
  const paragraph = section?.blocks.find((b) => b.kind === "text");
  if (!paragraph || paragraph.kind !== "text") return undefined;
  const flat = paragraph.text.replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
}

function benchmarkOf(blocks: Blocks): string | undefined {
  for (const section of sectionsStartingWith(blocks, /^performance/i)) {
    const block = section.blocks.find((b) => b.kind === "code" && /^(?:bash|sh|shell|console)$/.test(b.lang));
    if (block?.kind === "code") return block.text.split("\n").map((l) => l.replace(/^\$\s*/, "")).find((l) => l.trim() && !l.trim().startsWith("#"));
  }
  return undefined;
}
