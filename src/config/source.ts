import { join } from "node:path";
import { ConfigError } from "../errors.js";
import { fsProblem, present, readCapped } from "../read-capped.js";

/** Largest config file read; a config is a few hundred bytes. */
const CONFIG_MAX_BYTES = 1024 * 1024;

export const CONFIG_FILES = ["orchestrate.config.yaml", "orchestrate.config.yml", "orchestrate.config.json"] as const;

/** The project's config file, as found and read: its name and its text. */
export interface ConfigSource {
  name: (typeof CONFIG_FILES)[number];
  text: string;
}

/**
 * The project's config file and its text, undefined when there is none; read without
 * parsing it (config/load.ts parses), so that a caller holding the config parsed from the
 * same text can tell it is still the one.
 */
export function readConfigSource(root: string): ConfigSource | undefined {
  const found = CONFIG_FILES.filter((f) => present(join(root, f)));
  // Two files: an edit to the one not read would be ignored without a word.
  if (found.length > 1) throw new ConfigError("CONFIG_INVALID", `Expected one config file, found ${found.map((f) => `\`${f}\``).join(" and ")}: keep one`, { file: found[0]! });
  const name = found[0];
  return name ? { name, text: readConfigText(join(root, name), name) } : undefined;
}

/** The config file's text without a byte order mark, at most `CONFIG_MAX_BYTES`. */
function readConfigText(path: string, name: string): string {
  let read: ReturnType<typeof readCapped>;
  try {
    read = readCapped(path, CONFIG_MAX_BYTES, { fileOnly: true });
  } catch (error) {
    throw new ConfigError("CONFIG_INVALID", `Cannot read the config: ${fsProblem(error, path)}`, { file: name }, { cause: error });
  }
  if (!read) throw new ConfigError("CONFIG_INVALID", `The config is larger than ${CONFIG_MAX_BYTES / 1024} KB: expected at most ${CONFIG_MAX_BYTES / 1024} KB`, { file: name });
  return read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
}
