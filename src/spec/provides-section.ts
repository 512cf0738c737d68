const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^[ \t]*(```+|~~~+)/;
const PROVIDES = /^[^\p{L}\p{N}]*provides?\b/iu;

/**
 * The body of a spec's "Provides" section (its heading may start with an emoji), as
 * written, up to the next heading of the same or a higher level; undefined when the spec
 * has none or it is empty. Headings inside code fences do not count.
 */
export function providesSection(specText: string): string | undefined {
  const lines = (specText.includes("\r") ? specText.replace(/\r\n?/g, "\n") : specText).split("\n");
  let fence: string | undefined;
  let level = 0;
  const body: string[] = [];
  for (const line of lines) {
    // Only a line holding a fence's marks can open or close one, only one starting with `#` is a heading:
    // the expressions run on those (every dependency's spec is read for each run's prompts).
    const f = line.includes("```") || line.includes("~~~") ? FENCE.exec(line)?.[1] : undefined;
    if (f && (fence === undefined || f.startsWith(fence))) fence = fence === undefined ? f : undefined;
    const heading = fence === undefined && !f && line.startsWith("#") ? HEADING.exec(line) : null;
    if (level > 0) {
      if (heading && heading[1]!.length <= level) break;
      body.push(line);
    } else if (heading && PROVIDES.test(heading[2]!)) level = heading[1]!.length;
  }
  const text = body.join("\n").trim();
  return text === "" ? undefined : text;
}
