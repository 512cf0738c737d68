/**
 * A module spec's examples (sections headed "Examples", "Usage", "Sample ..."), which a prompt too small
 * for the whole spec leaves out before it cuts the spec's end or its dependencies' interfaces: an
 * agent writes the module from its rules and its dependencies' Provides, not from its examples.
 */

const EXAMPLES = /^(?:\W*\s*)?(?:\d+[.)]?\s+)?(?:(?:usage|code|worked|more|full)\s+)?(?:examples?|usage|samples?)\b/i;
const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** `text` without the bodies of its examples sections, each heading kept with a line saying where they are; undefined when it has none. */
export function withoutExamples(text: string): string | undefined {
  const out: string[] = [];
  let skipping = 0;
  let fence: string | undefined;
  let dropped = false;
  for (const line of text.split("\n")) {
    const opened = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opened !== undefined && opened[0] === fence[0] && opened.length >= fence.length) fence = undefined;
      if (!skipping) out.push(line);
      continue;
    }
    if (opened !== undefined) fence = opened;
    const h = opened === undefined ? ATX.exec(line) : null;
    if (h) {
      const depth = h[1]!.length;
      if (skipping && depth <= skipping) skipping = 0;
      if (!skipping && EXAMPLES.test(h[2]!.replace(/[*_`]/g, "").trim())) {
        skipping = depth;
        dropped = true;
        out.push(line, "(left out to fit the prompt: the spec file has them)", "");
        continue;
      }
    }
    if (!skipping) out.push(line);
  }
  return dropped ? out.join("\n") : undefined;
}
