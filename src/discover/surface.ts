import type { Language } from "./files.js";
import { rubyDoc, rubySurface } from "./ruby-surface.js";
import { rustSignatures } from "../prompt/signatures-rs.js";

const PYTHON_TOP = /^(?:async\s+)?(?:def|class)\s+([A-Za-z]\w*)/gm;
const JS_EXPORT = /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const JS_EXPORT_LIST = /^export\s*\{([^}]*)\}/gm;
/** CommonJS: `module.exports = pTimeout;`, `module.exports.TimeoutError = ...`, `exports.parse = ...` (at any indent: UMD wraps it). */
const CJS_EXPORT = /^\s*(?:module\.)?exports(?:\.([A-Za-z_$][\w$]*))?\s*=\s*([A-Za-z_$][\w$]*)?/gm;
const GO_TOP = /^(?:func|type|var|const)\s+([A-Z]\w*)/gm;
/** A grouped declaration, `var (`, `const (`, `type (`, to its closing `)` at the start of a line. */
const GO_GROUP = /^(?:var|const|type)\s*\(\n([\s\S]*?)^\)/gm;
/** The names each spec of a group declares, at gofmt's one tab (`\tErrA, ErrB = ...`, `\tRate float64`); a struct's fields sit deeper. */
const GO_GROUP_NAMES = /^\t([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)/gm;
/** An exported method of an exported type: `func (s *Store) Last(`, `func (l List[T]) Len(`. */
const GO_METHOD = /^func[ \t]*\([ \t]*(?:\w+[ \t]+)?\*?[ \t]*([A-Z]\w*)(?:\[[^\]]*\])?[ \t]*\)[ \t]*([A-Z]\w*)/gm;
/** Java's and Kotlin's top-level public types (Kotlin's are public unless marked otherwise), and Kotlin's top-level functions, an extension's by its own name (`fun Note.toResponse()`). */
const JVM_TOP = /^(?:public\s+|@\w+\s+)*(?:(?:final|abstract|sealed|data|open|static|enum|annotation|inline|value|case)\s+)*(?:(?:class|interface|enum|record|object|trait)\s+|fun\s+(?:<[^>]*>\s*)?(?:[A-Za-z_][\w.]*(?:<[^>]*>)?\??\.)?)([A-Za-z_]\w*)/gm;
/** Rust items marked plain `pub` at the top level (`pub(crate)` is not public); `pub mod` names a module, not an item. */
const RUST_TOP = /^pub\s+(?:(?:unsafe|async|const|extern\s+"[^"]*"|extern)\s+)*(?:fn|struct|enum|trait|type|union|static|const|macro_rules!)\s+([A-Za-z_]\w*)/gm;

/** Swift's public and open declarations at the top level (`public struct Elements`, `public func eccentricAnomaly`, `open class Orbit`). */
const SWIFT_TOP = /^(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s+(?:(?:final|indirect|nonisolated)\s+)*(?:struct|class|enum|protocol|actor|func|typealias|let|var)\s+([A-Za-z_]\w*)/gm;

/** Elixir's modules (`defmodule Shop.Cart`, by their last name) and public functions and macros (`def total`, not `defp`). */
const ELIXIR_TOP = /^[ \t]*defmodule\s+(?:[A-Z]\w*\.)*([A-Z]\w*)\s+do\b|^[ \t]*def(?:macro)?\s+([a-z_]\w*[!?]?)/gm;

/**
 * Dart's public declarations at the top level (a name without a leading `_`): classes (`abstract`,
 * `sealed`, `base`, `final`, `mixin class`), mixins, enums, named extensions and extension types,
 * typedefs, functions and getters (`int daysLeft(`, `Future<void> main(`, `String get name`), and
 * `const`/`final` variables. A member is indented, so never read.
 */
const DART_TOP = /^(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:abstract|sealed|base|final|interface|mixin)\s+)*(?:class|mixin|enum|typedef|extension(?:\s+type)?)\s+(?!on\b)([A-Za-z]\w*)|^(?:external\s+)?(?:[A-Za-z_][\w.]*(?:<[^()\n]*?>)?\??\s+)(?:get\s+)?([A-Za-z]\w*)\s*(?:<[^()\n]*?>)?\s*(?:\(|=>|\{)|^(?:const|final|late\s+final)\s+(?:[A-Za-z_][\w.]*(?:<[^()\n]*?>)?\??\s+)?([A-Za-z]\w*)\s*=/gm;
/** Words DART_TOP's function form takes for a name after a type that are no declaration. */
const DART_NOT_NAMES = new Set(["return", "if", "else", "for", "while", "switch", "throw", "await", "yield", "new", "get", "set", "operator", "main"]);

/** C#'s public types (`public sealed class Money`, `public record Cart`, `public interface IClock`). */
const CSHARP_TOP = /^[ \t]*public\s+(?:(?:static|sealed|abstract|partial|readonly|ref|unsafe|new)\s+)*(?:class|struct|interface|record(?:\s+(?:class|struct))?|enum)\s+([A-Za-z_]\w*)/gm;
/** PHP's classes, interfaces, traits and enums, and its functions at the top level (a method is indented). */
const PHP_TOP = /^(?:(?:final|abstract|readonly)\s+)*(?:class|interface|trait|enum)\s+([A-Za-z_]\w*)|^function\s+&?\s*([A-Za-z_]\w*)/gm;
/**
 * A C or C++ declaration at the top of a line: a function (`int uart_write(...);`, C++'s
 * `std::vector<double> rolling_mean(...)`, `const Reading& latest(...)`), a type (`typedef ... name;`,
 * `struct name {`, `enum class Unit {`, `using Minutes = ...;`) or a macro with arguments; at most 160
 * characters of a line are read.
 */
const C_TOP = /^(?:(?:extern|static|inline|constexpr|const|unsigned|signed|struct|enum)\s+)*[A-Za-z_][\w:]*(?:<[^()\n;]{0,120}>)?(?:\s+const)?[\s*&]+([A-Za-z_]\w*)\s*\(|^typedef\b[^;]*?\b([A-Za-z_]\w*)\s*;|^(?:struct|union|class|enum(?:\s+(?:class|struct))?)\s+([A-Za-z_]\w*)\s*(?:final\s*)?[{:]|^#\s*define\s+([A-Za-z_]\w*)\(|^using\s+([A-Za-z_]\w*)\s*=/;

/**
 * A C or C++ file's surface: its declarations at file scope or in a named namespace (indented or
 * not), not those of an anonymous namespace or a `static` one (internal linkage: a source file's
 * helpers), nor a class's members or a function's body.
 */
export function cSurface(masked: string): string[] {
  const names: string[] = [];
  // What each open brace is: a named namespace or `extern "C"` (its declarations are the file's), or anything else.
  const open: boolean[] = [];
  let hidden = 0;
  let before = "";
  for (const raw of masked.split("\n")) {
    const line = raw.trimStart();
    if (hidden === 0) {
      const m = C_TOP.exec(line.slice(0, 160));
      const name = m && (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]);
      if (name && !/^(?:if|for|while|switch|return|sizeof|main|namespace)$/.test(name) && !/^static\b/.test(line)) names.push(name);
    }
    let from = 0;
    for (let at = 0; at < raw.length; at++) {
      const c = raw[at];
      if (c === '"' || c === "'") {
        // A string or character literal's braces are none (the masked text keeps C's literals: they hold the includes).
        for (at++; at < raw.length && raw[at] !== c; at++) if (raw[at] === "\\") at++;
      } else if (c === "{") {
        const head = (raw.slice(from, at).trim() || before).trimEnd();
        const named = /\bnamespace\s+[A-Za-z_][\w:]*$|\bextern\s+"C(?:\+\+)?"$/.test(head);
        open.push(named);
        if (!named) hidden++;
        from = at + 1;
      } else if (c === "}") {
        if (open.pop() === false) hidden--;
        from = at + 1;
      }
    }
    if (line !== "") before = raw.slice(from).trim() || line;
  }
  return names;
}

/**
 * The public methods of Rust files' types, one entry a type (`Money::{new, add}`): an inherent
 * impl's `pub fn`s and a public trait's methods, not a trait impl's (`fmt` of every `Display`).
 * Read from the files' original text, in their order.
 */
export function rustMethods(texts: readonly string[]): string[] {
  const byType = new Map<string, Set<string>>();
  for (const text of texts) {
    for (const signature of rustSignatures(text)) {
      const m = /^(?:[a-z]+\s+)*([A-Za-z_]\w*)::([A-Za-z_]\w*)/.exec(signature);
      if (!m || signature.includes("  // impl ")) continue;
      byType.set(m[1]!, (byType.get(m[1]!) ?? new Set()).add(m[2]!));
    }
  }
  return [...byType].map(([type, methods]) => `${type}::{${[...methods].join(", ")}}`);
}

/** A Go file's exported functions, types, variables and constants, those of grouped declarations too (`var ( ErrNotFound = ... )`). */
function goSurface(masked: string): string[] {
  const names = [...masked.matchAll(GO_TOP)].map((m) => m[1]!);
  for (const group of masked.matchAll(GO_GROUP)) {
    for (const line of group[1]!.matchAll(GO_GROUP_NAMES)) names.push(...line[1]!.split(",").map((n) => n.trim()).filter((n) => /^[A-Z]/.test(n)));
  }
  return names;
}

/** The exported methods of Go files' exported types, one entry a type (`Store.{Add, Get, Last}`), in the files' order. */
export function goMethods(texts: readonly string[]): string[] {
  const byType = new Map<string, Set<string>>();
  for (const text of texts) for (const m of text.matchAll(GO_METHOD)) byType.set(m[1]!, (byType.get(m[1]!) ?? new Set()).add(m[2]!));
  return [...byType].map(([type, methods]) => `${type}.{${[...methods].join(", ")}}`);
}

/**
 * A file's public surface, as its Provides: top-level classes and functions not marked
 * private (`_name`) in Python, exported declarations in TS/JS (CommonJS assignments to
 * `module.exports` too), exported names in Go, top-level `pub` items in Rust, Ruby's classes,
 * modules, public methods and attributes (rubySurface).
 * Reads masked source (comments and strings blanked), so nothing in a docstring counts.
 */
export function publicSurface(masked: string, language: Language): string[] {
  const names: string[] = [];
  if (language === "ruby") return rubySurface(masked);
  if (language === "c") return [...new Set(cSurface(masked))];
  if (language === "csharp") for (const m of masked.matchAll(CSHARP_TOP)) names.push(m[1]!);
  else if (language === "php") for (const m of masked.matchAll(PHP_TOP)) names.push((m[1] ?? m[2])!);
  else if (language === "python") for (const m of masked.matchAll(PYTHON_TOP)) names.push(m[1]!);
  else if (language === "go") names.push(...goSurface(masked));
  else if (language === "rust") for (const m of masked.matchAll(RUST_TOP)) names.push(m[1]!);
  else if (language === "java") for (const m of masked.matchAll(JVM_TOP)) names.push(m[1]!);
  else if (language === "swift") for (const m of masked.matchAll(SWIFT_TOP)) names.push(m[1]!);
  else if (language === "elixir") for (const m of masked.matchAll(ELIXIR_TOP)) names.push((m[1] ?? m[2])!);
  else if (language === "dart") {
    for (const m of masked.matchAll(DART_TOP)) {
      const name = (m[1] ?? m[2] ?? m[3])!;
      if (!DART_NOT_NAMES.has(name) && !/^(?:import|export|part|library)\b/.test(m[0])) names.push(name);
    }
  }
  else {
    for (const m of masked.matchAll(JS_EXPORT)) names.push(m[1]!);
    for (const m of masked.matchAll(JS_EXPORT_LIST)) {
      for (const part of m[1]!.split(",")) {
        const name = part.trim().split(/\s+as\s+/).pop()?.trim();
        if (name && /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default") names.push(name);
      }
    }
    for (const m of masked.matchAll(CJS_EXPORT)) {
      const name = m[1] ?? m[2];
      // `module.exports = require("./lib/app")` hands over another file's names, not one called `require`.
      if (name && name !== "default" && name !== "exports" && name !== "module" && name !== "require") names.push(name);
    }
  }
  return [...new Set(names)];
}

/** The file's own first sentence about itself: a Python module docstring, a Rust `//!` inner doc, a Ruby class's comment, or a leading comment. */
export function leadingDoc(text: string, language: Language): string | undefined {
  const head = text.slice(0, 4000).replace(/^#!.*\n/, "");
  let doc: string | undefined;
  if (language === "ruby") doc = rubyDoc(head);
  else if (language === "python") {
    // A docstring, after any comment lines (`# -*- coding -*-`, a license); else those comments (PyYAML has no docstrings).
    const comments = /^(?:[ \t]*(?:#[^\n]*)?\n)*/.exec(head)![0];
    doc = /^\s*(?:[rRuU])?("""|''')([\s\S]*?)\1/.exec(head.slice(comments.length))?.[2] ?? pythonComment(comments);
  }
  else if (language === "go") return goPackageDoc(head);
  else if (language === "rust") doc = /^(?:\s*\/\/![^\n]*\n?)+/.exec(head)?.[0].replace(/^\s*\/\/!\s?/gm, "") ?? /^\s*\/\*!([\s\S]*?)\*\//.exec(head)?.[1];
  // C#'s `/// <summary>` on its first type, after the usings and the namespace; Swift's `///` likewise, after its imports.
  // Dart's library doc (`/// ...` above `library;`) or its first declaration's, after the directives.
  else if (language === "dart") doc = /^(?:[ \t]*\/\/\/[^\n]*\n)+/m.exec(head)?.[0].replace(/^\s*\/\/\/\s?/gm, "");
  else if (language === "csharp" || language === "swift") doc = /^(?:[ \t]*\/\/\/[^\n]*\n)+/m.exec(head)?.[0].replace(/^\s*\/\/\/\s?/gm, "").replace(/<\/?\w+[^>]*>/g, " ");
  else {
    // PHP's file docblock comes after `<?php`.
    doc = leadingComment(language === "php" ? head.replace(/^\s*<\?php\b[^\n]*\n/, "") : head);
    // A JVM file's own words are its first type's Javadoc, after the license, the package and the imports.
    if (language === "java" && (doc === undefined || purposeOf(doc) === undefined)) doc = leadingComment(head.replace(JVM_PREAMBLE, ""));
  }
  return doc === undefined ? undefined : purposeOf(doc);
}

/** What comes before a JVM file's first type: blank lines, comments other than a Javadoc, and the package and import lines. */
const JVM_PREAMBLE = /^(?:\s+|\/\*(?!\*)[\s\S]*?\*\/|\/\/[^\n]*|(?:package|import)\s[^\n]*)*/;

/** The text of the comment `code` starts with, a block's or a run of `//` lines'. */
function leadingComment(code: string): string | undefined {
  const block = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(code)?.[1];
  const lines = /^(?:\s*\/\/[^\n]*\n?)+/.exec(code)?.[0];
  return block?.replace(/^\s*\*\s?/gm, "") ?? lines?.replace(/^\s*\/\/\s?/gm, "");
}

/** The first sentence of a doc comment's text, or undefined when it says nothing about the code (a license, a tool's directive, a generator's notice). */
function purposeOf(doc: string): string | undefined {
  // A reST title and its underline (`oauthlib.common` then `~~~~`) name the module; the text after them says what it is.
  // So does a dotted module name alone on the first line (`distutils.dist`).
  const text = doc.replace(/^\s*[^\n]*\n\s*([=~\-^*#])\1{2,}[ \t]*\n/, "").replace(/^\s*[A-Za-z_]\w*(?:\.\w+)+\s*\n\s*\n/, "");
  let flat = text.replace(/\s+/g, " ").trim();
  if (!flat || /^(?:!|eslint|@ts-|prettier|package\s|Copyright|SPDX|(?:This )?(?:file|code) (?:was |is )?(?:auto-?)?generated\b)/i.test(flat)) return undefined;
  const deprecated = /^@deprecated\s+(.*)/i.exec(flat);
  if (deprecated) flat = `Deprecated: ${deprecated[1]!}`;
  else if (flat.startsWith("@")) return undefined;
  const sentence = firstSentence(flat);
  if (/\bCopyright\b|\(c\) \d{4}|\bLicen[cs]ed\b/i.test(sentence)) return undefined;
  // A line that ends in a colon before any sentence has ended introduces a list: it is the sentence.
  const intro = /^([^\n]*?[^.!?\n]):[ \t]*\n/.exec(text.trim())?.[1];
  return intro && intro.length < sentence.length && !/[.!?]\s/.test(intro) ? `${intro.replace(/\s+/g, " ").trim()}.` : sentence;
}

/** A Python file's leading `#` comment lines as text, without the interpreter's lines (`# -*- coding: utf-8 -*-`, `# vim:`). */
function pythonComment(block: string): string | undefined {
  const lines = block.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("#") && !/^#\s*(?:-\*-|vim?:|type:|pylint|noqa|flake8|mypy)/.test(l));
  const text = lines.map((l) => l.replace(/^#+\s?/, "")).join("\n").trim();
  return text || undefined;
}

/**
 * A Go package's doc comment: the `//` lines right above its `package` clause, after any
 * license header or build constraint (`Package money holds amounts in cents.`).
 */
function goPackageDoc(head: string): string | undefined {
  const lines = head.split("\n");
  const clause = lines.findIndex((l) => /^package\s+\w+/.test(l));
  if (clause <= 0) return undefined;
  let start = clause;
  while (start > 0 && /^\s*\/\//.test(lines[start - 1]!)) start--;
  const flat = lines.slice(start, clause).map((l) => l.replace(/^\s*\/\/\s?/, "")).join(" ").replace(/\s+/g, " ").trim();
  if (!flat || /^(?:go:|\+build|Code generated|Copyright|SPDX)/i.test(flat)) return undefined;
  return firstSentence(flat);
}

function firstSentence(flat: string): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}
