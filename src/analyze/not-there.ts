/**
 * "The solver is fine, the problem is travel": a clause that says a part works says where the fault is
 * not. Its words are blanked (offsets kept), so they name no module; the rest of the request says where.
 * Only a clause of its own (after a sentence's start, a comma or "but"), and only with another clause beside it.
 */
const WORKS = /(^|[.;,!?]\s+|\bbut\s+)((?:the\s+|our\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}\s+(?:is|are|seems|seem|looks|look)\s+(?:fine|ok|okay|correct|right|working(?:\s+fine)?|not\s+the\s+(?:problem|issue|cause)))(?=\s*(?:[.;,!?]|\bbut\b|$))/gi;

export function withoutWorkingParts(text: string): string {
  let out = text;
  for (const m of text.matchAll(WORKS)) {
    const at = m.index + m[1]!.length;
    const clause = m[2]!;
    if (text.slice(at + clause.length).replace(/[\s.;,!?]/g, "") === "" && text.slice(0, at).replace(/[\s.;,!?]/g, "") === "") return text;
    out = out.slice(0, at) + " ".repeat(clause.length) + out.slice(at + clause.length);
  }
  return out;
}
