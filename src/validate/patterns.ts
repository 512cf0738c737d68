import { posix } from "node:path";
import type { ImportRef, ImportStyle } from "../spec/imports.js";
import { aliasBases, type AliasConfig } from "../spec/path-aliases.js";

/**
 * The ways an import can be named by a rule: as written (`pkg.ui.widgets`, `react/jsx-runtime`),
 * with each `from x import name` joined on (`pkg.ui` for `from pkg import ui`), and, for
 * relative imports, the project path it points at (`src/ui/button` for `../ui/button.js` in
 * `src/app/`) or, through a tsconfig's `paths` or `baseUrl`, for aliased ones (`src/ui/button` for
 * `#ui/button`). Paths are `/`-separated, without the file extension.
 */
export interface ImportNames {
  /** Specifiers in their own notation: dotted for Python, slashed for JS. */
  written: string[];
  /** Project-relative paths, as segments. */
  paths: string[][];
}

const SOURCE_EXT = /\.(?:py|ts|tsx|js|mjs|cjs|jsx|mts|cts|rb|dart)$/;

export function importNames(ref: ImportRef, file: string, aliases: readonly AliasConfig[] = [], goModule?: string): ImportNames {
  const here = posix.dirname(file);
  if (ref.style === "java") {
    const dotted = ref.specifier.replace(/\.\*$/, "");
    return { written: [dotted], paths: [dotted.split(".")] };
  }
  if (ref.style === "csharp" || ref.style === "elixir") return { written: [ref.specifier], paths: [ref.specifier.split(".")] };
  if (ref.style === "php") {
    if (/^\.{1,2}\//.test(ref.specifier)) return { written: [], paths: [segments(posix.join(here, ref.specifier))] };
    // `App\Service\Checkout` is named by `App\Service` in a rule, or dotted, `App.Service`.
    return { written: [ref.specifier, ref.specifier.replaceAll("\\", ".")], paths: [ref.specifier.split("\\")] };
  }
  if (ref.style === "c") {
    // `drivers/uart.h` as written, or by its path from the including file (`src/drivers/uart.h` for `uart.h` in `src/drivers/`).
    return { written: [ref.specifier], paths: [segments(posix.join(here, ref.specifier)), segments(ref.specifier)] };
  }
  if (ref.style === "rust") {
    // `shop_core::money::Money` is named by `shop_core`, `shop_core::money`, or `shop_core.money` in a rule.
    const written = ref.specifier.replace(/^::/, "");
    return { written: [written, written.replace(/::/g, ".")], paths: [written.split("::")] };
  }
  if (ref.style === "ruby") {
    if (/^\.{1,2}\//.test(ref.specifier)) return { written: [], paths: [segments(posix.join(here, ref.specifier))] };
    // A required path is named as written (`shop/cart`) or by its file under the gem's `lib/` (`lib/shop/cart.rb`), as init writes rules.
    const written = ref.specifier.replace(SOURCE_EXT, "");
    return { written: [written], paths: [segments(written), segments(`lib/${written}`)] };
  }
  if (ref.style === "dart") {
    // `package:pantry_core/src/item.dart` is named as written, without its scheme (`pantry_core/src`); a relative URI by its path.
    const pkg = /^package:(.+)$/.exec(ref.specifier)?.[1];
    if (pkg) return { written: [ref.specifier, pkg.replace(SOURCE_EXT, "")], paths: [segments(pkg)] };
    return ref.specifier.includes(":") ? { written: [ref.specifier], paths: [] } : { written: [], paths: [segments(posix.join(here, ref.specifier))] };
  }
  if (ref.style === "go") {
    // A Go import of the project's own package is also named by its folder (`internal/cart`).
    const own = goModule !== undefined && ref.specifier.startsWith(`${goModule}/`);
    return { written: [ref.specifier], paths: [segments(own ? ref.specifier.slice(goModule.length + 1) : ref.specifier)] };
  }
  if (ref.style === "python") {
    const dots = /^\.*/.exec(ref.specifier)![0].length;
    const dotted = ref.specifier.slice(dots);
    const bases: string[] = [];
    if (dots > 0) {
      let dir = here;
      for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
      bases.push(posix.join(dir, dotted.replace(/\./g, "/")));
    } else bases.push(dotted.replace(/\./g, "/"));
    const full = bases.flatMap((base) => [base, ...(ref.names ?? []).map((name) => posix.join(base, name))]);
    const written = dots > 0 ? [] : [dotted, ...(ref.names ?? []).map((name) => `${dotted}.${name}`)];
    return { written, paths: full.map(segments) };
  }
  const spec = ref.specifier;
  if (spec.startsWith(".")) return { written: [], paths: [segments(posix.join(here, spec))] };
  const aliased = spec.replace(/^[@~]\//, "");
  return { written: [spec], paths: [segments(aliased), ...aliasBases(aliases, file, spec).map(segments)] };
}

function segments(path: string): string[] {
  return posix.normalize(path).replace(SOURCE_EXT, "").split("/").filter((s) => s && s !== ".");
}

/** Whether a rule pattern (`pkg.ui`, `src/ui/`, `react`, `ledger/core/fx.py`) names the import or something it is inside. */
export function patternMatches(pattern: string, names: ImportNames, style: ImportStyle): boolean {
  const p = pattern.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  if (!p) return false;
  const dotted = style === "python" || style === "java" || style === "csharp" || style === "elixir";
  const sep = style === "rust" ? "::" : style === "php" ? "\\" : dotted ? "." : "/";
  // A Ruby constant (`Billing::Invoice`) is also named by its namespace (`Billing`).
  if (names.written.some((w) => w === p || w.startsWith(p + sep) || (style === "rust" && w.startsWith(`${p}.`)) || (style === "ruby" && w.startsWith(`${p}::`)) || (style === "php" && w.startsWith(`${p}.`)))) return true;
  // A dotted pattern names a Python module path; in JS a dot is part of a name. A Go file names its package, the folder.
  const bare = style === "go" && p.endsWith(".go") ? posix.dirname(p) : p.replace(SOURCE_EXT, "");
  const wanted = segments(dotted && !bare.includes("/") ? bare.replace(/\./g, "/") : bare);
  if (wanted.length === 0) return false;
  return names.paths.some((path) => wanted.length <= path.length && wanted.every((s, i) => s === path[i]));
}
