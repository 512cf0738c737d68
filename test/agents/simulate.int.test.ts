import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { createSimulateAgent } from "../../src/agents/simulate.js";
import { cleanup, gitSync, makeContext, makeTask, tempDir } from "./helpers.js";

afterEach(cleanup);

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

const PATCH = `diff --git a/src/a.txt b/src/a.txt
--- a/src/a.txt
+++ b/src/a.txt
@@ -1,2 +1,2 @@
 one
-two
+TWO
diff --git a/src/new/b.txt b/src/new/b.txt
new file mode 100644
--- /dev/null
+++ b/src/new/b.txt
@@ -0,0 +1 @@
+bee
`;

describe("simulate agent", () => {
  it("fails the scripted attempts with a message naming module and attempt, then succeeds", async () => {
    const cwd = await tempDir();
    const agent = createSimulateAgent({ fail: { journal: 2 } });
    const run = (attempt: number, moduleId = "journal") =>
      agent.run(makeTask(cwd, { attempt, moduleId }), makeContext().ctx);
    const first = await run(1);
    expect(first).toMatchObject({ ok: false, filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    expect(first.error).toBe("simulate: module journal failed attempt 1 of 2 (scripted by simulate.fail)");
    expect((await run(2)).error).toBe("simulate: module journal failed attempt 2 of 2 (scripted by simulate.fail)");
    expect(await run(3)).toMatchObject({ ok: true, summary: "simulate: implemented journal (0 files replayed)" });
    expect((await run(1, "ledger")).ok).toBe(true);
  });

  it("replays the recorded folder tree into the project and reports the files", async () => {
    const cwd = await tempDir();
    await put(cwd, {
      "recorded/journal/src/journal/index.ts": "export {};\n",
      "recorded/journal/src/journal/deep/entry.ts": "export const entry = 1;\n",
      "recorded/journal/README.md": "# journal\n",
      "src/journal/index.ts": "old\n",
    });
    const result = await createSimulateAgent().run(makeTask(cwd), makeContext().ctx);
    expect(result.ok).toBe(true);
    expect(result.filesChanged).toEqual(["README.md", "src/journal/deep/entry.ts", "src/journal/index.ts"]);
    expect(result.summary).toBe("simulate: implemented journal (3 files replayed)");
    expect(await readFile(join(cwd, "src/journal/index.ts"), "utf8")).toBe("export {};\n");
    expect(await readFile(join(cwd, "src/journal/deep/entry.ts"), "utf8")).toBe("export const entry = 1;\n");
  });

  it("lists the recordings folder once per agent, not once per attempt", async () => {
    const cwd = await tempDir();
    await put(cwd, { "recorded/journal/a.txt": "a\n" });
    const agent = createSimulateAgent();
    expect((await agent.run(makeTask(cwd), makeContext().ctx)).filesChanged).toEqual(["a.txt"]);
    // Recorded after the agent's first attempt: that agent does not list the folder again.
    await put(cwd, { "recorded/ledger/b.txt": "b\n" });
    expect((await agent.run(makeTask(cwd, { moduleId: "ledger" }), makeContext().ctx)).filesChanged).toEqual([]);
    // A new agent (a new run) sees it.
    expect((await createSimulateAgent().run(makeTask(cwd, { moduleId: "ledger" }), makeContext().ctx)).filesChanged).toEqual(["b.txt"]);
  });

  it("puts a recorded diagnosis in the summary instead of copying it", async () => {
    const cwd = await tempDir();
    await put(cwd, { "replays/journal/diagnosis.md": "\nRoot cause: off-by-one in Journal.append.\n", "replays/journal/x.ts": "x" });
    const result = await createSimulateAgent({ replayDir: "replays" }).run(makeTask(cwd), makeContext().ctx);
    expect(result.summary).toBe("Root cause: off-by-one in Journal.append.");
    expect(result.filesChanged).toEqual(["x.ts"]);
    expect(existsSync(join(cwd, "diagnosis.md"))).toBe(false);
  });

  it("copies and patches nothing for a read-only task", async () => {
    const cwd = await tempDir();
    await put(cwd, {
      "recorded/journal/src/x.ts": "x",
      "recorded/journal/diagnosis.md": "It is the clock.",
      "recorded/journal.patch": PATCH,
      "src/a.txt": "one\ntwo\n",
    });
    const result = await createSimulateAgent().run(makeTask(cwd, { readOnly: true }), makeContext().ctx);
    expect(result).toMatchObject({ ok: true, filesChanged: [], summary: "It is the clock." });
    expect(existsSync(join(cwd, "src/x.ts"))).toBe(false);
    expect(await readFile(join(cwd, "src/a.txt"), "utf8")).toBe("one\ntwo\n");
  });

  it("applies a recorded patch with git apply, outside any repository", async () => {
    const cwd = await tempDir();
    await put(cwd, { "recorded/journal.patch": PATCH, "src/a.txt": "one\ntwo\n" });
    const result = await createSimulateAgent().run(makeTask(cwd), makeContext().ctx);
    expect(result).toMatchObject({ ok: true, filesChanged: ["src/a.txt", "src/new/b.txt"] });
    expect(await readFile(join(cwd, "src/a.txt"), "utf8")).toBe("one\nTWO\n");
    expect(await readFile(join(cwd, "src/new/b.txt"), "utf8")).toBe("bee\n");
  });

  it("applies patch paths relative to a project that sits inside a git repository", async () => {
    const repo = await tempDir();
    gitSync(repo, "init", "-q");
    const cwd = join(repo, "app");
    await put(cwd, { "recorded/journal.patch": PATCH, "src/a.txt": "one\ntwo\n" });
    const result = await createSimulateAgent().run(makeTask(cwd), makeContext().ctx);
    expect(result.filesChanged).toEqual(["src/a.txt", "src/new/b.txt"]);
    expect(await readFile(join(cwd, "src/a.txt"), "utf8")).toBe("one\nTWO\n");
  });

  it("fails, changing nothing, when the patch does not apply", async () => {
    const cwd = await tempDir();
    await put(cwd, { "recorded/journal.patch": PATCH, "src/a.txt": "one\nthree\n" });
    const result = await createSimulateAgent().run(makeTask(cwd), makeContext().ctx);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^simulate: module journal: journal\.patch did not apply: .*src\/a\.txt/s);
    expect(existsSync(join(cwd, "src/new/b.txt"))).toBe(false);
  });

  it("returns cancelled promptly when the signal aborts during the latency", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    const agent = createSimulateAgent({ latencyMs: 10_000 });
    const started = Date.now();
    const running = agent.run(makeTask(cwd), makeContext(controller.signal).ctx);
    setTimeout(() => controller.abort(), 50);
    const result = await running;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
    const again = await agent.run(makeTask(cwd), makeContext(controller.signal).ctx);
    expect(again.cancelled).toBe(true);
  });

  it("times out when the latency exceeds the task's timeout", async () => {
    const cwd = await tempDir();
    const result = await createSimulateAgent({ latencyMs: 5000 }).run(makeTask(cwd, { timeoutMs: 30 }), makeContext().ctx);
    expect(result).toMatchObject({ ok: false, error: "timed out after 30 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)" });
  });

  it("rejects invalid options with the key", () => {
    expect(() => createSimulateAgent({ latencyMs: -1 })).toThrow(ConfigError);
    expect(() => createSimulateAgent({ latencyMs: -1 })).toThrow("Expected `simulate.latencyMs` to be an integer from 0 up, got `-1` (number)");
    expect(() => createSimulateAgent({ fail: { journal: 1.5 } })).toThrow("simulate.fail.journal");
  });
});
