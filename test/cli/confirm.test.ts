import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { confirmFallback } from "../../src/cli/confirm.js";
import { UsageError } from "../../src/errors.js";
import type { Plan } from "../../src/plan/types.js";

const fallback: Plan = {
  request: "make it nicer",
  analysis: { type: "general", scope: { kind: "system" }, because: [], confidence: 0, evidence: [], nearest: ["cli", "reports", "money"] },
  layers: [],
  modules: [{ id: "cli", layer: "interface", spec: "x", files: [], dependsOn: [] }, { id: "money", layer: "foundation", spec: "y", files: [], dependsOn: [] }],
  waves: [],
  criticalPath: [],
  warnings: [{ code: "SCOPE_FALLBACK", message: "The request names no module" }],
};

/** A terminal that answers `answer` once asked. */
function terminal(answer: string) {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let asked = "";
  output.on("data", (chunk: Buffer) => {
    asked += chunk.toString();
    if (asked.includes("[y/N]")) input.write(`${answer}\n`);
  });
  return { io: { input, output }, asked: () => asked };
}

describe("confirmFallback", () => {
  it("asks on a terminal and goes on after y", async () => {
    const t = terminal("y");
    await expect(confirmFallback(fallback, "anthropic", false, t.io)).resolves.toBeUndefined();
    expect(t.asked()).toBe("The request matched no module, so the run would cover all 2 modules with agent `anthropic` (nearest: cli, reports, money). Run them all? [y/N] ");
  });

  it.each(["", "n", "no", "whatever"])("stops on %j", async (answer) => {
    await expect(confirmFallback(fallback, "anthropic", false, terminal(answer).io)).rejects.toThrow(/^Not run: pass --scope/);
  });

  it("without a terminal: a usage error that says to pass --yes or --scope", async () => {
    const io = { input: new PassThrough(), output: new PassThrough() };
    await expect(confirmFallback(fallback, "openai", false, io)).rejects.toThrow(UsageError);
    await expect(confirmFallback(fallback, "openai", false, io)).rejects.toThrow("Pass --yes to run them all, or --scope module/<id> to narrow it");
  });

  it("does not ask with --yes, for the offline simulate agent, or without a fallback", async () => {
    const io = { input: new PassThrough(), output: new PassThrough() };
    await confirmFallback(fallback, "openai", true, io);
    await confirmFallback(fallback, "simulate", false, io);
    await confirmFallback({ ...fallback, warnings: [] }, "openai", false, io);
  });
});

describe("confirmFallback on a module read from a misspelled word", () => {
  const guessed: Plan = {
    ...fallback,
    request: "fix the chekout",
    analysis: { type: "debug", scope: { kind: "modules", ids: ["checkout"] }, because: [], confidence: 0.5, evidence: [{ kind: "module", target: "checkout", source: "spelling", words: ["chekout"] }] },
    warnings: [{ code: "SCOPE_SPELLING", message: "Read `chekout` as module `checkout`" }],
  };

  it("asks before a paid run on the guess, and without a terminal wants --yes or --scope", async () => {
    const t = terminal("y");
    await confirmFallback(guessed, "command", false, t.io);
    expect(t.asked()).toBe("The request names no module; `chekout` was read as module `checkout`, so the run would cover it with agent `command`. Run it? [y/N] ");
    const io = { input: new PassThrough(), output: new PassThrough() };
    await expect(confirmFallback(guessed, "openai", false, io)).rejects.toThrow("Pass --yes to run it, or --scope module/<id> (or --scope system) to say which");
    await confirmFallback(guessed, "simulate", false, io);
    await confirmFallback(guessed, "openai", true, io);
  });
});
