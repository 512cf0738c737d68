import { redact, redactJson, redactRemembering } from "../redact/index.js";
import type { AttemptEnd } from "./types.js";

/**
 * What both stores do to every text before it is kept: secrets out (src/redact). Here,
 * once, so that no caller (the engine, the MCP server's memory and todo tools, the CLI's
 * `memory write`) can store a key an agent or a gate printed, and no store forgets to.
 */
export const clean = {
  text: redact,
  optional: (text: string | undefined): string | undefined => (text === undefined ? undefined : redact(text)),
  /** A spec's text, found clean under its digest: the prompts that quote it need not scan it again (redactQuoting). */
  spec: (text: string, digest: string): string => redactRemembering(text, digest),
  /** A JSON text (options): redacted inside its strings, so it stays valid JSON. */
  json: redactJson,
  /** A value kept as JSON (the plan, gate results): the same value, or a redacted copy when it held a secret. */
  value: <T>(value: T): T => {
    const text = JSON.stringify(value);
    const cleaned = redactJson(text);
    return cleaned === text ? value : (JSON.parse(cleaned) as T);
  },
  end: (end: AttemptEnd): AttemptEnd => ({
    ...end,
    ...(end.summary !== undefined ? { summary: redact(end.summary) } : {}),
    ...(end.error !== undefined ? { error: redact(end.error) } : {}),
    ...(end.gates !== undefined ? { gates: clean.value(end.gates) } : {}),
  }),
};
