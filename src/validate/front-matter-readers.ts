import type { moduleMcpServers } from "../config/mcp.js";
import type { SpecTree } from "../spec/types.js";
import type { frontMatterChecks } from "./config.js";

/**
 * How a run reads the front matter keys it validates: a module's `validation:` (its gate's
 * checks) and `mcp_servers:` (its extra MCP servers). front-matter.ts has the validating ones.
 */
export interface FrontMatterReaders {
  /** The checks `validation:` lists; undefined without one. */
  checks: typeof frontMatterChecks;
  /** The servers `mcp_servers:` names; none without it. */
  mcpServers: typeof moduleMcpServers;
}

/** The readers of a tree where no module has any of those keys (`hasCheckedKeys`): nothing to read, so nothing to validate. */
export const NO_CHECKED_KEYS: FrontMatterReaders = { checks: () => undefined, mcpServers: () => ({}) };

/** Whether some module's front matter has a key the readers read. */
export function hasCheckedKeys(spec: SpecTree): boolean {
  return spec.modules.some((m) => m.frontMatter["validation"] != null || m.frontMatter["mcp_servers"] !== undefined || m.frontMatter["mcpServers"] !== undefined);
}

/**
 * `validateFrontMatter` (front-matter.ts), and the readers of the tree: the validating ones
 * when a module has a key they read, else `NO_CHECKED_KEYS`, which read the same (nothing)
 * without loading zod.
 */
export async function checkFrontMatter(spec: SpecTree): Promise<FrontMatterReaders> {
  if (!hasCheckedKeys(spec)) return NO_CHECKED_KEYS;
  const { validateFrontMatter, FRONT_MATTER_READERS } = await import("./front-matter.js");
  validateFrontMatter(spec);
  return FRONT_MATTER_READERS;
}
