import { existsSync } from "node:fs";
import { join } from "node:path";
import { BAZEL_ROOTS } from "../validate/bazel-tests.js";

/**
 * What a Bazel workspace is told: its BUILD files' targets are not read, so its modules are the
 * folders and imports of its code (a `py_library` over two folders is two modules), and its gates
 * are Bazel's. Said once, at the root marker, so no one takes the modules for its targets.
 */
export function bazelNote(root: string): string[] {
  const marker = BAZEL_ROOTS.find((f) => existsSync(join(root, f)));
  return marker ? [`${marker}: a Bazel workspace; its BUILD targets are not read, the modules are its folders and imports (gates: \`bazel test //...\`, a module's \`bazel test //<package>:all\`)`] : [];
}
