/**
 * A module spec's examples (sections headed "Examples", "Usage", "Sample ..."), which a prompt too small
 * for the whole spec shortens before it cuts the spec's end or its dependencies' interfaces: an
 * agent writes the module from its rules and its dependencies' Provides, not from its examples.
 */

const EXAMPLES = /^(?:\W*\s*)?(?:\d+[.)]?\s+)?(?:(?:usage|code|worked|more|full)\s+)?(?:examples?|usage|samples?)\b/i;
const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const NOTE = "(left out to fit the prompt: the spec file has them)";
const REST = "(the rest left out to fit the prompt: the spec file has it)";

/** A run of the spec's lines: its own text, or the body of an examples section in blocks (paragraphs, whole code blocks). */
type Part = { examples: false; text: string } | { examples: true; blocks: string[] };

/**
 * `text` with its examples kept in order while they fit in `tokens` beside the rest of the spec, whole
 * blocks only (a code block is never cut open), each section cut short saying so; undefined when it has no examples.
 */
export function withFewerExamples(text: string, tokens: number, count: (text: string) => number): string | undefined {
  const parts = split(text);
  if (!parts.some((p) => p.examples)) return undefined;
  const render = (kept: (blocks: string[]) => string[]) => parts.map((p) => (p.examples ? `${kept(p.blocks).join("\n\n")}\n` : p.text)).join("\n");
  let left = tokens - count(render(() => [NOTE]));
  return render((blocks) => {
    const kept: string[] = [];
    for (const b of blocks) {
      const n = count(b) + 2;
      if (n > left) break;
      kept.push(b);
      left -= n;
    }
    return kept.length === blocks.length ? blocks : [...kept, kept.length ? REST : NOTE];
  });
}

function split(text: string): Part[] {
  const parts: Part[] = [];
  let own: string[] = [];
  let blocks: string[] | undefined;
  let block: string[] = [];
  let skipping = 0;
  let fence: string | undefined;
  const endBlock = () => {
    if (blocks && block.length) blocks.push(block.join("\n"));
    block = [];
  };
  const endSection = () => {
    endBlock();
    if (blocks) parts.push({ examples: true, blocks });
    blocks = undefined;
    skipping = 0;
  };
  for (const line of text.split("\n")) {
    const opened = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opened !== undefined && opened[0] === fence[0] && opened.length >= fence.length) fence = undefined;
      (blocks ? block : own).push(line);
      if (blocks && fence === undefined) endBlock();
      continue;
    }
    if (opened !== undefined) fence = opened;
    const h = opened === undefined ? ATX.exec(line) : null;
    if (h) {
      const depth = h[1]!.length;
      if (skipping && depth <= skipping) endSection();
      if (!skipping && EXAMPLES.test(h[2]!.replace(/[*_`]/g, "").trim())) {
        own.push(line);
        parts.push({ examples: false, text: own.join("\n") });
        own = [];
        skipping = depth;
        blocks = [];
        continue;
      }
    }
    if (!blocks) own.push(line);
    else if (line.trim() === "" && fence === undefined) endBlock();
    else block.push(line);
  }
  endSection();
  parts.push({ examples: false, text: own.join("\n") });
  return parts;
}
