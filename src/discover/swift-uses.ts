import type { SwiftTarget } from "../spec/swift-package.js";

/** A Swift target with more source files than this is one module per top folder (`Models/`, `Views/`), as a large Rust crate is. */
export const MAX_TARGET_FILES = 12;

/**
 * A top-level declaration other files may use: a type or a function, not `private` or `fileprivate`
 * (seen in its own file only). Nested ones are indented; a type's members are not looked up.
 */
const DECLARATION = /^(?:@\w+(?:\([^)\n]*\))?[ \t]+)*(?:(?:public|open|internal|package|final|indirect|nonisolated)[ \t]+)*(struct|class|enum|protocol|actor|typealias|func)[ \t]+([A-Za-z_]\w*)/gm;
const WORD = /[A-Za-z_]\w*/g;

/**
 * What Swift files use of each other by name. The files of a target see each other's declarations
 * without an import, so the parts of a large target split by folder are tied only by the names they
 * use (`Planner` in `Routing/` using `TrailStore` of `Storage/`); and an `import` of a large target
 * reaches all its parts, of which a file depends on those whose names it uses.
 */
export class SwiftUses {
  private readonly types = new Map<string, string[]>();
  private readonly funcs = new Map<string, string[]>();
  /** The large targets' source folders, longest first, and their files. */
  private readonly large: { dir: string; files: Set<string> }[] = [];

  /** `files`: the Swift sources that are not tests, masked (comments and strings blanked). */
  constructor(files: { path: string; code: string }[], targets: readonly SwiftTarget[]) {
    for (const { path, code } of files) {
      for (const m of code.matchAll(DECLARATION)) {
        const names = m[1] === "func" ? this.funcs : this.types;
        const name = m[2]!;
        names.set(name, [...(names.get(name) ?? []), path]);
      }
    }
    for (const t of targets) {
      if (t.kind === "test") continue;
      const own = new Set(files.map((f) => f.path).filter((p) => p.startsWith(`${t.dir}/`)));
      if (own.size > MAX_TARGET_FILES) this.large.push({ dir: t.dir, files: own });
    }
    this.large.sort((a, b) => b.dir.length - a.dir.length);
  }

  /**
   * The project files a Swift file depends on, from those its imports resolved to (`imported`): of its
   * own large target, the files declaring the names it uses; of a large target it imports, the same,
   * else (nothing of it named here) the whole target. Other targets' files as they were.
   */
  narrow(path: string, code: string, imported: Iterable<string>): string[] {
    if (this.large.length === 0) return [...imported];
    const used = this.used(path, code);
    const result = new Set<string>();
    const reached = new Set<(typeof this.large)[number]>();
    for (const f of imported) {
      const target = this.large.find((t) => t.files.has(f));
      if (target) reached.add(target);
      else result.add(f);
    }
    const own = this.large.find((t) => path.startsWith(`${t.dir}/`));
    if (own) reached.add(own);
    for (const target of reached) {
      const named = [...used].filter((f) => target.files.has(f));
      for (const f of named.length || target === own ? named : target.files) if (f !== path) result.add(f);
    }
    return [...result];
  }

  /** The files declaring a type the code names or a function it calls, but for the file itself. */
  private used(path: string, code: string): Set<string> {
    const found = new Set<string>();
    for (const m of code.matchAll(WORD)) {
      const word = m[0];
      const declaring = this.types.get(word) ?? (/^\s*\(/.test(code.slice(m.index + word.length, m.index + word.length + 8)) ? this.funcs.get(word) : undefined);
      // A name declared in more than one file says nothing of which (`Coordinator` in each feature).
      if (declaring?.length === 1 && declaring[0] !== path) found.add(declaring[0]!);
    }
    return found;
  }
}
