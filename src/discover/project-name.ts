import { basename, join, resolve } from "node:path";
import type { Unit } from "./group.js";
import { readSource } from "./source-text.js";

/** What the project is called, and where that name was read. */
export interface ProjectName {
  name: string;
  /** `package.json`, `go.mod`, `pyproject.toml`, or `folder`. */
  from: string;
}

/**
 * The project's name: its root package.json's, its root Go module's last word, its pyproject.toml's
 * (`[project]` or `[tool.poetry]` `name`), else its folder's. A scope (`@acme/`) is dropped.
 */
export function projectNameOf(root: string, packageName: string | undefined, goName: string | undefined): ProjectName {
  const python = pyprojectName(readSource(join(root, "pyproject.toml")) ?? "");
  const found = packageName ? { name: packageName, from: "package.json" } : goName ? { name: goName, from: "go.mod" } : python ? { name: python, from: "pyproject.toml" } : { name: basename(resolve(root)), from: "folder" };
  return { ...found, name: found.name.replace(/^@[^/]*\//, "") };
}

/** The package name a pyproject.toml's text declares: its `[project]` or `[tool.poetry]` table's `name`. */
export function pyprojectName(text: string): string | undefined {
  let table = "";
  for (const line of text.split("\n")) {
    const header = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) table = header[1]!.trim();
    else if (table === "project" || table === "tool.poetry") {
      const name = /^\s*name\s*=\s*["']([^"']+)["']/.exec(line)?.[1]?.trim();
      if (name) return name;
    }
  }
  return undefined;
}

/** File stems that name a program's entry, not what the program is: `main.py`, `main.go`, `index.ts`, `app.py`. */
const ENTRY_STEMS = new Set(["main", "index", "app"]);

/**
 * A project whose code is one module named for its entry file (`main.py` alone, `index.ts` with its
 * tests) is that project: the module takes the project's name. Answers the note that says so, or
 * undefined when the module keeps its name (more than one module, a folder, another stem, no name).
 */
export function nameAfterProject(units: Unit[], project: ProjectName, slug: (text: string) => string): string | undefined {
  const live = units.filter((u) => u.files.length > 0);
  const only = live.length === 1 ? live[0]! : undefined;
  const id = slug(project.name);
  if (!only || only.folder || !ENTRY_STEMS.has(only.id) || !/^[a-z0-9]/.test(id) || id === only.id) return undefined;
  const was = only.id;
  only.id = id;
  const where = project.from === "folder" ? "its folder's name" : `the name in ${project.from}`;
  return `module ${id} (${only.files[0]}) is named after the project (${where}, \`${project.name}\`), not \`${was}\`: a project's one entry file stands for the project`;
}
