import type { SwiftTarget } from "../spec/swift-package.js";
import type { FileFacts, Unit } from "./group.js";
import { MAX_TARGET_FILES } from "./swift-uses.js";

/**
 * The targets of a Swift package are its modules, as its authors drew them: a target is what
 * `import OrbitKit` names and what SwiftPM compiles as one, its files seeing each other without an
 * import, so a target is one module whatever its folders (`Sources/OrbitKit/Models/`, `.../Views/`),
 * and never split into its files for holding most of the code. A large one (more than 12 files) is
 * one module per top folder of it (`Models/`, `Views/`), its files at the top one more, as a large
 * Rust crate is; they are tied by the names they use (SwiftUses). A test target is no module: its
 * files are tests of the targets they import. Taken out of `byDir`.
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
  return [...files].sort(([a], [b]) => (a.name < b.name ? -1 : 1)).flatMap(([t, own]) => {
    const entry = t.kind === "executable" ? { executable: true } : {};
    if (own.length <= MAX_TARGET_FILES) return [{ id: "", language: "swift", folder: t.dir, files: own.sort(), label: [t.name], target: t.name, ...entry }];
    const parts = new Map<string, string[]>();
    for (const f of own) {
      const rel = f.slice(t.dir.length + 1);
      const top = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : "";
      parts.set(top, [...(parts.get(top) ?? []), f]);
    }
    // The target's own files at its top (its `@main`, its namespace) stand for it; each folder is a part named for it.
    return [...parts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([top, group]): Unit => ({ id: "", language: "swift", ...(top ? { folder: `${t.dir}/${top}` } : {}), files: group.sort(), label: top ? [t.name, top] : [t.name], target: t.name, ...(top ? {} : entry) }));
  });
}

/**
 * The files of the target a Swift test's target is named for (`Tests/OrbitKitTests/OrbitTests.swift`
 * tests `OrbitKit`): an `import` of each target it uses reaches all that target's files, so counting
 * them says nothing about which one it tests. Of a large target split by folder, the files the test
 * uses (`uses`, SwiftUses), the one it is named for first (`TrailStoreTests` -> `TrailStore.swift`).
 */
export function swiftTested(test: string, targets: SwiftTarget[], files: readonly string[], uses: readonly string[] = []): string[] {
  const own = targets.filter((t) => t.kind === "test" && test.startsWith(`${t.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  const name = (own?.name ?? /(?:^|\/)Tests\/(\w+)\//.exec(test)?.[1])?.replace(/Tests$/, "");
  const target = targets.find((t) => t.kind !== "test" && t.name === name);
  if (!target) return [];
  const all = files.filter((f) => f.startsWith(`${target.dir}/`));
  if (all.length <= MAX_TARGET_FILES) return all;
  const used = all.filter((f) => uses.includes(f));
  const stem = (f: string) => f.slice(f.lastIndexOf("/") + 1).replace(/(?:Tests?)?\.swift$/, "");
  const named = used.filter((f) => stem(f) === stem(test));
  return named.length ? named : used.length ? used : all;
}
