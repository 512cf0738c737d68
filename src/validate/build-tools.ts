import type { BuildTool } from "../sandbox/caches.js";
import { visitProjectFolders } from "./project-folders.js";

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

/**
 * The build tools a project uses, from the build files in its root and in folders one or two
 * levels down (`backend/pom.xml`, `services/billing/go.mod`), where discovery finds sub-projects.
 */
export function buildTools(root: string): BuildTool[] {
  const found = new Set<BuildTool>();
  visitProjectFolders(root, (_, entries) => {
    for (const e of entries) {
      const tool = e.isFile() ? BUILD_FILES[e.name] : undefined;
      if (tool) found.add(tool);
    }
    return true;
  });
  return [...found].sort();
}
