import { componentScripts } from "./components.js";
import { elixirImports } from "./elixir-imports.js";
import { dartImports } from "./dart-imports.js";
import { rustImports } from "./rust-imports.js";

/**
 * The notations imports are read in. `csharp`: a namespace or type as written (`Shop.Core`,
 * `Shop.Core.Money` of `using static` or an alias). `php`: a class, function or namespace with
 * `\\` (`App\\Domain\\Money`, no leading `\\`), or a required path relative to the file starting
 * `./` or `../`. `c`: an `#include "..."` path as written (`<...>` ones are never read). `swift`: a module's name (`OrbitKit`).
 * `elixir`: a module's name as written (`Shop.Cart`), of an `alias`, `import`, `require` or `use` or a qualified call.
 * `dart`: a directive's URI as written (`package:pantry_core/pantry_core.dart`, `src/item.dart`, `dart:io`).
 */
export type ImportStyle = "python" | "js" | "go" | "java" | "rust" | "ruby" | "csharp" | "php" | "c" | "swift" | "elixir" | "dart";

/** An import statement found in source text. */
export interface ImportRef {
  /** As written: `ledger.core.journal`, `../domain/cart`, `github.com/acme/shop/cart`, `com.acme.shop.Cart`. */
  specifier: string;
  /**
   * `java` is Java and Kotlin. `rust`: a path as written (`crate::money::Money`); `mod x;` is `self::x`.
   * `ruby`: a `require`d path as written (`shop/cart`); a path relative to the file starts with `./` or
   * `../` (`require_relative "money"` is `./money`).
   */
  style: ImportStyle;
  /** Names imported by `from x import a, b` (Python), for submodule resolution. */
  names?: string[];
  /** 1-based line within the scanned text. */
  line: number;
}

const PY_FROM = /^\s*from\s+(\.+[\w.]*|[\w.]+)\s+import\b(.*)$/;
const PY_IMPORT = /^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$/;
const JS_FROM = /(?:^|[;\s])(?:import|export)\s[^'"`]*?\sfrom\s*['"]([^'"]+)['"]/g;
const JS_BARE = /(?:^|[;\s])import\s*['"]([^'"]+)['"]/g;
const JS_CALL = /(?:\brequire|\bimport)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const GO_SINGLE = /^\s*import\s+(?:[\w.]+\s+)?"([^"]+)"/;
const GO_BLOCK_LINE = /^\s*(?:[\w.]+\s+)?"([^"]+)"/;
// `import com.acme.shop.Cart;`, `import static com.acme.Money.add;`, `import com.acme.shop.*;`, Kotlin's `import a.b.C as D`.
const JAVA_IMPORT = /^\s*import\s+(?:static\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\.\*)?)\s*(?:as\s+\w+\s*)?;?\s*$/;

const PY_LANGS = new Set(["python", "py", "python3"]);
const JS_LANGS = new Set(["ts", "typescript", "tsx", "js", "javascript", "jsx", "mjs", "cjs"]);
const GO_LANGS = new Set(["go", "golang"]);
const JAVA_LANGS = new Set(["java", "kotlin", "kt"]);
const RUST_LANGS = new Set(["rust", "rs"]);
const RUBY_LANGS = new Set(["ruby", "rb"]);
const CSHARP_LANGS = new Set(["csharp", "cs", "c#"]);
const PHP_LANGS = new Set(["php"]);
const C_LANGS = new Set(["c", "h", "cpp", "c++", "cc", "cxx", "hpp", "objc"]);
/** Single-file components, whose code is their `<script>` blocks (spec/components.ts). */
const COMPONENT_LANGS = new Set(["vue", "svelte"]);

