// `01-domain`, `2_services`, `3.app`: a number that orders the folders, then the layer's name.
const NUMBERED = /^\d+[-_.]+(?=[a-z])/;

/**
 * Layer ids for folder names, a number that only orders them dropped (`01-domain` -> `domain`):
 * `layer/domain` and "the domain layer" name it, as they would a folder named `domain`. A name
 * that would then be another folder's, or another numbered one's (`1-core`, `2-core`), keeps its number.
 */
export function layerIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Map<string, number>();
  const bare = names.map((name) => name.replace(NUMBERED, ""));
  for (const id of bare) taken.set(id, (taken.get(id) ?? 0) + 1);
  names.forEach((name, i) => ids.set(name, taken.get(bare[i]!) === 1 ? bare[i]! : name));
  return ids;
}
