import { posix } from "node:path";

/** A target of a Swift package (`.target(name: "OrbitKit", path: "Sources/Orbits")`), as Package.swift declares it. */
export interface SwiftTarget {
  name: string;
  kind: "target" | "executable" | "test";
  /** Its source folder, relative to the project root. */
  dir: string;
}

/** A target's call in Package.swift, up to its `name:` argument; what follows it is read to its closing parenthesis. */
const TARGET = /\.(target|executableTarget|testTarget|macro)\s*\(\s*name\s*:\s*"([^"]+)"/g;

/**
 * The targets a Package.swift in the folder `dir` ("" for the root) declares, each with its folder:
 * its `path:` argument, else SwiftPM's default (`Sources/<name>`, `Tests/<name>` for a test target).
 * Read as text: a manifest is Swift code, but its targets are written as these calls.
 */
export function swiftTargets(dir: string, text: string): SwiftTarget[] {
  const found: SwiftTarget[] = [];
  for (const m of text.matchAll(TARGET)) {
    const args = callArguments(text, m.index + m[0].length);
    const path = /\bpath\s*:\s*"([^"]+)"/.exec(args)?.[1];
    const kind = m[1] === "testTarget" ? "test" : m[1] === "executableTarget" ? "executable" : "target";
    const folder = path ?? `${kind === "test" ? "Tests" : "Sources"}/${m[2]!}`;
    found.push({ name: m[2]!, kind, dir: posix.normalize(dir ? `${dir}/${folder}` : folder).replace(/\/+$/, "") });
  }
  return found;
}

/** The text from `start` to the parenthesis that closes the call it is inside. */
function callArguments(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}
