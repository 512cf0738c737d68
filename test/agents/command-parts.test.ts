import { describe, expect, it } from "vitest";
import { parseClaudeResult } from "../../src/agents/claude-output.js";
import { commandLineFor } from "../../src/agents/command.js";
import { compileCommandOptions } from "../../src/agents/command-options.js";
import { PRESETS } from "../../src/agents/presets.js";
import { parseNumstat } from "../../src/agents/replay.js";
import { expandCommand, shellQuote } from "../../src/exec/shell.js";
import { ConfigError } from "../../src/errors.js";
import { makeTask } from "./helpers.js";

describe("shell quoting and placeholders", () => {
  it("quotes words for /bin/sh", () => {
    expect(shellQuote("src/a.ts")).toBe("src/a.ts");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("$(rm -rf /)")).toBe("'$(rm -rf /)'");
    expect(shellQuote("")).toBe("''");
  });

  it("replaces placeholders with variable references and leaves ${shell} syntax alone", () => {
    const { command, env } = expandCommand("run {module} {attempt} {files} ${files} {unknown}", {
      promptFile: "/p/prompt.md",
      module: "order_book",
      layer: "core",
      attempt: 3,
      runId: "r1",
      files: ["a.ts", "b c.ts"],
    });
    expect(command).toBe(
      'run "${ORCHESTRATE_MODULE}" "${ORCHESTRATE_ATTEMPT}" "${ORCHESTRATE_FILE_1}" "${ORCHESTRATE_FILE_2}" ${files} {unknown}',
    );
    expect(env).toMatchObject({ ORCHESTRATE_MODULE: "order_book", ORCHESTRATE_ATTEMPT: "3", ORCHESTRATE_FILE_2: "b c.ts" });
  });

  it("appends the prompt file or argument when the command line does not place it", () => {
    const task = makeTask("/project", { promptFile: "/project/.orchestrate/p.md" });
    const file = compileCommandOptions({ run: "tool --in", prompt: "file" });
    expect(commandLineFor(file, task).command).toBe('tool --in "${ORCHESTRATE_PROMPT_FILE}"');
    const arg = compileCommandOptions({ run: "tool", prompt: "arg" });
    expect(commandLineFor(arg, task).command).toBe('tool "$(cat "${ORCHESTRATE_PROMPT_FILE}")"');
    const aider = compileCommandOptions({ preset: "aider" });
    expect(commandLineFor(aider, { ...task, files: ["src/x.py"] })).toEqual({
      command: 'aider --yes-always --no-auto-commits --message-file "${ORCHESTRATE_PROMPT_FILE}" "${ORCHESTRATE_FILE_1}"',
      env: expect.objectContaining({ ORCHESTRATE_PROMPT_FILE: "/project/.orchestrate/p.md", ORCHESTRATE_FILE_1: "src/x.py" }) as unknown,
    });
  });
});

describe("command options", () => {
  it("fills in the preset and lets explicit options win", () => {
    expect(compileCommandOptions({ preset: "claude" })).toMatchObject({
      name: "command:claude",
      run: PRESETS.claude.run,
      prompt: "stdin",
      output: "claude-json",
    });
    expect(compileCommandOptions({ preset: "claude", run: "my-claude -p" })).toMatchObject({
      run: "my-claude -p",
      output: "claude-json",
    });
    expect(compileCommandOptions({ run: "x" })).toMatchObject({ name: "command", prompt: "stdin", output: "text" });
  });

  it("rejects bad options, naming the key", () => {
    expect(() => compileCommandOptions({})).toThrow("Expected `command.run` or `command.preset`, got neither");
    expect(() => compileCommandOptions({ preset: "cursor" as never })).toThrow(
      "Expected `command.preset` to be one of claude, codex, gemini, qwen, aider, opencode, got `cursor` (string)",
    );
    expect(() => compileCommandOptions({ run: "x", prompt: "pipe" as never })).toThrow(ConfigError);
    expect(() => compileCommandOptions({ run: " " })).toThrow("command.run");
  });

  it("gives every preset a command line and a prompt mode", () => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      expect(preset.run.startsWith(name)).toBe(true);
      expect(["stdin", "file", "arg"]).toContain(preset.prompt);
    }
  });
});

describe("parseClaudeResult", () => {
  const result = {
    type: "result",
    subtype: "success",
    is_error: false,
    result: "done",
    session_id: "s-1",
    num_turns: 2,
    total_cost_usd: 0.5,
    usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 30 },
  };

  it("reads a json result, or the last line of stream-json", () => {
    expect(parseClaudeResult(JSON.stringify(result))).toMatchObject({
      result: "done",
      isError: false,
      costUsd: 0.5,
      inputTokens: 10,
      outputTokens: 20,
      cacheReadInputTokens: 30,
      sessionId: "s-1",
      numTurns: 2,
    });
    const stream = [JSON.stringify({ type: "system", subtype: "init" }), JSON.stringify(result), ""].join("\n");
    expect(parseClaudeResult(stream)?.result).toBe("done");
  });

  it("returns undefined for anything else", () => {
    expect(parseClaudeResult("")).toBeUndefined();
    expect(parseClaudeResult("plain text")).toBeUndefined();
    expect(parseClaudeResult(JSON.stringify({ type: "assistant" }))).toBeUndefined();
  });
});

describe("parseNumstat", () => {
  it("lists plain paths and both sides of a rename", () => {
    expect(parseNumstat("1\t0\tsrc/a.ts\0-\t-\tbin.png\0")).toEqual(["src/a.ts", "bin.png"]);
    expect(parseNumstat("0\t0\t\0old.ts\0new.ts\0")).toEqual(["old.ts", "new.ts"]);
  });
});
