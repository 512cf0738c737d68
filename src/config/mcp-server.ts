import { showValue } from "../errors.js";

/** What is wrong with one MCP server entry: the key under the server, and the sentence. */
export interface ServerProblem {
  path: string[];
  /** `at` is the full key in backticks (`mcpServers.docs.url`), `got` the value found there. */
  message(at: string, got: string): string;
}

const STDIO_KEYS = ["type", "command", "args", "env"];
const REMOTE_KEYS = ["type", "url", "headers"];
const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Checks one server in Claude Code's `.mcp.json` shapes: stdio (`command`, `args`, `env`,
 * `type: stdio` optional) or remote (`type: http|sse`, `url`, `headers`). Written out rather
 * than a zod union, whose failure says only "Invalid input": each problem names the key,
 * what it should be and which shape was assumed.
 */
export function serverProblem(value: unknown): ServerProblem | undefined {
  if (!isMapping(value)) return expected([], "a server: `command` (stdio) or `type: http`/`sse` with `url`");
  const type = value.type;
  if (type !== undefined && type !== "stdio" && type !== "http" && type !== "sse") return expected(["type"], "one of `stdio`, `http`, `sse`");
  const remote = type === "http" || type === "sse";
  if (!remote && value.command === undefined) {
    if (value.url !== undefined) return expected(["type"], "`http` or `sse` for a server with a `url`");
    return expected([], "a server: `command` (stdio) or `type: http`/`sse` with `url`");
  }
  const allowed = remote ? REMOTE_KEYS : STDIO_KEYS;
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    const shape = remote ? `an ${String(type)} server` : "a stdio server";
    return { path: [], message: (at) => `Unknown key \`${unknown}\` in ${at}: ${shape} takes ${allowed.map((k) => `\`${k}\``).join(", ")}` };
  }
  if (remote) {
    if (typeof value.url !== "string" || !isUrl(value.url)) return expected(["url"], `a URL (an ${type} server's address)`);
    return stringMap(value.headers, "headers");
  }
  if (typeof value.command !== "string" || value.command.trim() === "") return expected(["command"], "a command (a non-empty string)");
  // A NUL byte cannot reach exec: the server would fail only when an agent starts it.
  if (value.command.includes("\0")) return expected(["command"], "a command without NUL bytes");
  if (value.args !== undefined) {
    if (!Array.isArray(value.args)) return expected(["args"], "a list of strings");
    const bad = value.args.findIndex((a) => typeof a !== "string");
    if (bad >= 0) return expected(["args", String(bad)], "a string");
  }
  return stringMap(value.env, "env");
}

/** Checks a `mcpServers` mapping: names, then each server. */
export function serversProblem(value: unknown): ServerProblem | undefined {
  if (!isMapping(value)) return expected([], "a mapping of server names to servers");
  for (const [name, server] of Object.entries(value)) {
    if (!NAME.test(name)) return { path: [], message: (at) => `Expected the server names in ${at} to be letters, digits, \`_\` and \`-\`, got \`${name}\`` };
    const problem = serverProblem(server);
    if (problem) return { path: [name, ...problem.path], message: problem.message };
  }
  return undefined;
}

function stringMap(value: unknown, key: string): ServerProblem | undefined {
  if (value === undefined) return undefined;
  if (!isMapping(value)) return expected([key], "a mapping of names to strings");
  const bad = Object.entries(value).find(([, v]) => typeof v !== "string");
  return bad ? expected([key, bad[0]], "a string") : undefined;
}

function expected(path: string[], what: string): ServerProblem {
  return { path, message: (at, got) => `Expected ${at} to be ${what}, got ${got}` };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** A problem as one sentence, with the full key and the value found there. */
export function describeServerProblem(problem: ServerProblem, prefix: readonly string[], data: unknown): { key: string; message: string } {
  let at: unknown = data;
  for (const k of problem.path) at = isMapping(at) || Array.isArray(at) ? (at as Record<string, unknown>)[k] : undefined;
  const key = [...prefix, ...problem.path].join(".");
  return { key, message: problem.message(`\`${key}\``, showValue(at)) };
}
