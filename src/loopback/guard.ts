import { createHash, timingSafeEqual } from "node:crypto";
import { UsageError } from "../errors.js";

/**
 * The checks every local server of orchestrate makes before it reads a request (`mcp --http`,
 * `dashboard`): it listens on the loopback interface only, the Host header names it with its
 * port (a DNS-rebinding page sends its own name), a browser's Origin is a page on this machine,
 * and the secret is compared in constant time.
 */
export const LOOPBACK_HOST = "127.0.0.1";

/** A bearer token shorter than this can be guessed; 32 characters of base64url carry 192 bits. */
export const MIN_TOKEN_LENGTH = 32;

/** Throws a UsageError (one line, exit 2) when `token`, read from `source`, is too short to be a secret. */
export function checkToken(token: string, source = "the token"): void {
  if (token.length >= MIN_TOKEN_LENGTH) return;
  throw new UsageError(
    `Expected ${source} to be at least ${MIN_TOKEN_LENGTH} characters, got ${token.length}; use a random one (\`openssl rand -base64 32\`) or leave it out to have one generated`,
  );
}

/** The Host headers a request to our port may carry. */
export function loopbackHosts(port: number): string[] {
  return [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
}

/** Loopback names a browser may show as a page's origin host. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A browser's Origin header names a page on this machine; absent (not a browser) is fine too. */
export function localOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.has(url.hostname);
  } catch {
    return false; // `null` (sandboxed frames, file:) and anything unparsable
  }
}

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
export function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** True when `given` hashes to `expected` (a `digest`), compared in constant time. */
export function sameSecret(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

/**
 * Why a request target is refused, or undefined: only a path is served (`/api/runs?x`). An absolute
 * URL (`http://elsewhere/...`, a proxy's form) names a host the Host check never saw, and `*` is
 * no address of ours.
 */
export function targetProblem(target: string): string | undefined {
  if (target.startsWith("/")) return undefined;
  // A long target is the client's own and need not come back whole.
  return `Bad request: expected a request target that is a path starting with \`/\`, got \`${target.length > 80 ? `${target.slice(0, 80)}...` : target}\``;
}
