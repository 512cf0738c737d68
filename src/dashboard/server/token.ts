import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PRIVATE_FILE } from "../../redact/index.js";
import { stateDir } from "../../store/open.js";
import { MIN_TOKEN_LENGTH } from "../../loopback/guard.js";

/**
 * The project's dashboard token, kept in `.orchestrate/` (private to its owner): a restarted
 * dashboard on the same port takes the same token, so an open page reconnects with its cookie
 * instead of asking for a new URL. Anyone who can read `.orchestrate/` can read the runs anyway.
 */
export function projectToken(root: string): string {
  const file = join(stateDir(root), "dashboard-token");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= MIN_TOKEN_LENGTH) return kept;
  }
  // 24 random bytes are 32 base64url characters: the minimum length, 192 bits.
  const token = randomBytes(24).toString("base64url");
  writeFileSync(file, `${token}\n`, { mode: PRIVATE_FILE });
  return token;
}
