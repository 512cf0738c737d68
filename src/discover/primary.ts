import { posix } from "node:path";
import type { Language } from "./files.js";
import type { FileFacts, Unit } from "./group.js";
import { leadingDoc } from "./surface.js";

/** A package's own file, which stands for its folder: `__init__.py`, `index.ts`. */
export const PACKAGE_FILE = /(?:^|\/)(?:__init__\.py|index\.[cm]?[jt]sx?)$/;
const RUST_ROOTS = ["src/lib.rs", "src/main.rs"];
const C_HEADER = /\.(?:h|hh|hpp|hxx)$/;

/**
 * The file that stands for the module: of its package files (`__init__.py`, `index.ts`), the
 * one over the most of its code (a cycle can join a one-line re-export to a whole package);
 * else the file named like the module; else its largest.
 */
export function primaryFile(u: Unit, facts: Map<string, FileFacts>): string {
  if (u.files.length === 1) return u.files[0]!;
  // A Rust crate's root (`lib.rs`, else `main.rs`), or a top-level module's own file (`cart.rs`, `cart/mod.rs`).
  if (u.language === "rust") {
    const root = RUST_ROOTS.map((r) => u.files.find((f) => f.endsWith(r))).find(Boolean);
    const top = u.files.filter((f) => /\/src\/[^/]+(?:\.rs|\/mod\.rs)$|^src\/[^/]+(?:\.rs|\/mod\.rs)$/.test(f)).sort((a, b) => a.length - b.length)[0];
    if (root ?? top) return (root ?? top)!;
  }
  // A pub package's library file (`lib/pantry_core.dart`, which exports its `lib/src/`), else its app's `lib/main.dart`.
  if (u.language === "dart" && u.folder !== undefined) {
    const top = u.files.filter((f) => posix.dirname(f) === posix.join(u.folder!, "lib"));
    const library = top.find((f) => posix.basename(f, ".dart") === posix.basename(u.folder!)) ?? top.find((f) => posix.basename(f) === "main.dart") ?? (top.length === 1 ? top[0] : undefined);
    if (library) return library;
  }
  // A Deno package's entry is its `mod.ts`, by the convention its `exports` follow.
  const mod = u.language === "js" && u.folder !== undefined ? u.files.find((f) => f === posix.join(u.folder!, "mod.ts")) : undefined;
  if (mod) return mod;
  const lines = (f: string) => facts.get(f)!.codeLines;
  const under = (pkg: string) => {
    const dir = posix.dirname(pkg);
    return u.files.reduce((n, f) => (dir === "." || f.startsWith(`${dir}/`) ? n + lines(f) : n), 0);
  };
  const packages = u.files.filter((f) => PACKAGE_FILE.test(f) && lines(f) > 0).map((f) => ({ f, n: under(f) }));
  const pkg = packages.sort((a, b) => b.n - a.n || a.f.split("/").length - b.f.split("/").length || (a.f < b.f ? -1 : 1))[0]?.f;
  if (pkg) return pkg;
  // A C module's source before its header (`uart.c`, not `uart.h`).
  const named = [...u.files].sort((a, b) => Number(C_HEADER.test(a)) - Number(C_HEADER.test(b))).find((f) => posix.basename(f).replace(/\.[^.]+$/, "").toLowerCase() === u.id);
  if (named) return named;
  return [...u.files].sort((a, b) => lines(b) - lines(a) || (a < b ? -1 : 1))[0]!;
}

/** The path whose names place the module in a layer: its folder, else its primary file's package or stem. */
export function namedBy(u: Unit, primary: string): string {
  // Maven's and Gradle's `src/main/java/` names no layer (`main` would say interface): the project's folder
  // (`data/`, `feature/sightings/` of a multi-project build) and the package path do.
  if (u.language === "java") return (u.folder ?? posix.dirname(primary)).replace(/^(?:(.*)\/)?src\/main\/(?:java|kotlin|scala)\//, (_, project?: string) => (project ? `${project}/` : ""));
  // A .NET project's dotted name says its layer (`Shop.Infrastructure`, `Shop.Api`).
  if (u.language === "csharp") return (u.folder ?? primary.replace(/\.cs$/, "")).replaceAll(".", "/");
  // A Swift target's name is its words run together (`OrbitsCLI`, `EphemerisStore`): each may name a layer.
  if (u.language === "swift" && u.folder) return u.folder.replace(/[^/]+$/, (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1/$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1/$2"));
  if (u.folder) return u.folder;
  return PACKAGE_FILE.test(primary) && primary.includes("/") ? posix.dirname(primary) : primary.replace(/\.[^./]+$/, "");
}

/** A C source that says nothing of itself is described by its header's leading comment (`ring.h` for `ring.c`), where C documents an interface. */
export function headerDoc(files: readonly string[], primary: string, language: Language, texts: Map<string, string>): string | undefined {
  if (language !== "c") return undefined;
  const stem = primary.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const header = files.find((f) => f !== primary && /\.(?:h|hh|hpp|hxx)$/.test(f) && f.replace(/^.*\//, "").replace(/\.[^.]+$/, "") === stem);
  const text = header === undefined ? undefined : texts.get(header);
  return text === undefined ? undefined : leadingDoc(text, language);
}
