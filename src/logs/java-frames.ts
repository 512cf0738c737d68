import { frame } from "./lines.js";
import type { Frame } from "./types.js";

// `\tat com.acme.ledger.Journal.post(Journal.java:42)`, with an optional module or class
// loader prefix (`java.base/`, `app//`) and logback's jar suffix (` ~[app.jar:1.0]`).
const JAVA_AT = /^(\s+)at ([\w$.<>/-]+)\(([^()]*)\)(?:\s+~?\[[^\]]*\])?\s*$/;
const SOURCE = /^([\w$-]+\.[A-Za-z]+)(?::(\d+))?$/;

export function isJavaAt(line: string): boolean {
  return JAVA_AT.test(line);
}

/**
 * The frame of a JVM stack line: its file is the package path plus the file name
 * (`com/acme/ledger/Journal.java`, `.kt` likewise). `null` for a stack line with
 * no source file (`Native Method`, `Unknown Source`); undefined for any other line.
 */
export function javaFrame(line: string): Frame | null | undefined {
  const match = JAVA_AT.exec(line);
  if (!match) return undefined;
  const qualified = (match[2] ?? "").replace(/^.*\//, "");
  const source = SOURCE.exec(match[3] ?? "");
  if (!source) return null;
  // package.Class.method: drop method and class; the file name says where the class lives.
  const packagePath = qualified.split(".").slice(0, -2);
  const file = [...packagePath, source[1] ?? ""].join("/");
  return frame(file, source[2] === undefined ? undefined : Number(source[2]), undefined, qualified);
}

export function javaIndent(line: string): number {
  return JAVA_AT.exec(line)?.[1]?.length ?? -1;
}
