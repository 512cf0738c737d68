import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCommandAgent } from "../../src/agents/command.js";
import { expandCommand, type PlaceholderName } from "../../src/exec/shell.js";
import { expandCheckCommand } from "../../src/validate/command.js";
import { runCommandCheck } from "../../src/validate/command.js";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";

afterAll(cleanup);

/** Names that run `touch pwned` when a shell parses them. */
const HOSTILE = ["$(touch pwned)", "`touch pwned`", "; touch pwned", "'; touch pwned; '", '"; touch pwned; "'];

/** Each placement, as a template around the placeholder, and what printf then prints for one value. */
const PLACEMENTS: { name: string; template: (p: string) => string; expect: (v: string) => string }[] = [
  { name: "bare", template: (p) => `printf '[%s]' ${p}`, expect: (v) => `[${v}]` },
  { name: "in double quotes", template: (p) => `printf '[%s]' "${p}"`, expect: (v) => `[${v}]` },
  { name: "in single quotes", template: (p) => `printf '[%s]' '${p}'`, expect: (v) => `[${v}]` },
  { name: "inside a word", template: (p) => `printf '[%s]' x${p}y`, expect: (v) => `[x${v}y]` },
  { name: "inside a double-quoted word", template: (p) => `printf '[%s]' "a ${p} b"`, expect: (v) => `[a ${v} b]` },
  { name: "inside $(...) in double quotes", template: (p) => `printf '[%s]' "$(printf %s ${p})"`, expect: (v) => `[${v}]` },
];

function sh(command: string, env: Record<string, string>, cwd: string): string {
  const result = spawnSync("/bin/sh", ["-c", command], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout;
}

describe("agent command placeholders never let a value become shell syntax", () => {
  const names: Exclude<PlaceholderName, "prompt">[] = ["promptFile", "module", "layer", "runId", "files"];
  for (const name of names) {
    for (const placement of PLACEMENTS) {
      it(`{${name}} ${placement.name}`, async () => {
        const cwd = await tempDir();
        for (const value of HOSTILE) {
          const { command, env } = expandCommand(placement.template(`{${name}}`), {
            promptFile: name === "promptFile" ? value : "p.md",
            module: name === "module" ? value : "m",
            layer: name === "layer" ? value : "l",
            attempt: 1,
            runId: name === "runId" ? value : "r",
            files: name === "files" ? [value] : ["f"],
          });
          expect(command).not.toContain("touch");
          expect(sh(command, env, cwd)).toBe(placement.expect(value));
          expect(existsSync(join(cwd, "pwned"))).toBe(false);
        }
      });
    }
  }

  it("{attempt} in each placement", async () => {
    const cwd = await tempDir();
    for (const placement of PLACEMENTS) {
      const { command, env } = expandCommand(placement.template("{attempt}"), {
        promptFile: "p",
        module: "m",
        layer: "l",
        attempt: 7,
        runId: "r",
        files: [],
      });
      expect(sh(command, env, cwd)).toBe(placement.expect("7"));
    }
  });

  it("{prompt} passes the prompt file's text as one argument in each placement", async () => {
    const cwd = await tempDir();
    for (const value of HOSTILE) {
      const promptFile = join(cwd, `${value.replace(/\//g, "_")}.md`);
      await writeFile(promptFile, `text ${value}`);
      for (const placement of PLACEMENTS) {
        const { command, env } = expandCommand(placement.template("{prompt}"), {
          promptFile,
          module: "m",
          layer: "l",
          attempt: 1,
          runId: "r",
          files: [],
        });
        expect(sh(command, env, cwd)).toBe(placement.expect(`text ${value}`));
        expect(existsSync(join(cwd, "pwned"))).toBe(false);
      }
    }
  });

  it("bare {files} is one word per file; quoted, one word with the files joined by spaces", async () => {
    const cwd = await tempDir();
    const values = { promptFile: "p", module: "m", layer: "l", attempt: 1, runId: "r", files: ["a b.ts", "$(touch pwned)", "c"] };
    const bare = expandCommand("printf '[%s]' {files}", values);
    expect(sh(bare.command, bare.env, cwd)).toBe("[a b.ts][$(touch pwned)][c]");
    const quoted = expandCommand(`printf '[%s]' "{files}" '{files}'`, values);
    expect(sh(quoted.command, quoted.env, cwd)).toBe("[a b.ts $(touch pwned) c][a b.ts $(touch pwned) c]");
    const none = expandCommand("printf '[%s]' x {files}", { ...values, files: [] });
    expect(sh(none.command, none.env, cwd)).toBe("[x]");
    expect(existsSync(join(cwd, "pwned"))).toBe(false);
  });

  it("leaves ${shell} syntax, unknown braces and escaped placeholders alone", () => {
    const { command } = expandCommand("run ${files} {unknown} \\{module} '${module}'", {
      promptFile: "p",
      module: "m",
      layer: "l",
      attempt: 1,
      runId: "r",
      files: [],
    });
    expect(command).toBe("run ${files} {unknown} \\{module} '${module}'");
  });

  it("a command agent whose file list holds hostile names runs nothing from them", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({ run: `printf '[%s]' {files} "{files}" '{promptFile}' > out.txt`, prompt: "stdin" });
    const task = makeTask(cwd, { files: HOSTILE, promptFile: join(cwd, "$(touch pwned).md") });
    const result = await agent.run(task, makeContext().ctx);
    expect(result.ok).toBe(true);
    expect(existsSync(join(cwd, "pwned"))).toBe(false);
    const out = readFileSync(join(cwd, "out.txt"), "utf8");
    expect(out).toBe(`${HOSTILE.map((v) => `[${v}]`).join("")}[${HOSTILE.join(" ")}][${task.promptFile}]`);
  });
});

describe("gate command placeholders never let a value become shell syntax", () => {
  for (const name of ["module", "layer", "files"] as const) {
    for (const placement of PLACEMENTS) {
      it(`{${name}} ${placement.name}`, async () => {
        const cwd = await tempDir();
        for (const value of HOSTILE) {
          const vars = { module: name === "module" ? value : "m", layer: name === "layer" ? value : "l", files: name === "files" ? [value] : ["f"] };
          const { command, env } = expandCheckCommand(placement.template(`{${name}}`), vars);
          expect(sh(command, env, cwd)).toBe(placement.expect(value));
          expect(existsSync(join(cwd, "pwned"))).toBe(false);
        }
      });
    }
  }

  it("a gate check run with hostile file names runs nothing from them", async () => {
    const root = await tempDir();
    await mkdir(join(root, "src"), { recursive: true });
    const result = await runCommandCheck(
      { name: "ls", kind: "command", run: `printf '[%s]' "{files}" {files} '{module}'` },
      { root, vars: { module: "$(touch pwned)", files: HOSTILE }, timeoutMs: 10_000 },
    );
    expect(result.ok).toBe(true);
    expect(existsSync(join(root, "pwned"))).toBe(false);
    expect(result.output).toBe(`[${HOSTILE.join(" ")}]${HOSTILE.map((v) => `[${v}]`).join("")}[$(touch pwned)]`);
  });
});
