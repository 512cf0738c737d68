import { basename, dirname } from "node:path";
import { linkedSpecFiles } from "./links.js";
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
  const files = linkedSpecFiles(root, systemFile);
  if (files === undefined) return [];
  dirs.push(systemFile);
  const layers = new Map<string, { file: string; id: string }[]>();
  for (const file of files) {
    const id = linkedModuleId(file);
    const layer = basename(dirname(file)).toLowerCase();
    if (!SPEC_ID.test(id)) continue;
    const layerId = SPEC_ID.test(layer) ? layer : "modules";
    layers.set(layerId, [...(layers.get(layerId) ?? []), { file, id }]);
  }
  return [...layers].map(([id, modules]) => ({ id, modules }));
}

/** `docs/modules/tiles.md`, `TILES_AGENT.md`, `tiles.agent.md` -> `tiles`; `docs/modules/tiles/README.md` -> `tiles`. */
export function linkedModuleId(file: string): string {
  const name = basename(file);
  const stem = /^(?:README|AGENTS?|CLAUDE|index)\.md$/i.test(name) ? basename(dirname(file)) : name.replace(/(?:[_-]AGENT|\.agent)?\.md$/i, "");
  return stem.toLowerCase();
}
