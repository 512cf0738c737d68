import { isAbsolute, join } from "node:path";
import type { AttemptRecord } from "../../store/types.js";
import { readCapped } from "../../read-capped.js";
import { redact } from "../../redact/index.js";
import type { FailureView } from "./views.js";

/** The output a failure view shows: its last lines, as a terminal would leave them on screen. */
const OUTPUT_LINES = 60;
const OUTPUT_CHARS = 8000;
/** Of an attempt's log file, only its end is read. */
const LOG_BYTES = 64 * 1024;
const PROMPT_SUFFIX = ".prompt.md";

/**
 * Why attempt `a` failed, for the module's view: its error's first line and the output that
 * decides it, the part a user looks for first. A failed gate check's output (a test's
 * traceback) when the gate failed; else the agent's stderr, from its log file when this
 * machine has it (the error keeps only its last 40 lines), else from the error; else its
 * stdout. Only the last lines, redacted: a log of megabytes ends where the cause is.
 */
export function failureOf(root: string, a: AttemptRecord): FailureView | undefined {
  if (a.state !== "failed") return undefined;
  const error = a.error ?? "";
  const [headline = "", ...rest] = error.split("\n");
  const base = { attempt: a.n, headline: redact(headline || "failed") };
  const checks = a.gates && !a.gates.ok ? a.gates.checks.filter((c) => !c.ok && c.blocking) : [];
  const check = checks.find((c) => c.output?.trim()) ?? checks[0];
  if (check) return { ...base, source: `the module gate's ${check.name} check (${check.message})`, ...lastLines(check.output?.trim() || check.message) };
  // The agent's logs are in the folder beside the prompt file: .orchestrate/runs/<run>/<module>/attempt-<n>/.
  const prompt = isAbsolute(a.promptPath) ? a.promptPath : join(root, a.promptPath);
  const logs = prompt.endsWith(PROMPT_SUFFIX) ? prompt.slice(0, -PROMPT_SUFFIX.length) : undefined;
  const stderr = logs && readLog(join(logs, "stderr.log"));
  if (stderr) return { ...base, source: "the agent's stderr", ...lastLines(stderr.text, stderr.cut) };
  const fromError = rest.join("\n").trim();
  if (fromError) return { ...base, source: "the agent's error", ...lastLines(fromError) };
  const stdout = logs && readLog(join(logs, "stdout.log"));
  if (stdout) return { ...base, source: "the agent's stdout", ...lastLines(stdout.text, stdout.cut) };
  return { ...base, source: "the attempt's error", output: "", cut: false };
}

/** A log's end; `cut` when the file goes on before it. */
function readLog(path: string): { text: string; cut: boolean } | undefined {
  try {
    const read = readCapped(path, LOG_BYTES, { tail: true });
    return read?.text.trim() ? { text: read.text, cut: read.truncated } : undefined;
  } catch {
    return undefined;
  }
}

function lastLines(text: string, cutBefore = false): { output: string; cut: boolean } {
  const lines = redact(text).replace(/\s+$/, "").split("\n");
  let output = lines.slice(-OUTPUT_LINES).join("\n");
  if (output.length > OUTPUT_CHARS) output = output.slice(output.indexOf("\n", output.length - OUTPUT_CHARS) + 1 || output.length - OUTPUT_CHARS);
  return { output, cut: cutBefore || output.length < lines.join("\n").length };
}
