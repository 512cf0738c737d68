import type { SwiftTarget } from "../spec/swift-package.js";
import type { FileFacts, Unit } from "./group.js";

/**
 * The targets of a Swift package are its modules, as its authors drew them: a target is what
 * `import OrbitKit` names and what SwiftPM compiles as one, its files seeing each other without an
 * import, so it is one module whatever its folders (`Sources/OrbitKit/Models/`, `.../Views/`).
 * A test target is no module: its files are tests of the targets they import. Taken out of `byDir`.
 */
export function swiftUnits(byDir: Map<string, FileFacts[]>, targets: SwiftTarget[]): Unit[] {
  const code = targets.filter((t) => t.kind !== "test").sort((a, b) => b.dir.length - a.dir.length);
  const files = new Map<SwiftTarget, string[]>();
  for (const [dir, members] of byDir) {
    const rest = members.filter((m) => {
      if (m.file.language !== "swift") return true;
      const target = code.find((t) => m.file.path.startsWith(`${t.dir}/`));
      if (target) files.set(target, [...(files.get(target) ?? []), m.file.path]);
      return !target;
    });
    if (rest.length) byDir.set(dir, rest);
    else byDir.delete(dir);
  }
  return [...files].sort(([a], [b]) => (a.name < b.name ? -1 : 1)).map(([t, own]) => ({ id: "", language: "swift", folder: t.dir, files: own.sort(), label: [t.name], ...(t.kind === "executable" ? { executable: true } : {}) }));
}

/**
 * The files of the target a Swift test's target is named for (`Tests/OrbitKitTests/OrbitTests.swift`
 * tests `OrbitKit`): an `import` of each target it uses reaches all that target's files, so counting
 * them says nothing about which one it tests.
 */
export function swiftTested(test: string, targets: SwiftTarget[], files: readonly string[]): string[] {
  const own = targets.filter((t) => t.kind === "test" && test.startsWith(`${t.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  const name = (own?.name ?? /(?:^|\/)Tests\/(\w+)\//.exec(test)?.[1])?.replace(/Tests$/, "");
  const target = targets.find((t) => t.kind !== "test" && t.name === name);
  return target ? files.filter((f) => f.startsWith(`${target.dir}/`)) : [];
}
