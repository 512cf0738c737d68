export interface ModuleSummary {
  /** First heading's text without emoji and markup (`BALANCES_AGENT`, `Schwab fetcher`). */
  title: string;
  /** What the module is for: the blockquote under the title and its Purpose (Mission, Overview, ...) section. */
  purpose: string;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const PURPOSE = /^(?:purpose|mission|overview|summary|description|role|what it does)\b/i;
const FIELD = /^\*\*[^*]+\*\*\s*:/;
const MAX = 800;

/**
 * Title and purpose of a module spec. Specs written by people and models put the
 * purpose under a heading of varying name, in a blockquote under the title, or in the
 * first paragraph. Read line by line, not as a syntax tree: the router reads this for
 * every module of a tree, and a markdown parse of 1,000 specs costs more than the
 * whole routing budget.
 */
export function extractSummary(body: string): ModuleSummary {
  let title = "";
  let fence = false;
  let section: "lead" | "purpose" | "other" = "lead";
  let depth = 0;
  const lead: string[] = [];
  const purpose: string[] = [];
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) fence = !fence;
    if (fence || /^(```|~~~)/.test(line)) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const text = plain(heading[2] ?? "");
      const level = heading[1]!.length;
      if (!title) {
        title = text;
        continue;
      }
      if (section === "purpose" && level > depth) continue;
      section = PURPOSE.test(unnumbered(text)) && purpose.length === 0 ? "purpose" : "other";
      depth = level;
      continue;
    }
    if (!line || FIELD.test(line) || line.startsWith("|")) continue;
    const text = line.replace(/^(?:>\s*|[-*+]\s+|\d+[.)]\s+)/, "");
    if (section === "purpose") purpose.push(text);
    else if (section === "lead" && lead.length < 6) lead.push(text);
  }
  return { title, purpose: [...lead, ...purpose].join(" ").slice(0, MAX) };
}

/** A section heading without its number and the emoji after it: "1. 🎯 Purpose", "2) Overview" -> "Purpose", "Overview". */
function unnumbered(text: string): string {
  return text.replace(/^\d+(?:\.\d+)*[.)]?\s+/u, "").replace(/^[^\p{L}\p{N}]+/u, "");
}

function plain(text: string): string {
  return text.replace(/[*`]/g, "").replace(/^[^\p{L}\p{N}]+/u, "").replace(/[^\p{L}\p{N})]+$/u, "").trim();
}
