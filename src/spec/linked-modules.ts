import { readFileSync, statSync } from "node:fs";
import { basename, dirname, join, posix } from "node:path";
import { linesUnderHeading, linkTargets, MODULES_HEADING } from "./links.js";
import { bodyOf } from "./front-matter-split.js";
import { withoutBom } from "./bom.js";
import { SPEC_ID } from "./root.js";

/**
 * Module specs kept outside `.claude/` as documentation (`docs/modules/tiles.md`), linked from the
 * system spec's "Modules" list (`- [tiles](docs/modules/tiles.md): renders map tiles`), as a
 * CLAUDE.md points Claude Code at them. Read when no module spec is found anywhere else: each linked
 * file is a module, id its name (`tiles.md`, `TILES_AGENT.md` -> `tiles`; a `README.md` its
 * folder's), layer its folder's name (`modules`). The system spec's text is kept with the listing's
 * folders (`dirs`), so a link added later lists the tree again.
 */
export function linkedModuleLayers(root: string, systemFile: string, dirs: string[]): { id: string; modules: { file: string; id: string }[] }[] {
  const text = readText(join(root, systemFile));
  // Most system specs link no markdown file: their text is not parsed for it.
  if (text === undefined || !/\]\([^)]*\.md\b/i.test(text)) return [];
  dirs.push(systemFile);
  const layers = new Map<string, { file: string; id: string }[]>();
  const seen = new Set<string>();
  // Read by lines, not by the Markdown parser, which the listing of a second `plan` never loads.
  for (const line of linesUnderHeading(bodyOf(text), MODULES_HEADING)) {
    for (const target of linkTargets(line)) {
      const file = posix.normalize(posix.join(posix.dirname(systemFile), target));
      if (!/\.md$/i.test(file) || file.startsWith("../") || file.startsWith("/") || file === systemFile || seen.has(file) || !isFile(join(root, file))) continue;
      const id = idOf(file);
      const layer = basename(dirname(file)).toLowerCase();
      if (!SPEC_ID.test(id)) continue;
      seen.add(file);
      const layerId = SPEC_ID.test(layer) ? layer : "modules";
      layers.set(layerId, [...(layers.get(layerId) ?? []), { file, id }]);
    }
  }
  return [...layers].map(([id, modules]) => ({ id, modules }));
}

/** `docs/modules/tiles.md`, `TILES_AGENT.md`, `tiles.agent.md` -> `tiles`; `docs/modules/tiles/README.md` -> `tiles`. */
function idOf(file: string): string {
  const name = basename(file);
  const stem = /^(?:README|AGENTS?|CLAUDE|index)\.md$/i.test(name) ? basename(dirname(file)) : name.replace(/(?:[_-]AGENT|\.agent)?\.md$/i, "");
  return stem.toLowerCase();
}

function readText(path: string): string | undefined {
  try {
    return withoutBom(readFileSync(path, "utf8")).replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
