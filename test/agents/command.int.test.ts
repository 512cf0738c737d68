import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCommandAgent } from "../../src/agents/command.js";
import { cleanup, gitSync, isGone, makeContext, makeTask, tempDir, waitForPids } from "./helpers.js";

afterEach(cleanup);

describe("command agent", () => {
  it("passes placeholders shell-quoted and the ORCHESTRATE_* variables", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({
      run: "printf '%s\\n' {module} {layer} {attempt} {runId} {promptFile} {files} > args.txt; env > env.txt",
      env: { EXTRA: "yes" },
    });
    const task = makeTask(cwd, { attempt: 2, files: ["src/a b.ts", "it's.ts"] });
    const { ctx } = makeContext();
    const result = await agent.run(task, ctx);
    expect(result.ok).toBe(true);
    const args = (await readFile(join(cwd, "args.txt"), "utf8")).split("\n");
    expect(args.slice(0, 7)).toEqual(["journal", "core", "2", "run-1", task.promptFile, "src/a b.ts", "it's.ts"]);
    const env = await readFile(join(cwd, "env.txt"), "utf8");
    for (const line of [
      `ORCHESTRATE_PROMPT_FILE=${task.promptFile}`,
      "ORCHESTRATE_MODULE=journal",
      "ORCHESTRATE_LAYER=core",
      "ORCHESTRATE_ATTEMPT=2",
      "ORCHESTRATE_RUN_ID=run-1",
      `ORCHESTRATE_PROJECT=${cwd}`,
      "EXTRA=yes",
    ]) {
      expect(env.split("\n")).toContain(line);
    }
  });

  it("passes the prompt on stdin, as a file path and as one argument", async () => {
    const cwd = await tempDir();
    const prompt = `Implement "journal" for $HOME's sake;\nsecond line`;
    const task = makeTask(cwd, { prompt });
    const stdin = await createCommandAgent({ run: "cat > stdin.txt" }).run(task, makeContext().ctx);
    // Without {promptFile} the path is appended as the last argument.
    const file = await createCommandAgent({ run: `sh -c 'cat "$1" > file.txt' _`, prompt: "file" }).run(
      task,
      makeContext().ctx,
    );
    const arg = await createCommandAgent({ run: "printf %s {prompt} > arg.txt", prompt: "arg" }).run(
      task,
      makeContext().ctx,
    );
    expect([stdin.ok, file.ok, arg.ok]).toEqual([true, true, true]);
    for (const name of ["stdin.txt", "file.txt", "arg.txt"]) {
      expect(await readFile(join(cwd, name), "utf8")).toBe(prompt);
    }
    expect(await readFile(task.promptFile, "utf8")).toBe(prompt);
  });

  it("fails on a non-zero exit with the stderr tail, and saves stdout and stderr", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({
      run: "echo working; i=1; while [ $i -le 100 ]; do echo problem $i >&2; i=$((i+1)); done; exit 3",
    });
    const task = makeTask(cwd);
    const result = await agent.run(task, makeContext().ctx);
    expect(result.ok).toBe(false);
    const lines = result.error!.split("\n");
    expect(lines[0]).toBe("command exited with code 3");
    expect(lines.slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `problem ${i + 61}`));
    expect(result.summary).toBe("command exited with code 3");
    expect(result.raw).toMatchObject({ exitCode: 3, timedOut: false });
    expect(await readFile(join(task.attemptDir, "stdout.log"), "utf8")).toBe("working\n");
    expect((await readFile(join(task.attemptDir, "stderr.log"), "utf8")).split("\n")).toHaveLength(101);
  });

  it("on timeout kills the command with its whole process group", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({ run: "echo $$ > pids; sleep 30 & echo $! >> pids; echo waiting >&2; sleep 30" });
    const result = await agent.run(makeTask(cwd, { timeoutMs: 400 }), makeContext().ctx);
    expect(result.ok).toBe(false);
    expect(result.error).toBe("timed out after 400 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)\nwaiting");
    const [shell, grandchild] = await waitForPids(join(cwd, "pids"), 2);
    expect(isGone(shell!)).toBe(true);
    expect(isGone(grandchild!)).toBe(true);
  });

  it("is cancelled by ctx.signal, grandchild included", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({ run: "echo $$ > pids; sleep 30 & echo $! >> pids; sleep 30" });
    const controller = new AbortController();
    const running = agent.run(makeTask(cwd), makeContext(controller.signal).ctx);
    const [shell, grandchild] = await waitForPids(join(cwd, "pids"), 2);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
    expect(isGone(shell!)).toBe(true);
    expect(isGone(grandchild!)).toBe(true);
  });

  it("reports the files it changed in a git work tree, already dirty ones included", async () => {
    const cwd = await tempDir();
    gitSync(cwd, "init", "-q");
    await writeFile(join(cwd, "kept.txt"), "1\n");
    await writeFile(join(cwd, "dirty.txt"), "1\n");
    await writeFile(join(cwd, "untouched.txt"), "1\n");
    gitSync(cwd, "add", ".");
    gitSync(cwd, "commit", "-qm", "init");
    await writeFile(join(cwd, "dirty.txt"), "2\n"); // dirty before the agent runs, changed again by it
    await writeFile(join(cwd, "untouched.txt"), "2\n"); // dirty before, left alone
    const agent = createCommandAgent({
      run: "echo 3 > dirty.txt; mkdir -p src/deep; echo new > src/deep/new.ts; rm kept.txt",
    });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);
    expect(result.ok).toBe(true);
    // The attempt folder under .orchestrate/ is the engine's, not a change.
    expect(result.filesChanged).toEqual(["dirty.txt", "kept.txt", "src/deep/new.ts"]);
  });

  it("counts files in commits the agent made, relative to a project inside a repository", async () => {
    const repo = await tempDir();
    gitSync(repo, "init", "-q");
    await mkdir(join(repo, "app"));
    await writeFile(join(repo, "app", "a.txt"), "1\n");
    gitSync(repo, "add", ".");
    gitSync(repo, "commit", "-qm", "init");
    const cwd = join(repo, "app");
    const run =
      "echo 2 > a.txt; echo b > b.txt; echo out > ../outside.txt; " +
      "git -c user.name=T -c user.email=t@e add a.txt && git -c user.name=T -c user.email=t@e commit -qm agent";
    const result = await createCommandAgent({ run }).run(makeTask(cwd), makeContext().ctx);
    expect(result.ok).toBe(true);
    expect(result.filesChanged).toEqual(["a.txt", "b.txt"]);
  });

  it("reports no files outside a git work tree", async () => {
    const cwd = await tempDir();
    const result = await createCommandAgent({ run: "echo x > x.txt" }).run(makeTask(cwd), makeContext().ctx);
    expect(result).toMatchObject({ ok: true, filesChanged: [], summary: "command exited with code 0" });
  });

  it("fails without throwing when the command cannot start", async () => {
    const cwd = await tempDir();
    const task = { ...makeTask(cwd), cwd: join(cwd, "missing") };
    const result = await createCommandAgent({ run: "true" }).run(task, makeContext().ctx);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^command could not start: .*ENOENT/);
  });
});

