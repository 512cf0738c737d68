import type { ImportRef } from "./imports.js";

/** `import 'package:pantry_core/pantry_core.dart' as core;`, `export 'src/item.dart' show Item;`, `part 'item.g.dart';`; never `part of`. */
const DIRECTIVE = /^\s*(?:import|export|part)\s+(['"])([^'"]+)\1/;
/** A conditional import's other files: `import 'stub.dart' if (dart.library.io) 'io.dart';`. */
const CONDITION = /\bif\s*\([^)]*\)\s*(['"])([^'"]+)\1/g;
/** Lines a directive may run over to its `;` (its conditions, `show` lists). */
const MAX_LINES = 6;

/** The files Dart directives load, as written (`package:x/y.dart`, `src/item.dart`, `dart:io`), on the directive's first line. */
export function dartImports(lines: string[]): ImportRef[] {
  const found: ImportRef[] = [];
  lines.forEach((text, i) => {
    const m = DIRECTIVE.exec(text);
    if (!m) return;
    found.push({ specifier: m[2]!, style: "dart", line: i + 1 });
    let directive = text;
    for (let j = i + 1; !directive.includes(";") && j < Math.min(lines.length, i + MAX_LINES); j++) directive += `\n${lines[j]!}`;
    for (const c of directive.matchAll(CONDITION)) found.push({ specifier: c[2]!, style: "dart", line: i + 1 });
  });
  return found;
}
