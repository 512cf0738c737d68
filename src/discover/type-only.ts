import type { Language } from "./files.js";

/**
 * Lines (1-based) of masked source whose imports do not run when the file is loaded: for type
 * checking only (TS `import type` / `export type ... from` and `import { type A, type B }`,
 * Python imports in an `if TYPE_CHECKING:` block), or deferred into a Python function's body.
 * They make no import cycle: Flask and openai name each other's types both ways, and
 * cryptography's ciphers import their backend inside the functions that need it, as Python
 * code does to break a cycle.
 */
export function typeOnlyLines(masked: string, language: Language): Set<number> {
  const found = new Set<number>();
  const lines = masked.split("\n");
  if (language === "python") {
    // The blocks the line is in that do not run on import: `if TYPE_CHECKING:` and function bodies.
    const open: number[] = [];
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      const own = text.length - text.trimStart().length;
      while (open.length && own <= open.at(-1)!) open.pop();
      if (open.length) found.add(i + 1);
      else if (/^\s*(?:if\s+(?:typing\.|t\.)?TYPE_CHECKING\s*:|(?:async\s+)?def\s)/.test(text)) open.push(own);
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