/** Shaped like Claude Code 2.1's `--output-format json` result (notes/claude-code-offline.md, section 4). */
const claudeResult = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    type: "result",
    subtype: "success",
    is_error: false,
    duration_ms: 2143,
    duration_api_ms: 1876,
    num_turns: 3,
    result: "Created src/journal.ts with the Journal class.",
    session_id: "0f5e1c9a-3b7d-4c2e-9a51-6d2b8e4f7a10",
    total_cost_usd: 0.0423,
    usage: {
      input_tokens: 1234,
      cache_creation_input_tokens: 2048,
      cache_read_input_tokens: 5678,
      output_tokens: 321,
      server_tool_use: { web_search_requests: 0 },
      service_tier: "standard",
    },
    modelUsage: { "claude-sonnet-4-5": { inputTokens: 1234, outputTokens: 321, costUSD: 0.0423 } },
    permission_denials: [],
    terminal_reason: "completed",
    uuid: "7d3f9b2a-1c4e-4f8a-b6d0-2e5a9c7b1f34",
    ...overrides,
  });

async function fakeClaude(output: string, exitCode: number): Promise<{ bin: string; cwd: string }> {
  const bin = await tempDir();
  const cwd = await tempDir();
  const script = [
    "#!/bin/sh",
    'printf "%s\\n" "$@" > claude-args.txt',
    "cat > claude-stdin.txt",
    "mkdir -p src && echo 'export class Journal {}' > src/journal.ts",
    `cat <<'JSON'\n${output}\nJSON`,
    `exit ${exitCode}`,
  ].join("\n");
  await writeFile(join(bin, "claude"), script);
  await chmod(join(bin, "claude"), 0o755);
  return { bin, cwd };
}

