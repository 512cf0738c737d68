/** A Vue or Svelte single-file component: its code is in its `<script>` blocks, among markup. */
export const COMPONENT_FILE = /\.(?:vue|svelte)$/;

/** A component's name, its file's (`CartBadge.vue` is `CartBadge`): what importers call its default export, which declares no name. Undefined for other files. */
export function componentName(path: string): string | undefined {
  return COMPONENT_FILE.test(path) ? path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "") : undefined;
}

/**
 * The code of a source file as its language reads it: of a single-file component, its `<script>`
 * blocks alone (`<script setup lang="ts">`, Svelte's `<script context="module">` beside the
 * instance's), the markup blanked with its line breaks kept, so an import is at its line in the
 * file (an apostrophe in a template's text would otherwise open a string that hides the imports after it).
 */
export function codeOf(path: string, text: string): string {
  return COMPONENT_FILE.test(path) ? componentScripts(text) : text;
}

/** A component's `<script>` blocks with the rest blanked, line breaks kept. */
export function componentScripts(text: string): string {
  let inScript = false;
  return text.replace(/<script\b[^>]*>|<\/script\s*>|[^<]+|</g, (part) => {
    if (/^<script\b/.test(part)) inScript = true;
    else if (/^<\/script/.test(part)) inScript = false;
    else if (inScript) return part;
    return part.replace(/[^\n]/g, "");
  });
}
