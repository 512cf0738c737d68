import { basename, extname } from "node:path";

/** `lazy val core = project`, `lazy val api = (project in file("api"))`, `lazy val web = project.in(file("apps/web"))`. */
const PROJECT = /lazy\s+val\s+(\w+)\s*=\s*\(?\s*project\b(?:\s*(?:in|\.in)\s*\(?\s*file\s*\(\s*"([^"]+)"\s*\))?/g;

/** The subprojects an sbt build.sbt declares, by folder (its `file(...)`, else its name, as sbt defaults it). */
export function sbtProjects(buildSbt: string): { id: string; dir: string }[] {
  return [...buildSbt.matchAll(PROJECT)].map((m) => ({ id: m[1]!, dir: (m[2] ?? m[1]!).replace(/^\.\/|\/$/g, "") })).filter((p) => p.dir !== ".");
}

/**
 * A module's tests by sbt's `testOnly`, in the subproject whose folder holds them: `sbt "core/testOnly
 * MoneySpec RateSuite"` (the classes by their files' names), one command of several subprojects' (`;`-joined).
 * The root project's tests run by a bare `testOnly`.
 */
export function sbtTests(buildSbt: string, tests: readonly string[]): string | undefined {
  const projects = sbtProjects(buildSbt).sort((a, b) => b.dir.length - a.dir.length);
  const byProject = new Map<string, Set<string>>();
  for (const t of tests) {
    if (!t.endsWith(".scala")) continue;
    const project = projects.find((p) => t.startsWith(`${p.dir}/`))?.id ?? "";
    byProject.set(project, (byProject.get(project) ?? new Set()).add(basename(t, extname(t))));
  }
  if (byProject.size === 0) return undefined;
  const tasks = [...byProject].map(([project, classes]) => `${project ? `${project}/` : ""}testOnly ${[...classes].join(" ")}`);
  return `sbt "${tasks.join("; ")}"`;
}
