import { readdirSync } from "node:fs";
import type { BuildTool } from "../sandbox/caches.js";

/** A build file -> the tool whose dependency cache a project of it reads. */
const BUILD_FILES: Record<string, BuildTool> = {
  "pom.xml": "maven",
  "build.gradle": "gradle",
  "build.gradle.kts": "gradle",
  "settings.gradle": "gradle",
  "settings.gradle.kts": "gradle",
  "Cargo.toml": "cargo",
  "go.mod": "go",
};

/** Folders never looked into (as discovery's sub-projects). */
const SKIPPED = /^(?:\.|_)|^(?:node_modules|vendor|third_party|build|dist|target|out|bin|obj|tmp|venv|env)$/;
const MAX_FOLDERS = 200;

/**
 * The build tools a project uses, from the build files in its root and in folders one or two
 * levels down (`backend/pom.xml`, `services/billing/go.mod`), as discovery finds sub-projects.
 */
export function buildTools(root: string): BuildTool[] {
  const found = new Set<BuildTool>();
  let read = 0;
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const tool = e.isFile() ? BUILD_FILES[e.name] : undefined;
      if (tool) found.add(tool);
    }
    if (depth === 2) return;
    for (const e of entries) if (e.isDirectory() && !SKIPPED.test(e.name) && ++read <= MAX_FOLDERS) visit(`${dir}/${e.name}`, depth + 1);
  };
  visit(root, 0);
  return [...found].sort();
}
