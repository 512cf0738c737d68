import type * as TS from "typescript";
import { lazyPackage } from "../lazy-package.js";
import { stronglyConnected } from "./cycles.js";
import type { FileFacts } from "./group.js";

const typescript = lazyPackage<typeof TS>("typescript");

/** A TypeScript file: JavaScript has no types, so nothing of its imports is erased. */
export const TS_FILE = /\.(?:[cm]?ts|tsx)$/;

/**
 * Lines (1-based) of a TypeScript file's imports that the compiler erases: `import { X } from`
 * whose every name is used in types only (`client: BaseClient`, `implements X`, `typeof X`)
 * or not at all. They do not run, so they make no import cycle: an SDK's resources that name
 * their client's class in a field type would otherwise be one cycle with the client, and the
 * whole SDK one module. A name used anywhere else (called, constructed, extended, exported
 * again) keeps its import; so does an import with no names (`import "./polyfill"`).
 */
export function erasedImportLines(text: string, file: string): Set<number> {
  const ts = typescript();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports = new Map<string, number>();
  const lineOf = new Map<number, string[]>();
  for (const stmt of source.statements) {
    if (!ts.isImportDeclaration(stmt) || !stmt.importClause || stmt.importClause.isTypeOnly) continue;
    const clause = stmt.importClause;
    const names: string[] = [];
    if (clause.name) names.push(clause.name.text);
    if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push(clause.namedBindings.name.text);
    else if (clause.namedBindings) for (const el of clause.namedBindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
    // `import { type A } from` is for types already (typeOnlyLines); `import {} from` runs the file.
    if (names.length === 0) continue;
    const line = source.getLineAndCharacterOfPosition(stmt.getStart(source)).line + 1;
    lineOf.set(line, names);
    for (const n of names) imports.set(n, line);
  }
  if (imports.size === 0) return new Set();
  const used = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || isErasedContext(ts, node)) return;
    if (ts.isIdentifier(node) && imports.has(node.text)) used.add(node.text);
    // `{ Client }` as a value, and `export { Client }`: a use, whatever the other side.
    ts.forEachChild(node, visit);
  };
  visit(source);
  const erased = new Set<number>();
  for (const [line, names] of lineOf) if (names.every((n) => !used.has(n))) erased.add(line);
  return erased;
}

/** Nodes the compiler removes: types, interfaces, type aliases, `implements`, `declare` statements. */
function isErasedContext(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isHeritageClause(node)) return node.token === ts.SyntaxKind.ImplementsKeyword;
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * Moves the erased imports of TypeScript files (erasedImportLines) from their facts' `imports` to
 * `typeImports`. Only files in an import cycle are parsed: elsewhere an erased import is a
 * dependency all the same, and the compiler's parse is most of the cost (`runImports`: each
 * file's run-time imports of project files, by line).
 */
export function moveErasedImports(facts: Map<string, FileFacts>, runImports: Map<string, Map<number, string[]>>, texts: Map<string, string>): void {
  if (runImports.size === 0) return;
  const edges = new Map([...facts].map(([path, f]) => [path, new Set(f.imports)]));
  for (const cycle of stronglyConnected([...facts.keys()], edges)) {
    if (cycle.length < 2) continue;
    for (const path of cycle) {
      const byLine = runImports.get(path);
      if (!byLine) continue;
      const erased = erasedImportLines(texts.get(path)!, path);
      if (erased.size === 0) continue;
      const kept = new Set([...byLine].flatMap(([line, targets]) => (erased.has(line) ? [] : targets)));
      const moved = [...byLine].flatMap(([line, targets]) => (erased.has(line) ? targets : [])).filter((t) => !kept.has(t));
      if (moved.length === 0) continue;
      const f = facts.get(path)!;
      f.imports = f.imports.filter((t) => !moved.includes(t));
      f.typeImports = [...new Set([...f.typeImports, ...moved])].sort();
    }
  }
}
