import { SpecError } from "../errors.js";
import { lazyPackage } from "../lazy-package.js";
import { simpleYaml } from "./simple-yaml.js";
import { withoutBom } from "./bom.js";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** 1-based line of each top-level key, for messages. */
  keyLines: Record<string, number>;
  /** The document after the front matter. */
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
}

/** js-yaml, loaded on the first front matter simpleYaml cannot read: a run of a tree whose parse is cached never needs it. */
const yaml = lazyPackage<typeof import("js-yaml")>("js-yaml");

const OPEN = /^---[ \t]*\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;
const TOP_LEVEL_KEY = /^["']?([^\s#"':][^:"']*)["']?\s*:/;

/** `text` without a leading UTF-8 byte order mark, which editors on Windows write. */
export { withoutBom } from "./bom.js";

/**
 * Splits a leading `---` YAML block from `text` (LF line ends) and parses it. A byte
 * order mark before the `---` is skipped: it is invisible, and the front matter behind
 * it (the module's dependencies) must not be lost to it.
 */
export function readFrontMatter(source: string, file: string): FrontMatter {
  const text = withoutBom(source);
  if (!OPEN.test(text)) return { data: {}, keyLines: {}, body: text, bodyLine: 1 };
  const rest = text.slice(text.indexOf("\n") + 1);
  const close = CLOSE.exec(rest);
  if (!close) {
    throw new SpecError("SPEC_PARSE", "Front matter opened with `---` on line 1 is never closed: expected a closing `---` line", { file, line: 1 });
  }
  const yamlText = rest.slice(0, close.index);
  const afterClose = rest.indexOf("\n", close.index);
  const body = afterClose < 0 ? "" : rest.slice(afterClose + 1);
  const yamlLines = countLines(yamlText);

  let data: unknown;
  try {
    // Most front matter is a line or two of ids and paths: js-yaml only for the rest.
    data = simpleYaml(yamlText) ?? yaml().load(yamlText) ?? {};
  } catch (error) {
    if (!(error instanceof yaml().YAMLException)) throw error;
    const line = 2 + (error.mark?.line ?? 0);
    throw new SpecError("SPEC_PARSE", `Malformed YAML front matter: ${error.reason}`, { file, line });
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    throw new SpecError("SPEC_PARSE", `Expected front matter to be a mapping of keys, got ${Array.isArray(data) ? "a list" : typeof data}`, { file, line: 2 });
  }
  // Top-level keys start in column 0; their lines are for messages only.
  const keyLines: Record<string, number> = {};
  yamlText.split("\n").forEach((text, i) => {
    const key = TOP_LEVEL_KEY.exec(text)?.[1];
    if (key && !(key in keyLines)) keyLines[key] = i + 2;
  });
  return { data: data as Record<string, unknown>, keyLines, body, bodyLine: 3 + yamlLines };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