export function languageOf(lang: string, text: string): ImportStyle | undefined {
  if (PY_LANGS.has(lang)) return "python";
  if (JS_LANGS.has(lang) || COMPONENT_LANGS.has(lang)) return "js";
  if (GO_LANGS.has(lang)) return "go";
  if (JAVA_LANGS.has(lang)) return "java";
  if (RUST_LANGS.has(lang)) return "rust";
  if (RUBY_LANGS.has(lang)) return "ruby";
  if (CSHARP_LANGS.has(lang)) return "csharp";
  if (PHP_LANGS.has(lang)) return "php";
  if (C_LANGS.has(lang)) return "c";
  if (lang) return undefined;
  // Unlabelled block: guess from the first import-looking line.
  if (/^\s*package\s+\w+\s*$/m.test(text)) return "go";
  if (/^\s*#\s*include\s*"/m.test(text)) return "c";
  if (/^<\?php\b/.test(text) || /^\s*use\s+\w+\\/m.test(text)) return "php";
  if (/^\s*(?:global\s+)?using\s+(?:static\s+)?[A-Z]\w*(?:\.\w+)*\s*;/m.test(text)) return "csharp";
  if (/^\s*(?:pub(?:\([\w:\s]+\))?\s+)?use\s+(?:crate|super|self|\w+)::/m.test(text)) return "rust";
  if (/^\s*(?:package|import)\s+[\w.]+(?:\.\*)?\s*;/m.test(text)) return "java";
  if (/^\s*require(?:_relative)?\s+['"]/m.test(text)) return "ruby";
  if (/^\s*(?:import|export)\s.*\sfrom\s+['"]/m.test(text) || /\brequire\s*\(/.test(text)) return "js";
  if (/^\s*(?:from\s+\S+\s+import|import\s+[\w.]+\s*$)/m.test(text)) return "python";
  return undefined;
}

/** Imports in a spec's code block labelled `lang` (none when its language is not known): of a ```vue or ```svelte block, its scripts'. */
export function codeBlockImports(lang: string, text: string): ImportRef[] {
  const style = languageOf(lang, text);
  if (!style) return [];
  return extractImports(COMPONENT_LANGS.has(lang) ? componentScripts(text) : text, style);
}

/** Imports in a code block or source file of the given style. */
export function extractImports(text: string, style: ImportStyle): ImportRef[] {
  const lines = text.split("\n");
  if (style === "csharp") return csharpImports(lines);
  if (style === "php") return phpImports(lines);
  if (style === "c") return cIncludes(lines);
  if (style === "python") return pythonImports(lines);
  if (style === "go") return goImports(lines);
  if (style === "java") return javaImports(lines);
  if (style === "rust") return rustImports(lines);
  if (style === "ruby") return rubyImports(lines);
  if (style === "swift") return swiftImports(lines);
  if (style === "elixir") return elixirImports(lines);
  if (style === "dart") return dartImports(lines);
  return jsImports(lines);
}

/** `import OrbitKit`, `@testable import OrbitKit`, `@_exported import Kepler`, `import struct Kepler.Elements`: the module's name. */
const SWIFT_IMPORT = /^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_]\w*)/;

function swiftImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const m = SWIFT_IMPORT.exec(text);
    if (m) found.push({ specifier: m[1]!, style: "swift", line: i + 1 });
  });
  return found;
}

const ONE_NAME = /^\s+(\w+)\s*$/;

function pythonImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const from = PY_FROM.exec(text);
    if (from) {
      // One name and nothing else (`from pkg.core import Ledger`), as most are: what the steps below would make of it.
      const one = ONE_NAME.exec(from[2]!);
      if (one) {
        found.push({ specifier: from[1]!, style: "python", names: [one[1]!], line: i + 1 });
        return;
      }
      const names = from[2]!.replace(/#.*$/, "").replace(/[()\\]/g, "").split(",").map((n) => n.trim().split(/\s+as\s+/)[0]!.trim()).filter((n) => /^\w+$/.test(n));
      // A copy of exactly its length: `filter` leaves room for 17, and 20,000 such lists of one name were 4 MB of a tree's parse.
      found.push({ specifier: from[1]!, style: "python", names: names.slice(), line: i + 1 });
      return;
    }
    const plain = PY_IMPORT.exec(text);
    if (plain) {
      for (const part of plain[1]!.split(",")) {
        found.push({ specifier: part.trim().split(/\s+as\s+/)[0]!, style: "python", line: i + 1 });
      }
    }
  });
  return found;
}

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;

/** The start of an import or re-export whose `from "..."` comes on a later line (`import {` then one name a line). */
const JS_OPEN_STATEMENT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{[^}'"`]*$/;
/** Lines an open statement may run over before it is given up. */
const JS_STATEMENT_LINES = 200;

function jsImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  let skipTo = -1;
  lines.forEach((line, i) => {
    if (i <= skipTo || COMMENT_LINE.test(line)) return;
    let text = line;
    // Formatted imports run over lines (`import {`, a name a line, `} from "./x.js"`): read the statement whole, at its first line.
    if (JS_OPEN_STATEMENT.test(line)) {
      let j = i + 1;
      while (j < lines.length && j - i < JS_STATEMENT_LINES && !lines[j]!.includes("}")) j++;
      if (j + 1 < lines.length && /^\s*from\s/.test(lines[j + 1]!)) j++;
      text = lines.slice(i, j + 1).join(" ");
      skipTo = j;
    }
    const seen = new Set<string>();
    for (const re of [JS_FROM, JS_BARE, JS_CALL]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (seen.has(m[1]!)) continue;
        seen.add(m[1]!);
        found.push({ specifier: m[1]!, style: "js", line: i + 1 });
      }
    }
  });
  return found;
}

function goImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  let inBlock = false;
  lines.forEach((text, i) => {
    if (COMMENT_LINE.test(text)) return;
    if (inBlock) {
      if (/^\s*\)/.test(text)) inBlock = false;
      else {
        const m = GO_BLOCK_LINE.exec(text);
        if (m) found.push({ specifier: m[1]!, style: "go", line: i + 1 });
      }
      return;
    }
    if (/^\s*import\s*\(\s*$/.test(text)) {
      inBlock = true;
      return;
    }
    const m = GO_SINGLE.exec(text);
    if (m) found.push({ specifier: m[1]!, style: "go", line: i + 1 });
  });
  return found;
}

/** Scala's group, `import shop.core.{Money, Rate => R, _}`: each name (its own, before `=>`), `_` as `*`. */
const SCALA_GROUP = /^\s*import\s+([A-Za-z_][\w.]*)\.\{([^}]*)\}/;

function javaImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const group = SCALA_GROUP.exec(text);
    if (group) {
      for (const part of group[2]!.split(",")) {
        const name = part.split("=>")[0]!.trim();
        if (/^(?:[A-Za-z]\w*|_)$/.test(name)) found.push({ specifier: `${group[1]}.${name === "_" ? "*" : name}`, style: "java", line: i + 1 });
      }
      return;
    }
    const m = JAVA_IMPORT.exec(text);
    // Scala's wildcard is `_`: `import shop.core._` is Java's `shop.core.*`.
    if (m) found.push({ specifier: m[1]!.replace(/\._$/, ".*"), style: "java", line: i + 1 });
  });
  return found;
}

