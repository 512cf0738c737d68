import { createRequire } from "node:module";
import type * as TS from "typescript";

const require = createRequire(import.meta.url);
let ts: typeof TS | undefined;
/** Loaded on the first TS/JS file: the compiler is large and most prompts need none. */
const compiler = (): typeof TS => (ts ??= require("typescript") as typeof TS);

const MAX_MEMBERS = 20;

/**
 * The exported declarations of a TS/JS file as one-line signatures, parsed by the
 * TypeScript compiler (syntax only, no type checking): functions with their parameters
 * and return types, classes with their public members, interfaces, types, enums,
 * variables, and `export { ... }` lists. Bodies are left out.
 */
export function typescriptSignatures(text: string, file: string): string[] {
  const t = compiler();
  const kind = /\.[cm]?tsx$|\.jsx$/.test(file) ? t.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? t.ScriptKind.TS : t.ScriptKind.JS;
  const source = t.createSourceFile(file, text, t.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const src = (node: TS.Node | undefined) => (node ? oneLine(node.getText(source)) : "");
  const exported = (node: TS.Node) => t.canHaveModifiers(node) && (t.getModifiers(node) ?? []).some((m) => m.kind === t.SyntaxKind.ExportKeyword);
  const head = (node: TS.Node) => (t.canHaveModifiers(node) ? (t.getModifiers(node) ?? []).map((m) => m.getText(source)).join(" ") + " " : "");
  const params = (node: TS.SignatureDeclarationBase) => `${node.typeParameters ? `<${node.typeParameters.map(src).join(", ")}>` : ""}(${node.parameters.map(src).join(", ")})${node.type ? `: ${src(node.type)}` : ""}`;

  for (const stmt of source.statements) {
    if (t.isExportDeclaration(stmt) || t.isExportAssignment(stmt)) {
      out.push(src(stmt));
      continue;
    }
    if (!exported(stmt)) continue;
    if (t.isFunctionDeclaration(stmt)) out.push(`${head(stmt)}function${stmt.asteriskToken ? "*" : ""} ${stmt.name?.text ?? ""}${params(stmt)}`);
    else if (t.isClassDeclaration(stmt)) {
      const heritage = stmt.heritageClauses?.map(src).join(" ");
      out.push(`${head(stmt)}class ${stmt.name?.text ?? ""}${stmt.typeParameters ? `<${stmt.typeParameters.map(src).join(", ")}>` : ""}${heritage ? ` ${heritage}` : ""}`);
      const members = stmt.members.filter((m) => !(t.canHaveModifiers(m) && (t.getModifiers(m) ?? []).some((x) => x.kind === t.SyntaxKind.PrivateKeyword || x.kind === t.SyntaxKind.ProtectedKeyword)) && !(m.name && t.isPrivateIdentifier(m.name)));
      for (const m of members.slice(0, MAX_MEMBERS)) {
        if (t.isConstructorDeclaration(m)) out.push(`  constructor${params(m)}`);
        else if (t.isMethodDeclaration(m) || t.isGetAccessorDeclaration(m) || t.isSetAccessorDeclaration(m)) {
          const prefix = t.isGetAccessorDeclaration(m) ? "get " : t.isSetAccessorDeclaration(m) ? "set " : "";
          out.push(`  ${head(m)}${prefix}${src(m.name)}${params(m)}`.replace(/^ {2} /, "  "));
        } else if (t.isPropertyDeclaration(m)) out.push(`  ${head(m)}${src(m.name)}${m.questionToken ? "?" : ""}${m.type ? `: ${src(m.type)}` : ""}`.replace(/^ {2} /, "  "));
      }
      if (members.length > MAX_MEMBERS) out.push(`  … ${members.length - MAX_MEMBERS} more members`);
    } else if (t.isInterfaceDeclaration(stmt) || t.isTypeAliasDeclaration(stmt) || t.isEnumDeclaration(stmt)) out.push(clip(src(stmt)));
    else if (t.isVariableStatement(stmt)) {
      const keyword = stmt.declarationList.flags & t.NodeFlags.Const ? "const" : stmt.declarationList.flags & t.NodeFlags.Let ? "let" : "var";
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && (t.isArrowFunction(d.initializer) || t.isFunctionExpression(d.initializer)) ? ` = ${params(d.initializer)} => …` : "";
        out.push(`${head(stmt)}${keyword} ${src(d.name)}${d.type ? `: ${src(d.type)}` : ""}${init}`);
      }
    }
  }
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Interfaces and types are shown whole up to a line's worth; longer ones keep their start. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
