import type { LayerNames } from "./layer-names.js";
import type { LayerRule } from "./layer-rule-tables.js";

/**
 * Rules between layers written as a plain code block, a line a layer, as a table of what each may
 * depend on is written in a README:
 *
 * ```text
 * domain -> nothing
 * api    -> app, domain
 * ```
 *
 * Each line `<layer> -> <layers>` allows the layer those, and `-> nothing` (`none`, `—`) forbids it
 * every other. A block is such a table when one line of it reads so; then an arrow line of it that
 * does not (`web -> app` with no layer `web`) is returned unread. A block with no line read is
 * someone's drawing, not ours.
 */
export function blockLayerRules(file: string, lines: readonly string[], firstLine: number, names: LayerNames): { rules: LayerRule[]; unread: { line: number; said: string; why: string }[] } {
  const rules: LayerRule[] = [];
  const unread: { line: number; said: string; why: string }[] = [];
  lines.forEach((raw, k) => {
    // A comment after the rule (`# the core`, `// ...`) is no part of it.
    const said = raw.replace(/\s(?:#|\/\/).*$/, "").replace(/\s+/g, " ").trim();
    const parts = said.split(ARROW);
    if (parts.length < 2) return;
    const line = firstLine + k;
    const from = names.named(parts[0]!);
    if (parts.length > 2 || from.length !== 1) {
      unread.push({ line, said, why: parts.length > 2 ? "is a chain, where a line of this block names one layer and what it may depend on" : "names no layer it is about" });
      return;
    }
    const subject = from[0]!;
    const others = names.ids.filter((id) => id !== subject);
    if (NONE.test(parts[1]!.trim())) {
      if (others.length > 0) rules.push({ from: subject, kind: "forbidden", to: others, file, line, said });
      return;
    }
    const to = names.named(parts[1]!).filter((id) => id !== subject);
    if (to.length === 0) unread.push({ line, said, why: "names no layer after the arrow" });
    else rules.push({ from: subject, kind: "allowed", to, file, line, said });
  });
  return rules.length > 0 ? { rules, unread } : { rules: [], unread: [] };
}

const ARROW = /\s*(?:-->|->|=>|→|⟶|⇒)\s*/;
const NONE = /^(?:nothing|none|—|–|-|∅|\(none\)|\[\]|no other layers?|\(nothing\))$/i;

/** The info strings of a block that may hold such rules: none, or a plain-text one; not code, not a diagram. */
export const PLAIN_BLOCK = /^(?:|text|txt|plain|plaintext|rules|none)$/i;
