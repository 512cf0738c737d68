import type { ModuleSpec } from "../spec/types.js";
import { bodyDigest, derivedFacts, digest } from "../spec/derived.js";

export { bodyDigest, digest };

/** What a run needs from a module's spec, read once when planning so the run never goes back to the file. */
export interface ModuleFacts {
  /** The spec's text (front matter removed), as the prompts show it. */
  specText: string;
  /** sha256 of `specText`, first 16 hex digits: `resume` compares it with the spec on disk. */
  specDigest: string;
  /** The first sentence of the Purpose (or Overview, Summary) section that is not about the agent itself ("I am the ... Agent"). */
  purpose?: string;
  /** The first command of the first shell block under a heading starting with "Performance". */
  benchmark?: string;
}

export function moduleFacts(m: ModuleSpec): ModuleFacts {
  const specText = m.body;
  const specDigest = bodyDigest(m);
  return { specText, specDigest, ...derivedFacts(specText, specDigest) };
}
