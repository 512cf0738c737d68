import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package.js";

export type PromptVars = Record<string, string | number | undefined>;

const SECTION = /\{\{#(\w+)\}\}\n?([\s\S]*?)\{\{\/\1\}\}\n?/g;
const VARIABLE = /\{\{(\w+)\}\}/g;

/**
 * Renders a prompt template: `{{name}}` is replaced by its value, and a
 * `{{#name}}...{{/name}}` section is kept only when `name` has a value.
 */
export function renderTemplate(template: string, vars: PromptVars): string {
  const has = (name: string) => vars[name] !== undefined && String(vars[name]).trim() !== "";
  return template
    .replace(SECTION, (_, name: string, body: string) => (has(name) ? body : ""))
    .replace(VARIABLE, (_, name: string) => (has(name) ? String(vars[name]) : ""));
}

/** The bundled templates by kind, read once: they ship with the package and do not change while it runs. */
const bundled = new Map<string, string>();

/** The template for an attempt kind: the project's `.orchestrate/prompts/<kind>.md`, else the bundled one. */
export function loadTemplate(root: string, kind: string): string {
  const own = join(root, ".orchestrate", "prompts", `${kind}.md`);
  // Looked for on every attempt: a project may add or edit its template during a run.
  if (existsSync(own)) return readFileSync(own, "utf8");
  let text = bundled.get(kind);
  if (text === undefined) {
    const file = join(PACKAGE_ROOT, "templates", "prompts", `${kind}.md`);
    text = readFileSync(existsSync(file) ? file : join(PACKAGE_ROOT, "templates", "prompts", "implement.md"), "utf8");
    bundled.set(kind, text);
  }
  return text;
}
