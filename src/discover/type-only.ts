import type { Language } from "./files.js";

/**
 * Lines (1-based) of masked source whose imports are for type checking only: TS `import type` /
 * `export type ... from` and `import { type A, type B }`, and Python imports in an
 * `if TYPE_CHECKING:` block. They do not run, so they make no import cycle; Flask and openai
 * use them to name each other's types both ways.
 */
export function typeOnlyLines(masked: string, language: Language): Set<number> {
  const found = new Set<number>();
  const lines = masked.split("\n");
  if (language === "python") {
    let indent = -1;
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      const own = text.length - text.trimStart().length;
      if (indent >= 0 && own > indent) found.add(i + 1);
      else indent = /^\s*if\s+(?:typing\.|t\.)?TYPE_CHECKING\s*:\s*$/.test(text) ? own : -1;
    });
  } else if (language === "js") {
    // Imports are read at their statement's first line (extractImports): mark that line.
    lines.forEach((text, i) => {
      if (/^\s*(?:import|export)\s+type\s/.test(text)) found.add(i + 1);
      else if (/^\s*import\s*\{/.test(text) && allTypes(lines, i)) found.add(i + 1);
    });
  }
  return found;
}

/** `import { type A, type B } from`: every name imported is a type (over several lines too). */
function allTypes(lines: string[], from: number): boolean {
  let text = "";
  for (let j = from; j < lines.length && j < from + 200; j++) {
    text += ` ${lines[j]!}`;
    if (lines[j]!.includes("}")) break;
  }
  const names = /\{([^}]*)\}/.exec(text)?.[1]?.split(",").map((n) => n.trim()).filter(Boolean) ?? [];
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}
