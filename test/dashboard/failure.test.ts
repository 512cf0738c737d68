import { describe, expect, it } from "vitest";
import { failureOf } from "../../src/dashboard/server/failure.js";
import type { AttemptRecord } from "../../src/store/types.js";
import { makeProject } from "../helpers/project.js";

const SECRET = `sk-ant-api03-${"q".repeat(40)}`;

function attempt(extra: Partial<AttemptRecord>): AttemptRecord {
  return { runId: "r1", moduleId: "money", n: 2, kind: "retry", agent: "command", state: "failed", promptPath: ".orchestrate/runs/r1/money/attempt-2.prompt.md", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: 1, endedAt: 2, ...extra };
}

describe("failureOf: why a module's last attempt failed, as its view shows it first", () => {
  it("the agent's stderr log: its last lines, the decisive last one included, redacted, said cut", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `trace ${i}: ANTHROPIC_API_KEY=${SECRET}`);
    const root = makeProject({ ".orchestrate/runs/r1/money/attempt-2/stderr.log": `${lines.join("\n")}\nFATAL: disk full\n` });
    // The error kept only 40 lines of an earlier part: the log file has the end.
    const failure = failureOf(root, attempt({ error: `command exited with code 3\n${lines.slice(500, 540).join("\n")}` }))!;
    expect(failure).toMatchObject({ attempt: 2, headline: "command exited with code 3", source: "the agent's stderr", cut: true });
    expect(failure.output.split("\n").at(-1)).toBe("FATAL: disk full");
    expect(failure.output.split("\n")).toHaveLength(60);
    expect(failure.output).not.toContain(SECRET);
    expect(failure.output).toContain("[REDACTED");
  });

  it("a failed gate: the failing check's output end, not the passing one's", () => {
    const traceback = ["Traceback (most recent call last):", ...Array.from({ length: 100 }, (_, i) => `  File "x.py", line ${i}`), "IndentationError: unindent does not match"].join("\n");
    const gates = {
      level: "module" as const,
      target: "money",
      ok: false,
      durationMs: 5,
      checks: [
        { name: "architecture", kind: "architecture" as const, ok: true, blocking: true, message: "no violations", durationMs: 1, output: "all good" },
        { name: "tests", kind: "command" as const, ok: false, blocking: true, message: "exit 1", durationMs: 4, output: traceback },
      ],
    };
    const failure = failureOf(makeProject({}), attempt({ error: "The module gate for `money` failed: 1 of 2 checks did not pass.\n...", gates }))!;
    expect(failure.source).toBe("the module gate's tests check (exit 1)");
    expect(failure.output.split("\n").at(-1)).toBe("IndentationError: unindent does not match");
    expect(failure.cut).toBe(true);
  });

  it("no log on this machine (a queued attempt): the error's lines after its headline; nothing for an attempt that did not fail", () => {
    const root = makeProject({});
    expect(failureOf(root, attempt({ error: "command exited with code 1\nModuleNotFoundError: No module named 'ledger'" }))).toEqual({
      attempt: 2,
      headline: "command exited with code 1",
      source: "the agent's error",
      output: "ModuleNotFoundError: No module named 'ledger'",
      cut: false,
    });
    expect(failureOf(root, attempt({ state: "cancelled", error: "cancelled" }))).toBeUndefined();
    expect(failureOf(root, attempt({ state: "done" }))).toBeUndefined();
  });
});
