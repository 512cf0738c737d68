import { existsSync } from "node:fs";
import { join } from "node:path";
import { BAZEL_ROOTS } from "../validate/bazel-tests.js";

/**
 * What a Bazel workspace is told: its BUILD files' targets are not its modules, which are the
 * folders and imports of its code (a `py_library` over two folders is two modules), with the `deps`
 * between its packages, and its gates are Bazel's. Said once, at the root marker, so no one takes
 * the modules for its targets.
 */
export function bazelNote(root: string): string[] {
  const marker = BAZEL_ROOTS.find((f) => existsSync(join(root, f)));
  return marker ? [`${marker}: a Bazel workspace; its BUILD targets are not the modules, which are its folders and imports, with the \`deps\` between its packages (gates: \`bazel test //...\`, a module's \`bazel test //<package>:all\`)`] : [];
}
