/**
 * Layer names as prose writes them: `domain`, "the Domain layer", `**app**`, "infrastructure" for
 * `infra`, "services" for `service`, "Application" for `app`. A word names a layer when it is its
 * id (any case, separators as spaces), a plural or singular of it, or a longer word starting with an
 * id of three letters or more that no other layer's id starts it too.
 */
export interface LayerNames {
  ids: readonly string[];
  /** The layers named in `text`, in order, each once. */
  named(text: string): string[];
}

export function layerNames(ids: readonly string[]): LayerNames {
  const byWord = new Map<string, string>();
  for (const id of ids) {
    const spoken = id.replace(/[-_]+/g, " ");
    for (const w of [id, spoken, `${spoken}s`, spoken.replace(/s$/, "")]) if (w.length > 1 && !byWord.has(w)) byWord.set(w, id);
  }
  const prefixOf = (word: string): string | undefined => {
    const found = ids.filter((id) => id.length >= 3 && word.length > id.length && word.startsWith(id.replace(/[-_]+/g, " ")));
    return found.length === 1 ? found[0] : undefined;
  };
  return {
    ids,
    named(text: string): string[] {
      const found: string[] = [];
      const lower = text.toLowerCase().replace(/[`*]+/g, "").replace(/[-_]+/g, " ");
      // A two-word id (`user_interface`, "user interface") before its words.
      for (const m of lower.matchAll(/[a-z][a-z0-9]*/g)) {
        const two = /^\s+([a-z][a-z0-9]*)/.exec(lower.slice(m.index + m[0].length));
        const pair = two ? byWord.get(`${m[0]} ${two[1]}`) : undefined;
        const id = pair ?? byWord.get(m[0]) ?? prefixOf(m[0]);
        if (id && !found.includes(id)) found.push(id);
      }
      return found;
    },
  };
}
