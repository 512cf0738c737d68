/** `defmodule Shop.Cart do`, with its indentation: a nested one's name is its parent's with its own on. */
const DEFMODULE = /^([ \t]*)defmodule\s+([A-Z]\w*(?:\.[A-Z]\w*)*)\s+do\b/gm;

/**
 * The modules Elixir files declare (`defmodule Shop.Cart`, a nested `defmodule Item` as `Shop.Cart.Item`),
 * and the files of a module name: Elixir loads code by module name, not by path, so a name resolves
 * to the file declaring it, else (a nested or missing name, `Shop.Cart.Item.new`) to the nearest of its
 * prefixes of two names or more that a file declares. A name no file declares is Elixir's or a package's.
 */
export class ElixirModules {
  private readonly byName = new Map<string, string[]>();

  /** `masked`: the file's source with comments and strings blanked. */
  add(path: string, masked: string): this {
    const stack: { indent: number; name: string }[] = [];
    for (const m of masked.matchAll(DEFMODULE)) {
      const indent = m[1]!.length;
      while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
      const name = stack.length ? `${stack.at(-1)!.name}.${m[2]!}` : m[2]!;
      stack.push({ indent, name });
      const files = this.byName.get(name) ?? [];
      if (!files.includes(path)) this.byName.set(name, [...files, path]);
    }
    return this;
  }

  /** The modules a file declares, outermost first. */
  declaredIn(path: string): string[] {
    return [...this.byName].filter(([, files]) => files.includes(path)).map(([name]) => name);
  }

  resolve(name: string): string[] {
    const parts = name.split(".");
    for (let n = parts.length; n >= Math.min(2, parts.length); n--) {
      const files = this.byName.get(parts.slice(0, n).join("."));
      if (files) return files;
    }
    return [];
  }
}
