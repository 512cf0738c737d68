import { layerByName, unnumbered } from "./layer-number.js";

/**
 * Layer names as prose writes them: `domain`, "the Domain layer", `**app**`, "infrastructure" for
 * `infra`, "services" for `service`, "Application" for `app`. A word names a layer when it is its
 * id (any case, separators as spaces), a plural or singular of it, or a longer word starting with an
 * id of three letters or more that no other layer's id starts it too.
 */
export interface LayerNames {
  ids: readonly string[];
  /** The layers named in `text`, in order, each once; paths (`src/services/x.py`) name none. `strict`: only where a rule's object names them. */
  named(text: string, strict?: boolean): string[];
  /** `text` without its layer names and the words around them ("the", "layer", "code", "nothing in"): what else it says. */
  strip(text: string): string;
}

export function layerNames(ids: readonly string[]): LayerNames {
  const byWord = new Map<string, string>();
  for (const id of ids) {
    // A numbered layer (`01-domain`) is named by its name too (spec/layer-number.ts), when no other layer is.
    const name = layerByName(ids, unnumbered(id)) === id ? [unnumbered(id).replace(/[-_]+/g, " ")] : [];
    for (const spoken of [id.replace(/[-_]+/g, " "), ...name]) for (const w of [spoken, `${spoken}s`, spoken.replace(/s$/, "")]) if (w.length > 1 && !byWord.has(w)) byWord.set(w, id);
  }
  const prefixOf = (word: string): string | undefined => {
    const found = ids.filter((id) => unnumbered(id).length >= 3 && word.length > unnumbered(id).length && word.startsWith(unnumbered(id)));
    return found.length === 1 ? found[0] : undefined;
  };
  return {
    ids,
    named(text: string, strict = false): string[] {
      const found: string[] = [];
      const lower = withoutPaths(text).toLowerCase().replace(/[`*]+/g, "").replace(/[-_]+/g, " ");
      // A two-word id (`user_interface`, "user interface") before its words.
      let previous = "";
      for (const m of lower.matchAll(/[a-z][a-z0-9]*/g)) {
        const two = /^\s+([a-z][a-z0-9]*)/.exec(lower.slice(m.index + m[0].length));
        const pair = two ? byWord.get(`${m[0]} ${two[1]}`) : undefined;
        const id = pair ?? byWord.get(m[0]) ?? prefixOf(m[0]);
        // "HTTP services" are no layer `services`: a layer's name follows a verb, a list or "the", not another noun.
        const free = !strict || previous === "" || LEADS.has(previous) || byWord.has(previous) || prefixOf(previous) !== undefined;
        if (id && free && !found.includes(id)) found.push(id);
        previous = m[0];
      }
      return found;
    },
    strip(text: string): string {
      const lower = withoutPaths(text).toLowerCase().replace(/[`*]+/g, "").replace(/[-_]+/g, " ");
      const words = lower.match(/[a-z][a-z0-9]*/g) ?? [];
      return words.filter((w) => !byWord.has(w) && prefixOf(w) === undefined && !FILLER.has(w)).join(" ");
    },
  };
}

// Words a layer's name may follow in a rule's object: "import from the app", "depend on anything in infra".
const LEADS = new Set(["the", "a", "an", "from", "on", "upon", "in", "into", "to", "about", "of", "or", "and", "nor", "any", "anything", "import", "imports", "depend", "depends", "use", "uses", "call", "calls", "access", "reference", "only", "either", "neither", "both", "except", "but", "than", "by"]);

const FILLER = new Set(["the", "a", "an", "layer", "layers", "code", "module", "modules", "in", "of", "nothing", "no", "everything", "all"]);

/** `text` with its paths and file names (`src/services/`, `__init__.py`) blanked: they name files, not layers. */
function withoutPaths(text: string): string {
  return text.replace(/\S*[/\\]\S*|\S+\.(?:[a-z]{1,4})\b/gi, " ");
}
