import { posix } from "node:path";
import { useBindings } from "./rust-imports.js";

/** What one Rust file declares at its top level, for following module paths through it. */
export interface RustDeclarations {
  /** `mod x;` declarations: the name and its `#[path = "..."]` attribute's value, "" when it has none. */
  mods: Map<string, string>;
  /** `use a::b::C;`, `pub use a::b::D as E;`: the name bound and the path it names. */
  uses: Map<string, string>;
  /** `pub use a::b::*;`: paths all of whose names are bound. */
  globs: string[];
  /** Items defined here: functions, types, traits, constants, statics, macros, inline modules. */
  items: Set<string>;
}

const VIS = String.raw`(?:pub(?:\s*\([\w:\s]+\))?\s+)?`;
const ATTRS = String.raw`(?:#\[[^\]]*\]\s*)*`;
const MOD = new RegExp(String.raw`^\s*${ATTRS}${VIS}mod\s+([A-Za-z_]\w*)\s*(;|\{)`);
const USE = new RegExp(String.raw`^\s*${ATTRS}${VIS}use\s+`);
const ITEM = new RegExp(String.raw`^\s*${ATTRS}${VIS}(?:(?:default|unsafe|async|const|extern\s+"[^"]*"|extern)\s+)*(?:fn|struct|enum|trait|type|union|static|const|macro_rules!)\s+([A-Za-z_]\w*)`);
/** `#[path = "x.rs"]`, its string kept by maskSource. */
const PATH_ATTR = /#\[\s*path\s*=\s*"([^"]*)"\s*\]/;
const ATTR_LINE = /^\s*#\[[^\]]*\]\s*$/;
/** Lines a `use` statement may run over before it is given up. */
const STATEMENT_LINES = 200;

/**
 * The top-level declarations of a Rust file's masked source (comments and strings blanked, a
 * `#[path]` attribute's string kept): what is inside a function, an `impl` or an inline `mod`
 * block is not read. A `#[path]` attribute applies to the `mod` on its line or on the next
 * line that is not an attribute.
 */
export function rustDeclarations(masked: string): RustDeclarations {
  const found: RustDeclarations = { mods: new Map(), uses: new Map(), globs: [], items: new Set() };
  const lines = masked.split("\n");
  let depth = 0;
  let path: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (depth === 0) {
      const attr = PATH_ATTR.exec(line)?.[1];
      if (attr !== undefined) path = attr;
      const use = USE.exec(line);
      if (use) {
        let text = line.slice(use[0].length);
        const start = i;
        while (!text.includes(";") && i + 1 < lines.length && i - start < STATEMENT_LINES) text += ` ${lines[++i]!}`;
        const end = text.indexOf(";");
        for (const b of useBindings(end < 0 ? text : text.slice(0, end))) {
          if (b.glob) found.globs.push(b.path);
          else if (b.name !== "_") found.uses.set(b.name, b.path);
        }
        path = undefined;
        continue;
      }
      const mod = MOD.exec(line);
      if (mod && mod[2] === ";") found.mods.set(mod[1]!, path ?? "");
      else if (mod) found.items.add(mod[1]!);
      else {
        const item = ITEM.exec(line);
        if (item) found.items.add(item[1]!);
      }
      if (!ATTR_LINE.test(line) && line.trim()) path = undefined;
    }
    for (const c of line) {
      if (c === "{") depth++;
      else if (c === "}") depth = Math.max(0, depth - 1);
    }
  }
  return found;
}

/** A crate's module tree, walked from its root file through `mod` declarations. */
export interface ModuleTree {
  /** Module path (`a::b`, "" for the root) -> its file. */
  files: Map<string, string>;
  /** File -> its module path. */
  paths: Map<string, string[]>;
}

/**
 * Module trees of a project's crates, read through `code` (a project file's masked source,
 * undefined when there is none): `mod x;` is `x.rs` or `x/mod.rs` beside a `mod.rs`, `lib.rs`
 * or `main.rs` and under `y/` for `y.rs`, or the file its `#[path]` names, relative to the
 * declaring file's folder; a `#[path]` file's own modules sit beside it, as rustc places them.
 */
export class RustModules {
  private readonly declared = new Map<string, RustDeclarations | undefined>();
  private readonly trees = new Map<string, ModuleTree>();

  constructor(private readonly code: (file: string) => string | undefined) {}

  declarations(file: string): RustDeclarations | undefined {
    if (!this.declared.has(file)) {
      const text = this.code(file);
      this.declared.set(file, text === undefined ? undefined : rustDeclarations(text));
    }
    return this.declared.get(file);
  }

  /** The tree under a crate root (`src/lib.rs`, `src/main.rs`, `tests/cart.rs`), read once. */
  tree(root: string): ModuleTree {
    let tree = this.trees.get(root);
    if (tree) return tree;
    tree = { files: new Map([["", root]]), paths: new Map([[root, []]]) };
    this.trees.set(root, tree);
    const queue = [{ file: root, path: [] as string[], dir: folderOf(root) }];
    while (queue.length) {
      const { file, path, dir } = queue.shift()!;
      for (const [name, attr] of this.declarations(file)?.mods ?? []) {
        const child = attr ? posix.normalize(under(folderOf(file), attr)) : [under(dir, `${name}.rs`), under(dir, `${name}/mod.rs`)].find((f) => this.declarations(f));
        if (!child || tree.paths.has(child) || !this.declarations(child)) continue;
        const childPath = [...path, name];
        tree.files.set(childPath.join("::"), child);
        tree.paths.set(child, childPath);
        queue.push({ file: child, path: childPath, dir: attr || posix.basename(child) === "mod.rs" ? folderOf(child) : child.slice(0, -3) });
      }
    }
    return tree;
  }
}

const folderOf = (file: string) => (posix.dirname(file) === "." ? "" : posix.dirname(file));
const under = (dir: string, rest: string) => (dir ? `${dir}/${rest}` : rest);
