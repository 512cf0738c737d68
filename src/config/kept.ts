import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { codeStamp } from "../code-stamp.js";
import { isSecretName } from "../redact/env.js";
import { mkdirPrivate, PRIVATE_FILE } from "../redact/files.js";
import type { Config } from "./schema.js";
import { readConfigSource, type ConfigSource } from "./source.js";

/** The code that turns a config file's text into a config: the parser, the schemas and what they check against. */
const CONFIG_CODE = ["config", "sandbox/options", "sandbox/env", "validate/config", "agents/names", "agents/presets", "timer", "errors"];

export interface LoadedConfig {
  config: Config;
  /** The config file's name; none without one. */
  file?: string;
}

interface KeptFile {
  key: string;
  config: Config;
}

/**
 * `loadConfig` (load.ts) for the commands that run often on the same config (`run`,
 * `resume`): the config file is parsed and validated once for its text and the code that
 * parses it, and kept under `.orchestrate/cache/`; while neither changes, the kept config is
 * served without loading js-yaml and zod (a third of a run's start-up). A changed file or a
 * new build parses again, with the same errors `loadConfig` throws. v8-serialised, so what
 * YAML can hold that JSON cannot (a date) comes back as it was.
 */
export async function loadKeptConfig(root: string, opts: { stamp?: string } = {}): Promise<LoadedConfig> {
  const source = readConfigSource(root);
  if (!source) return { config: {} };
  const dir = join(root, ".orchestrate");
  const file = join(dir, "cache", "config.v8");
  const key = keyOf(source, opts.stamp ?? codeStamp(CONFIG_CODE));
  const kept = readKept(file, key);
  if (kept) return { config: kept, file: source.name };
  const { parseConfigSource } = await import("./load.js");
  const config = parseConfigSource(source);
  // Like the spec cache, never the reason a project has a `.orchestrate/`: a command that rejects the project leaves none behind.
  // Nor a copy of a secret (an agent's `apiKey`, a header's token): such a config is parsed every time.
  if (existsSync(dir)) {
    if (holdsSecret(config, (await import("../redact/index.js")).redact)) rmSync(file, { force: true });
    else keep(file, { key, config });
  }
  return { config, file: source.name };
}

/** The file's name and text under the code's stamp: hashed, so that the cache holds no second copy of the text. */
export function keyOf(source: ConfigSource, stamp: string): string {
  return createHash("sha256").update(stamp).update("\0").update(source.name).update("\0").update(source.text).digest("base64url");
}

/** Whether a string in `value` is a secret: under a key named like one (`apiKey`, `*_TOKEN`), or of a shape redaction finds. */
export function holdsSecret(value: unknown, redact: (text: string) => string, name = ""): boolean {
  if (typeof value === "string") return (isSecretName(name) && value.trim() !== "") || redact(value) !== value;
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([key, v]) => holdsSecret(v, redact, Array.isArray(value) ? name : key));
}

function readKept(file: string, key: string): Config | undefined {
  try {
    const data = deserialize(readFileSync(file)) as Partial<KeptFile> | undefined;
    return data?.key === key && typeof data.config === "object" && data.config !== null ? data.config : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (a temporary file renamed over it); a cache that cannot be written is no error, the next run parses again. */
function keep(file: string, data: KeptFile): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirPrivate(dirname(file));
    writeFileSync(tmp, serialize(data), { mode: PRIVATE_FILE });
    renameSync(tmp, file);
  } catch {
    // Best effort: the config was validated, the run goes on.
    rmSync(tmp, { force: true });
  }
}
