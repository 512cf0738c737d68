import { posix } from "node:path";

/** Gradle's settings and build scripts, Groovy or Kotlin, Kotlin's first (Gradle reads it where both are). */
export const GRADLE_SETTINGS = ["settings.gradle.kts", "settings.gradle"];
export const GRADLE_BUILDS = ["build.gradle.kts", "build.gradle"];

/** A settings or build script's folder (project-relative) and text. */
export interface GradleScript {
  dir: string;
  text: string;
}

/** The projects a settings script includes, by path (`:feature:maps`), each with its folder. */
export function settingsProjects(settings: GradleScript): Map<string, string> {
  const text = stripComments(settings.text);
  const projects = new Map<string, string>();
  // `include(":a", ":b")`, `include ':a', ':b'`, one a line or several; a path without its first colon is the same.
  for (const m of text.matchAll(/\binclude\b\s*\(?((?:\s*["'][:\w.-]+["']\s*,?)+)/g)) {
    for (const p of m[1]!.matchAll(/["']([:\w.-]+)["']/g)) {
      const path = p[1]!.startsWith(":") ? p[1]! : `:${p[1]!}`;
      projects.set(path, defaultDir(settings.dir, path));
    }
  }
  // `project(":core").projectDir = file("libs/core")`, Groovy's `new File(settingsDir, 'libs/core')` too.
  for (const m of text.matchAll(/\bproject\s*\(\s*["']([:\w.-]+)["']\s*\)\s*\.projectDir\s*=\s*(?:file\s*\(|(?:new\s+)?(?:java\.io\.)?File\s*\(\s*(?:settingsDir|rootDir)\s*,)\s*["']([^"']+)["']/g)) {
    const path = m[1]!.startsWith(":") ? m[1]! : `:${m[1]!}`;
    projects.set(path, posix.normalize(posix.join(settings.dir || ".", m[2]!)).replace(/\/$/, ""));
  }
  return projects;
}

/** Gradle's folder of a project path when settings set none: `:feature:maps` is `feature/maps` below the settings. */
export function defaultDir(settingsDir: string, path: string): string {
  return posix.join(settingsDir, ...path.split(":").filter(Boolean));
}

/** Line and block comments out, not a `//` inside a string (a repository's `https://` URL). */
export function stripComments(text: string): string {
  return text.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (all, str: string | undefined) => str ?? (all.startsWith("/*") ? all.replace(/[^\n]/g, " ") : ""));
}
