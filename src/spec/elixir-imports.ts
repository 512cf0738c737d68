import type { ImportRef } from "./imports.js";

/** `alias Shop.Cart`, `import Shop.Money, only: [add: 2]`, `require Logger`, `use Shop.Schema`: the module, and a `{A, B}` group's each. */
const DIRECTIVE = /^\s*(?:alias|import|require|use)\s+([A-Z]\w*(?:\.[A-Z]\w*)*)(?:\.\{([^}]*)\})?/;
/** A qualified module name in code (`Shop.Money.add(a, b)`, `%Shop.Cart{}`): not after a `.` (a field) or `:` (an atom). */
const QUALIFIED = /(?<![\w.:@])([A-Z]\w*(?:\.[A-Z]\w*)+)/g;

/**
 * The modules an Elixir file names, one a line: its directives (a group `alias Shop.{Cart, Order}` is
 * each) and its qualified calls, since Elixir calls another module's function by its full name without
 * any directive. Read from masked text (comments, strings and docs blanked).
 */
export function elixirImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const names = new Set<string>();
    const d = DIRECTIVE.exec(text);
    if (d) {
      if (d[2] === undefined) names.add(d[1]!);
      else for (const part of d[2].split(",")) if (/^\s*[A-Z][\w.]*\s*$/.test(part)) names.add(`${d[1]}.${part.trim()}`);
    }
    for (const m of text.matchAll(QUALIFIED)) if (!names.has(m[1]!) && !(d && d[1] === m[1])) names.add(m[1]!);
    for (const specifier of names) found.push({ specifier, style: "elixir", line: i + 1 });
  });
  return found;
}
