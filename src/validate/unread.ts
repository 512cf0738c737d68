import type { SpecTree } from "../spec/types.js";
import { treeIndex } from "./architecture.js";
import { importStyleOfFile } from "./source.js";

/** Each tree's answers for one module, by id: a run asks after every attempt of every module, and the answer never changes. */
const answers = new WeakMap<SpecTree, Map<string, string[] | undefined>>();

/**
 * The extensions of the target modules' files (`.rs`, `.java`) when none of them is a file the
 * check reads (Python, TS/JS, Go) or a folder that may hold one: the check can find nothing
 * there, and says so rather than "no violations". Undefined when something is read.
 */
export function unreadLanguages(spec: SpecTree, modules: readonly string[]): string[] | undefined {
  if (modules.length !== 1) return unreadOf(spec, modules);
  let byId = answers.get(spec);
  if (!byId) answers.set(spec, (byId = new Map()));
  const id = modules[0]!;
  if (byId.has(id)) return byId.get(id);
  const unread = unreadOf(spec, modules);
  byId.set(id, unread);
  return unread;
}

function unreadOf(spec: SpecTree, modules: readonly string[]): string[] | undefined {
  const index = treeIndex(spec);
  const files = modules.flatMap((id) => index.files.get(id) ?? index.modules.get(id)?.files ?? []);
  const extensions = new Set<string>();
  // By index: asked for every module's gate, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per file.
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (file.endsWith("/") || file.includes("*") || importStyleOfFile(file)) return undefined;
    const ext = /\.[^./]+$/.exec(file)?.[0];
    if (ext) extensions.add(ext);
  }
  return extensions.size ? [...extensions].sort() : undefined;
}
