import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** A Bazel workspace's root markers: Bzlmod's, then the older WORKSPACE files. */
export const BAZEL_ROOTS = ["MODULE.bazel", "WORKSPACE.bazel", "WORKSPACE"];
const BUILD_FILES = ["BUILD.bazel", "BUILD"];

/**
 * A module's tests by Bazel package: the package of each test file (the nearest folder above it with a
 * BUILD or BUILD.bazel file) with all its targets, `bazel test //beacon/core:all`, which runs the test
 * rules among them. A test in no package has no target to run: undefined when none is in one.
 */
export function bazelTests(root: string, tests: readonly string[]): string | undefined {
  const packages = new Set<string>();
  for (const test of tests) {
    const pkg = bazelPackage(root, test);
    if (pkg !== undefined) packages.add(`//${pkg}:all`);
  }
  return packages.size ? `bazel test ${[...packages].sort().join(" ")}` : undefined;
}

function bazelPackage(root: string, file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const at = dir === "." ? "" : dir;
    if (BUILD_FILES.some((b) => existsSync(join(root, at, b)))) return at;
    if (at === "") return undefined;
  }
}
