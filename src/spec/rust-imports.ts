import type { ImportRef } from "./imports.js";

// `use a::b;`, `pub use`, `pub(crate) use`, `use a::{b, c::D};` over several lines; `mod x;`; `extern crate x;`.
const RUST_USE = /^\s*(?:pub(?:\s*\([\w:\s]+\))?\s+)?use\s+/;
// `#[path = "x.rs"] mod y;` and `#[cfg(test)] mod tests;` carry their attributes on the line.
const RUST_MOD = /^\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\s*\([\w:\s]+\))?\s+)?mod\s+([A-Za-z_]\w*)\s*;/;
const RUST_EXTERN = /^\s*(?:pub\s+)?extern\s+crate\s+([A-Za-z_]\w*)/;
/** Lines a `use` statement may run over before it is given up. */
const RUST_STATEMENT_LINES = 200;

const RUST_INLINE_MOD = /^\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\s*\([\w:\s]+\))?\s+)?mod\s+[A-Za-z_]\w*\s*\{/;

// A path in an expression, type or attribute: a lower-case first segment (a crate or a module, not
// a type's `Vec::new`), then names to the item (`tally_store::load`, `crate::db::Pool`).
const RUST_QUALIFIED = /(?<![\w:$])([a-z_][a-z0-9_]*)(?:::[A-Za-z_]\w*)+/g;
// The standard library's crates: never the project's.
const RUST_NOT_A_CRATE = new Set(["std", "core", "alloc"]);

/** What a Rust file's lines bring in: `use` trees, `mod x;`, `extern crate`, and paths written in code (`tally_store::load`), each as written. */
export function rustImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  let skipTo = -1;
  // Brace depths at which inline `mod x {` blocks (`mod tests`) opened: their `super::` is this file.
  const inline: number[] = [];
  let depth = 0;
  const push = (specifier: string, line: number) => {
    let spec = specifier;
    // `use super::*;` names the bare `super`: the same as `super::` with nothing after.
    for (let n = inline.length; n > 0 && (spec === "super" || spec.startsWith("super::")); n--) spec = `self::${spec.slice(7)}`.replace(/^self::(?=super::)/, "");
    found.push({ specifier: spec === "self::" ? "self" : spec, style: "rust", line });
  };
  // A path written in code without a `use` (`tally_store::load(&s)`, `crate::db::open()`) is a
  // dependency as much as an import is: each one once, at its first line.
  const qualified = new Set<string>();
  const qualifiedPaths = (line: string, at: number) => {
    for (const m of line.matchAll(RUST_QUALIFIED)) {
      const key = `${inline.length} ${m[0]}`;
      if (RUST_NOT_A_CRATE.has(m[1]!) || qualified.has(key)) continue;
      qualified.add(key);
      push(m[0], at);
    }
  };
  lines.forEach((line, i) => {
    const opens = RUST_INLINE_MOD.test(line);
    const before = depth;
    for (const c of line) {
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        while (inline.length && depth <= inline.at(-1)!) inline.pop();
      }
    }
    if (opens) inline.push(before);
    if (i <= skipTo) return;
    const mod = RUST_MOD.exec(line);
    if (mod) {
      push(`self::${mod[1]!}`, i + 1);
      return;
    }
    const ext = RUST_EXTERN.exec(line);
    if (ext) {
      push(ext[1]!, i + 1);
      return;
    }
    const use = RUST_USE.exec(line);
    if (!use) {
      qualifiedPaths(line, i + 1);
      return;
    }
    let j = i;
    let text = line.slice(use[0].length);
    while (!text.includes(";") && j + 1 < lines.length && j - i < RUST_STATEMENT_LINES) text += ` ${lines[++j]!}`;
    skipTo = j;
    const end = text.indexOf(";");
    for (const path of expandUseTree(end < 0 ? text : text.slice(0, end))) push(path, i + 1);
  });
  return found;
}

/** The paths of a use tree: `a::{b, c::{D, E as F}, self, g::*}` is `a::b`, `a::c::D`, `a::c::E`, `a`, `a::g`. */
export function expandUseTree(tree: string): string[] {
  return useBindings(tree).map((b) => b.path);
}

/** A name a `use` binds and the path it names; a glob (`a::g::*`) binds every name of `a::g`. */
export interface UseBinding {
  path: string;
  /** The name in scope: the last segment, or the one after `as`; "" for a glob. */
  name: string;
  glob?: true;
}

/** What a use tree binds: `a::{b, c::{D, E as F}, self, g::*}` binds `b`, `D`, `F` (`a::c::E`), `a` and every name of `a::g`. */
export function useBindings(tree: string): UseBinding[] {
  const out: UseBinding[] = [];
  const bind = (path: string, alias: string | undefined, glob = false) => {
    if (!path) return;
    out.push(glob ? { path, name: "", glob: true } : { path, name: alias ?? path.split("::").at(-1)! });
  };
  const walk = (prefix: string, text: string) => {
    const t = text.trim();
    const open = t.indexOf("{");
    if (open < 0) {
      const alias = /\s+as\s+(\w+)$/.exec(t)?.[1];
      const path = t.replace(/\s+as\s+\w+$/, "").replace(/\s+/g, "");
      if (!path || path === "*") bind(prefix.replace(/::$/, ""), undefined, true);
      else if (path === "self") bind(prefix.replace(/::$/, ""), alias);
      else if (/^(?:::)?[\w:]+(?:::\*)?$/.test(path)) bind((prefix + path).replace(/::\*$/, ""), alias, path.endsWith("::*"));
      return;
    }
    const head = t.slice(0, open).replace(/\s+/g, "");
    const body = t.slice(open + 1, t.lastIndexOf("}") < open ? t.length : t.lastIndexOf("}"));
    let depth = 0;
    let start = 0;
    for (let k = 0; k <= body.length; k++) {
      const c = body[k];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if ((c === "," && depth === 0) || k === body.length) {
        const part = body.slice(start, k);
        if (part.trim()) walk(prefix + head, part);
        start = k + 1;
      }
    }
  };
  walk("", tree);
  return out;
}