// `require "shop/cart"`, `require_relative "money"`, `load "x.rb"`, `autoload :Cart, "shop/cart"`.
const RUBY_REQUIRE = /(?:^|[\s;(])(require_relative|require|load)\s*\(?\s*(['"])([^'"]+)\2/g;
const RUBY_AUTOLOAD = /(?:^|[\s;(.])autoload\s*\(?\s*:\w+\s*,\s*(['"])([^'"]+)\1/g;
/** The older file-relative forms: `File.expand_path("../money", __FILE__)`, `File.expand_path("money", __dir__)`, `File.join(__dir__, "a", "b")`. */
const RUBY_EXPAND = /\bFile\.expand_path\s*\(\s*(['"])([^'"]+)\1\s*,\s*(__FILE__|__dir__|File\.dirname\s*\(\s*__FILE__\s*\))\s*\)/;
const RUBY_JOIN = /\bFile\.join\s*\(\s*(?:__dir__|File\.dirname\s*\(\s*__FILE__\s*\))\s*((?:,\s*(['"])[^'"]+\2\s*)+)\)/;
const RUBY_LOADS = /(?:^|[\s;(.])(?:require|load|autoload\s*\(?\s*:\w+\s*,)\s*\(?\s*File\./;

/** Ruby's loads of other files, on masked source (their strings kept). */
function rubyImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const push = (specifier: string) => found.push({ specifier, style: "ruby", line: i + 1 });
    for (const m of text.matchAll(RUBY_REQUIRE)) push(m[1] === "require_relative" && !/^\.{1,2}\//.test(m[3]!) ? `./${m[3]!}` : m[3]!);
    for (const m of text.matchAll(RUBY_AUTOLOAD)) push(m[2]!);
    if (!RUBY_LOADS.test(text)) return;
    const expand = RUBY_EXPAND.exec(text);
    if (expand) {
      const path = expand[2]!;
      // Against `__FILE__`, the first `..` is the file's own folder.
      if (expand[3] !== "__FILE__") push(/^\.{1,2}\//.test(path) ? path : `./${path}`);
      else if (path.startsWith("../")) push(`./${path.slice(3)}`);
    }
    const join = RUBY_JOIN.exec(text);
    if (join) push(`./${[...join[1]!.matchAll(/(['"])([^'"]+)\1/g)].map((p) => p[2]!).join("/")}`);
  });
  return found;
}

// `using Shop.Core;`, `global using Shop.Core;`, `using static Shop.Core.Money;`, `using M = Shop.Core.Money;` (a generic
// alias's `<...>` left out); not `using var x = ...;` nor `using (...)`, which dispose.
const CSHARP_USING = /^\s*(?:global\s+)?using\s+(?:static\s+)?(?:[A-Za-z_]\w*\s*=\s*)?(?:global::)?([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*(?:<[^;]{0,200}>\s*)?;/;

function csharpImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const m = CSHARP_USING.exec(text);
    if (m) found.push({ specifier: m[1]!.replace(/\s+/g, ""), style: "csharp", line: i + 1 });
  });
  return found;
}

// `use App\Domain\Money;`, `use App\Domain\Money as M, App\Domain\Cart;`, `use function App\f;`, `use const App\X;`.
const PHP_USE = /^\s*use\s+(?:(?:function|const)\s+)?\\?([A-Za-z_][\w\\]*(?:\s+as\s+\w+)?(?:\s*,\s*\\?[A-Za-z_][\w\\]*(?:\s+as\s+\w+)?)*)\s*;/;
// `use App\Domain\{Money, Cart as C, function f};`
const PHP_GROUP_USE = /^\s*use\s+(?:(?:function|const)\s+)?\\?([A-Za-z_][\w\\]*?)\\?\{([^}]*)\}\s*;/;
// `require_once __DIR__ . '/../lib/x.php';`, `include 'x.php';`, `require(dirname(__FILE__) . "/x.php")`.
const PHP_REQUIRE = /\b(?:require|include)(?:_once)?\s*\(?\s*(__DIR__\s*\.\s*|dirname\s*\(\s*__FILE__\s*\)\s*\.\s*)?(['"])([^'"$]+)\2/g;
/** Lines a group `use` may run over before it is given up. */
const PHP_STATEMENT_LINES = 200;

/** PHP's imports, on masked source (required paths kept): namespaced names without the leading `\\`, paths relative to the file as `./x.php`. */
function phpImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  let skipTo = -1;
  lines.forEach((line, i) => {
    if (i <= skipTo) return;
    const push = (specifier: string) => found.push({ specifier, style: "php", line: i + 1 });
    let text = line;
    // A group use over lines (`use App\{`, a name a line, `};`): read whole, at its first line.
    if (/^\s*use\s[^;]*\{[^}]*$/.test(line)) {
      let j = i + 1;
      while (j < lines.length && j - i < PHP_STATEMENT_LINES && !lines[j]!.includes("}")) j++;
      text = lines.slice(i, j + 1).join(" ");
      skipTo = j;
    }
    const group = PHP_GROUP_USE.exec(text);
    if (group) {
      for (const part of group[2]!.split(",")) {
        const name = part.trim().replace(/^(?:function|const)\s+/, "").split(/\s+as\s+/)[0]!.trim();
        if (/^[A-Za-z_][\w\\]*$/.test(name)) push(`${group[1]!}\\${name}`);
      }
      return;
    }
    const use = PHP_USE.exec(text);
    if (use) for (const part of use[1]!.split(",")) push(part.trim().split(/\s+as\s+/)[0]!.replace(/^\\/, ""));
    if (!/\b(?:require|include)/.test(text)) return;
    for (const m of text.matchAll(PHP_REQUIRE)) {
      const path = m[3]!;
      // Against `__DIR__`, a path starts with `/`; a bare path is taken from the file's folder too, as people mean it.
      const rel = m[1] ? `.${path.startsWith("/") ? "" : "/"}${path}` : /^\.{1,2}\//.test(path) ? path : path.startsWith("/") ? "" : `./${path}`;
      if (rel) push(rel.replace(/^\.\/(?=\.\.\/)/, ""));
    }
  });
  return found;
}

// `#include "uart.h"`, `# include "drivers/uart.h"`; `<...>` is the system's or a library's.
const C_INCLUDE = /^\s*#\s*(?:include|import)\s*"([^"]+)"/;

function cIncludes(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const m = C_INCLUDE.exec(text);
    if (m) found.push({ specifier: m[1]!, style: "c", line: i + 1 });
  });
  return found;
}
