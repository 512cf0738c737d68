import { createHash } from "node:crypto";
import type { ModuleSpec } from "../spec/types.js";
import { parseBlocks, sectionsStartingWith } from "../spec/markdown.js";

/** What a run needs from a module's spec, read once when planning so the run never goes back to the file. */
export interface ModuleFacts {
  /** The spec's text (front matter removed), as the prompts show it. */
  specText: string;
  /** sha256 of `specText`, first 16 hex digits: `resume` compares it with the spec on disk. */
  specDigest: string;
  /** The first sentence of the Purpose (or Overview, Summary) section that is not about the agent itself ("I am the ... Agent"). */
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

/** "Purpose", "🎯 Purpose", "1. Module Purpose", "Overview", "Summary". */
const PURPOSE_HEADING = /^[^a-z]*(?:module\s+)?(?:purpose|overview|summary)\b/i;
/**
 * A sentence about the agent, not the module: "I am the Events Module Agent", "As the
 * events agent, I own ...", "You are the ... agent". Changelogs and READMEs say what the
 * module does, so these are skipped.
 */
const PERSONA = /^(?:I|I'm|I am|My|You are|You're|Your)\b|^As (?:the|an?)\b[^,]*,\s*(?:I|you)\b/i;

/**
 * The first sentence of the module's own Purpose (or Overview, Summary) section that is
 * not a persona sentence: only the section's own text, never a subsection's, so a note
 * there about another module is not taken for this one's purpose.
 */
function purposeOf(blocks: Blocks): string | undefined {
  for (const section of sectionsStartingWith(blocks, PURPOSE_HEADING)) {
    for (const block of section.blocks) {
      if (block.kind === "heading") break;
      if (block.kind !== "text") continue;
      const flat = block.text.replace(/\s+/g, " ").trim();
      const sentence = (flat.match(/.*?[.!?]+(?=\s|$)|\S.*$/g) ?? []).map((t) => t.trim()).find((t) => t && !PERSONA.test(t.replace(/^[*_]+/, "")));
      if (sentence) return sentence;
    }
  }
  return undefined;
}

function benchmarkOf(blocks: Blocks): string | undefined {
  for (const section of sectionsStartingWith(blocks, /^performance/i)) {
    const block = section.blocks.find((b) => b.kind === "code" && /^(?:bash|sh|shell|console)$/.test(b.lang));
    if (block?.kind === "code") return block.text.split("\n").map((l) => l.replace(/^\$\s*/, "")).find((l) => l.trim() && !l.trim().startsWith("#"));
  }
  return undefined;
}
