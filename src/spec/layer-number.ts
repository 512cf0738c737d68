// `01-domain`, `2_services`, `3.app`: a number that orders the folders, then the layer's name.
const NUMBERED = /^\d+[-_.]+(?=[a-z])/;

/**
 * A numbered layer's name without its number (`01-domain` -> `domain`), else the id as it is. The id
 * stays the folder's (state, branches and plans keep it), but `layer/domain`, front matter `layer: domain`
 * and "domain must not import api" name the layer by its name, as people say it.
 */
export function unnumbered(id: string): string {
  return id.replace(NUMBERED, "");
}

/** The layer of `ids` that `name` names by its name alone (`domain` for `01-domain`), when exactly one does. */
export function layerByName(ids: readonly string[], name: string): string | undefined {
  const found = ids.filter((id) => id !== unnumbered(id) && unnumbered(id) === name);
  return found.length === 1 ? found[0] : undefined;
}
