import { makeCounts } from "./counts.js";
import type { TestCounts } from "./types.js";

// The closing block of `node --test`: `# pass 5` with the TAP reporter (the default when
// stdout is not a terminal), `ℹ pass 5` with the spec reporter.
const LINE = /^[#ℹ] (pass|fail|cancelled|skipped|todo) (\d+)$/gm;

/** Node's test runner. Cancelled tests count as failed, todo tests as skipped; several runs are summed. */
export function parseNodeTest(output: string): TestCounts | undefined {
  const n: Record<string, number> = {};
  for (const [, key, value] of output.matchAll(LINE)) n[key!] = (n[key!] ?? 0) + Number(value);
  if (n["pass"] === undefined || n["fail"] === undefined) return undefined;
  return makeCounts("node", n["pass"], n["fail"] + (n["cancelled"] ?? 0), (n["skipped"] ?? 0) + (n["todo"] ?? 0));
}
