/** JSON with comments and trailing commas (tsconfig.json, deno.jsonc) parsed; throws as JSON.parse does. */
export function parseJsonc(text: string): unknown {
  return JSON.parse(stripJsonc(text));
}

/** The text as plain JSON: `//` and `/* *\/` comments blanked, a comma before a closing `}` or `]` dropped; strings as they are. */
function stripJsonc(text: string): string {
  let out = "";
  let comma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
      comma = -1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 1;
      out += " ";
    } else {
      // A comma is kept until what follows it shows whether it trails.
      if ((c === "}" || c === "]") && comma >= 0) out = `${out.slice(0, comma)} ${out.slice(comma + 1)}`;
      if (c === ",") comma = out.length;
      else if (!/\s/.test(c)) comma = -1;
      out += c;
    }
  }
  return out;
}

/** The index just after the string starting at `start`'s closing quote. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
