import type { Block } from "./markdown.js";
import type { Field } from "./sections.js";
import { backticked } from "./sections.js";

// `logging.getLogger("DATA.SCHWAB")`, `getLogger('x')`, `getLogger(__name__)`; a string scan per line would do
// the same, and the pattern is anchored on a literal with no nested repetition.
const GET_LOGGER = /getLogger\(\s*(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|(__name__))\s*\)/g;
const LOGGER_NAME = /^[A-Za-z_][\w.:-]*$/;

/**
 * Logger names a module spec declares: the `**Logger**:` field (backticked names or the
 * plain value, comma-separated), `getLogger("name")` in its code blocks, and for
 * `getLogger(__name__)` the dotted path of each owned Python file (`pkg/data/schwab.py`
 * -> `pkg.data.schwab`).
 */
export function declaredLoggers(blocks: Block[], fields: Field[], files: string[]): string[] {
  const names: string[] = [];
  for (const field of fields) {
    if (!/^loggers?(?: names?)?$/i.test(field.key)) continue;
    const spans = backticked(field.value);
    const written = spans.length ? spans : field.value.split(",");
    names.push(...written, ...field.items.flatMap((item) => item.codespans[0] ?? item.text.split(/\s/, 1)[0] ?? ""));
  }
  let byName = false;
  for (const b of blocks) {
    if (b.kind !== "code" || !b.text.includes("getLogger")) continue;
    for (const m of b.text.matchAll(GET_LOGGER)) {
      if (m[3]) byName = true;
      else names.push(m[1] ?? m[2] ?? "");
    }
  }
  // Most specs declare none: no Set and copies to make of nothing.
  if (names.length === 0 && !byName) return [];
  if (byName) names.push(...files.filter((f) => f.endsWith(".py")).map((f) => f.replace(/\.py$/, "").replace(/\/__init__$/, "").replace(/\//g, ".")));
  return [...new Set(names.map((n) => n.trim()).filter((n) => LOGGER_NAME.test(n)))];
}