describe("command agent, claude preset", () => {
  it("runs claude -p with the prompt on stdin and reads its JSON result", async () => {
    const { bin, cwd } = await fakeClaude(claudeResult({}), 0);
    gitSync(cwd, "init", "-q");
    const agent = createCommandAgent({ preset: "claude", env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(agent.name).toBe("command:claude");
    const { ctx, events } = makeContext();
    const result = await agent.run(makeTask(cwd), ctx);
    expect(result).toMatchObject({
      ok: true,
      summary: "Created src/journal.ts with the Journal class.",
      filesChanged: ["claude-args.txt", "claude-stdin.txt", "src/journal.ts"],
      usage: { inputTokens: 1234, outputTokens: 321, costUsd: 0.0423 },
      raw: { sessionId: "0f5e1c9a-3b7d-4c2e-9a51-6d2b8e4f7a10", numTurns: 3, exitCode: 0 },
    });
    expect(events).toContainEqual({ type: "usage", usage: result.usage });
    const args = await readFile(join(cwd, "claude-args.txt"), "utf8");
    expect(args.split("\n").filter(Boolean)).toEqual(["-p", "--output-format", "json", "--permission-mode", "acceptEdits"]);
    expect(await readFile(join(cwd, "claude-stdin.txt"), "utf8")).toBe("Implement the journal module.");
  });

  it("fails with the result text when claude reports an error", async () => {
    const text = 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Overloaded"}}';
    const output = claudeResult({ is_error: true, result: text, api_error_status: 500, terminal_reason: "api_error" });
    const { bin, cwd } = await fakeClaude(output, 1);
    const agent = createCommandAgent({ preset: "claude", env: { PATH: `${bin}:${process.env.PATH}` } });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);
    expect(result.ok).toBe(false);
    expect(result.error).toBe(`command exited with code 1: ${text}`);
    expect(result.usage.costUsd).toBe(0.0423);
  });

  it("says a command that is not found is the command line to check", async () => {
    const result = await createCommandAgent({ run: "nonexistent-agent-cli-xyz --go" }).run(makeTask(await tempDir()), makeContext().ctx);
    expect(result.summary).toBe("command exited with code 127, not found (check `command.run` in orchestrate.config.yaml, or that the preset's CLI is on PATH)");
    expect(result.error).toContain("nonexistent-agent-cli-xyz");
  });

  it("fails when claude exits 0 with is_error, or prints no result", async () => {
    const flagged = await fakeClaude(claudeResult({ is_error: true, subtype: "error_max_turns", result: "" }), 0);
    const env = { PATH: `${flagged.bin}:${process.env.PATH}` };
    const result = await createCommandAgent({ preset: "claude", env }).run(makeTask(flagged.cwd), makeContext().ctx);
    expect(result).toMatchObject({ ok: false, error: "command reported an error (error_max_turns)" });
    const silent = await fakeClaude("not json", 0);
    const env2 = { PATH: `${silent.bin}:${process.env.PATH}` };
    const none = await createCommandAgent({ preset: "claude", env: env2 }).run(makeTask(silent.cwd), makeContext().ctx);
    expect(none).toMatchObject({ ok: false, error: "command printed no result JSON on stdout (output: claude-json)" });
  });
});
