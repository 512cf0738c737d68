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

/**
 * The token of an `Authorization` header in the Bearer scheme, whose name is case-insensitive
 * (RFC 9110: `bearer x` is `Bearer x`) and may be followed by several spaces; undefined for none or another scheme.
 */
export function bearerToken(header: string | undefined): string | undefined {
  // The rest of the line, not one word: a `--token` may hold spaces.
  return /^bearer[ \t]+(\S(?:.*\S)?)[ \t]*$/i.exec(header ?? "")?.[1];
}

/** What an `Authorization` header that is no bearer token holds, for the 401's line: `no Authorization header`, `the \`Basic\` scheme`. */
export function notBearer(header: string | undefined): string {
  if (header === undefined || header.trim() === "") return "no Authorization header";
  const [scheme = "", rest] = header.trim().split(/\s+/, 2);
  if (rest === undefined) return /^bearer$/i.test(scheme) ? "the Bearer scheme with no token" : "a value with no scheme (a bare token?)";
  // Only a scheme's name is said back, not what may be a secret sent in the wrong form.
  return /^[A-Za-z][\w-]{0,19}$/.test(scheme) ? `the \`${scheme}\` scheme` : "another scheme";
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
