import { cmakeArgs, cmakeCalls } from "./cmake.js";

/** Characters the unrolled loops of one CMakeLists.txt may add, in all: nested loops multiply their bodies. */
const MAX_ADDED = 1024 * 1024;
/** Loops inside loops unrolled; deeper ones are left as written. */
const MAX_DEPTH = 8;
const BLOCK = /\b(foreach|endforeach)[ \t]*\(/gi;
const SET: ReadonlySet<string> = new Set(["set"]);

/**
 * `code` (comments stripped) with its `foreach` loops unrolled, as CMake runs them: each item's copy
 * of the body with `${var}` replaced, so `foreach(name units stats) add_test(NAME test_${name} ...)
 * endforeach()` reads as two `add_test`s. Items are written out (`foreach(t a b)`, `IN ITEMS a b`)
 * or the values of `set()` lists of the same file (`${TESTS}`, `IN LISTS TESTS`); a `RANGE` or
 * `ZIP_LISTS` loop is left as written, its `${var}`s unknown.
 */
export function unrollForeach(code: string): string {
  const vars = new Map<string, string[]>();
  for (const { args } of cmakeCalls(code, SET)) {
    const [name, ...values] = cmakeArgs(args);
    if (name && !name.includes("$")) vars.set(name, values.filter((v) => v !== "CACHE" && v !== "PARENT_SCOPE").flatMap((v) => v.split(";")).filter(Boolean));
  }
  return unroll(code, vars, { left: MAX_ADDED }, 0);
}

function unroll(code: string, vars: Map<string, string[]>, budget: { left: number }, depth: number): string {
  const parts: string[] = [];
  const block = new RegExp(BLOCK.source, BLOCK.flags);
  let from = 0;
  let open = 0;
  let head = { start: 0, args: "", end: 0 };
  for (let m = block.exec(code); m; m = block.exec(code)) {
    const close = code.indexOf(")", m.index + m[0].length);
    if (close < 0) break;
    block.lastIndex = close + 1;
    if (m[1]!.toLowerCase() === "foreach") {
      if (open++ === 0) head = { start: m.index, args: code.slice(m.index + m[0].length, close), end: close + 1 };
    } else if (open > 0 && --open === 0) {
      parts.push(code.slice(from, head.start), copies(head.args, code.slice(head.end, m.index), vars, budget, depth));
      from = close + 1;
    }
  }
  parts.push(code.slice(from));
  return parts.join("");
}

/** The body once for each item, `${var}` replaced and its own loops unrolled; the body as written when the items are unknown. */
function copies(args: string, body: string, vars: Map<string, string[]>, budget: { left: number }, depth: number): string {
  const items = loopItems(cmakeArgs(args), vars);
  if (!items || depth >= MAX_DEPTH) return body;
  const out: string[] = [];
  for (const item of items.values) {
    const copy = body.replaceAll(`\${${items.name}}`, item);
    if (copy.length > budget.left) break;
    budget.left -= copy.length;
    out.push(unroll(copy, vars, budget, depth + 1));
  }
  return out.join("\n");
}

function loopItems(w: string[], vars: Map<string, string[]>): { name: string; values: string[] } | undefined {
  const [name, ...rest] = w;
  if (!name || rest[0] === "RANGE") return undefined;
  const values: string[] = [];
  if (rest[0] !== "IN") values.push(...rest.flatMap((r) => expand(r, vars)));
  else {
    let mode = rest[1];
    if (mode !== "ITEMS" && mode !== "LISTS") return undefined;
    for (const word of rest.slice(2)) {
      if (word === "ITEMS" || word === "LISTS") mode = word;
      else if (mode === "ITEMS") values.push(...expand(word, vars));
      else values.push(...(vars.get(word) ?? []));
    }
  }
  return { name, values };
}

/** An item as CMake reads it: a `${LIST}` is the list's values, a `;` separates values. */
function expand(word: string, vars: Map<string, string[]>): string[] {
  const whole = /^\$\{(\w+)\}$/.exec(word);
  return whole ? (vars.get(whole[1]!) ?? []) : word.split(";").filter(Boolean);
}

