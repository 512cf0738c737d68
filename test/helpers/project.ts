import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const made: string[] = [];

/**
 * Removes the projects made since the last call. The setup file project-cleanup.ts calls it
 * after each test of every file: a hook registered here, at import, would be registered only
 * in the first file of a worker that runs several files (vitest.config.ts's `shared` project).
 */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary project with the given files (paths relative to its root); removed after the test. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-test-"));
  made.push(root);
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A module spec with the usual header; `extra` is appended as the body. */
export function moduleSpec(opts: { module?: string; related?: string[]; body?: string; frontMatter?: string }): string {
  const front = opts.frontMatter ? `---\n${opts.frontMatter}\n---\n` : "";
  const related = opts.related?.length ? `\n## Module Ownership\n**Related Files**:\n${opts.related.map((f) => `- \`${f}\``).join("\n")}\n` : "";
  return `${front}# 📦 MODULE_AGENT\n\n**Type**: Module Agent\n${opts.module ? `**Module**: \`${opts.module}\`\n` : ""}${related}\n${opts.body ?? ""}\n`;
}
