import { SpecError } from "../errors.js";
import { lazyPackage } from "../lazy-package.js";
import { simpleYaml } from "./simple-yaml.js";
import { withoutBom } from "./bom.js";
import { splitFrontMatter } from "./front-matter-split.js";
import { oversized, oversizedMessage } from "../data-size.js";

/** Front matter keys that list dependencies: `depends_on` and the spellings people use for it. */
export const DEPENDS_ON_KEYS = ["depends_on", "dependsOn", "depends-on", "dependencies", "deps", "requires", "uses", "needs"];

/** Front matter keys that list owned paths as `owns` does, in the spellings people use: `owned_files`, `ownedFiles`. */
export const OWNED_FILES_KEYS = ["owned_files", "ownedFiles", "owned-files", "owned_paths", "ownedPaths"];

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
  const split = splitFrontMatter(text);
  if (split === undefined) return { data: {}, keyLines: {}, body: text, bodyLine: 1 };
  if (split === "unclosed") {
    throw new SpecError("SPEC_PARSE", "Front matter opened with `---` on line 1 is never closed: expected a closing `---` line", { file, line: 1 });
  }
  const { yamlText, body } = split;
  const yamlLines = countLines(yamlText);

  const data = parseYaml(yamlText, file);
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

/**
 * Keys orchestrate reads from front matter; the others (a Claude Code subagent's `name`,
 * `description`, `tools`, `model`) are only carried along.
 */
const READ_KEYS = new Set([...DEPENDS_ON_KEYS, "owns", "layer", "validation", "agent", "mcp_servers", "mcpServers"]);
const PLAIN_LINE = /^([A-Za-z_][\w-]*):[ \t]+(\S.*)$/;

/**
 * The front matter's data. A line YAML rejects whose key orchestrate does not read is taken
 * as a string, as Claude Code takes its subagents' `description: Use for: saving links`:
 * such a file must not stop the tree from loading. A bad line under a key orchestrate reads
 * is an error with its line.
 */
function parseYaml(yamlText: string, file: string): unknown {
  let text = yamlText;
  for (;;) {
    try {
      // Most front matter is a line or two of ids and paths: js-yaml only for the rest.
      const simple = simpleYaml(text);
      if (simple !== undefined) return simple;
      const data: unknown = yaml().load(text) ?? {};
      const why = oversized(data);
      if (why) {
        const { message, line } = oversizedMessage(why, "front matter", text);
        throw new SpecError("SPEC_PARSE", message, { file, line: 1 + (line ?? 1) });
      }
      return data;
    } catch (error) {
      if (!(error instanceof yaml().YAMLException)) throw error;
      const retry = quotedLine(text, error.mark?.line ?? 0);
      if (retry === undefined) throw new SpecError("SPEC_PARSE", `Malformed YAML front matter: ${error.reason}`, { file, line: 2 + (error.mark?.line ?? 0) });
      text = retry;
    }
  }
}

/** `text` with the `key: value` line at `index` (or the one above it) quoted, when its key is not read and it was not quoted yet. */
function quotedLine(text: string, index: number): string | undefined {
  const lines = text.split("\n");
  // js-yaml marks a bad plain scalar on its own line, or on the line after it.
  for (const at of [index, index - 1]) {
    const m = PLAIN_LINE.exec(lines[at] ?? "");
    if (!m || READ_KEYS.has(m[1]!) || /^["'[{|>]/.test(m[2]!)) continue;
    lines[at] = `${m[1]}: ${JSON.stringify(m[2]!.trimEnd())}`;
    return lines.join("\n");
  }
  return undefined;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
