import type { DeclaredDependency } from "./declared.js";

/** A Bazel package's BUILD file names, the one Bazel reads first where both exist first. */
export const BAZEL_BUILD_FILES = ["BUILD.bazel", "BUILD"];

/** A target's attributes that name what it needs to build or run. */
const DEPS_ATTRIBUTE = /\b(?:deps|runtime_deps|implementation_deps|exports)\s*=\s*\[([^\]]*)\]/g;
/** A test rule's needs are its tests', which attach to the modules they import. */
const TEST_RULE = /_test(?:_suite)?$/;

/**
 * The dependencies between Bazel packages that their BUILD files (each in its folder, project-relative)
 * declare: a target's `deps`, `runtime_deps`, `implementation_deps` or `exports` of a label in
 * another package of this workspace (`//core:ledger`, `//core`, `@//core:x`), by the folder of
 * that package. A label of the same package (`:util`) or of another repository (`@maven//:guava`)
 * is none; a test rule's (`py_test`, `go_test`, `java_test_suite`) are not read.
 */
export function bazelDependencies(builds: readonly { dir: string; text: string }[]): DeclaredDependency[] {
  const found: DeclaredDependency[] = [];
  for (const { dir, text } of builds) {
    const seen = new Set<string>();
    for (const call of topLevelCalls(maskComments(text))) {
      if (TEST_RULE.test(call.rule)) continue;
      for (const list of call.body.matchAll(DEPS_ATTRIBUTE)) {
        for (const label of list[1]!.matchAll(/"([^"]*)"|'([^']*)'/g)) {
          const on = packageOf(label[1] ?? label[2]!);
          if (on === undefined || on === dir || seen.has(on)) continue;
          seen.add(on);
          found.push({ dir, on, by: "Bazel's dependency", names: [`//${dir}`, `//${on}`] });
        }
      }
    }
  }
  return found;
}

/** The package folder of a label in this workspace (`//core/ledger:x` is `core/ledger`); undefined for the same package or another repository. */
function packageOf(label: string): string | undefined {
  const at = /^@?\/\/([^:]*)/.exec(label);
  return at ? at[1]!.replace(/\/+$/, "") : undefined;
}

/** The rule calls at the top of a BUILD file (`py_library(...)`), each with the text between its parentheses. */
function topLevelCalls(text: string): { rule: string; body: string }[] {
  const calls: { rule: string; body: string }[] = [];
  const start = /^([A-Za-z_][\w.]*)\s*\(/gm;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const open = m.index + m[0].length;
    const close = matchingParen(text, open);
    calls.push({ rule: m[1]!.split(".").at(-1)!, body: text.slice(open, close) });
    start.lastIndex = close;
  }
  return calls;
}

/** The index of the `)` closing the call whose body starts at `from`, strings skipped; the text's end if none. */
function matchingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return text.length;
}

/** Starlark's `#` comments blanked, not a `#` inside a string. */
function maskComments(text: string): string {
  return text.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|#[^\n]*/g, (all, str: string | undefined) => str ?? "");
}
