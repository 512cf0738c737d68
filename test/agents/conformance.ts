import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Agent, AgentEvent, AgentResult, AgentTask } from "../../src/agents/types.js";
import { cleanup, gitSync, isGone, makeContext, makeTask, tempDir } from "./helpers.js";

/** What the edit scenario writes, in this order (not sorted, so that sorting is checked), relative to the task's cwd. */
export const WRITES: ReadonlyArray<readonly [path: string, content: string]> = [
  ["src/b.ts", "export const b = 2;\n"],
  ["src/a.ts", "export const a = 1;\n"],
  ["notes.md", "# notes\n"],
];
const EXPECTED_FILES = ["notes.md", "src/a.ts", "src/b.ts"];
/** What the hang scenario writes before it gets busy. */
export const PARTIAL = WRITES[1]!;
const OLD_B = "export const b = 1;\n";

/** Where a harness builds its agent: the task's cwd and a scratch folder outside the repository. */
export interface HarnessEnv {
  cwd: string;
  scratch: string;
  /** Runs after the test (servers to close). */
  defer(close: () => Promise<void>): void;
}

export interface HungAgent {
  agent: Agent;
  /** Resolves once the agent is busy (its processes started), when called while it runs. */
  started(): Promise<void>;
  /** The processes the attempt started so far, which a cancel or a timeout must end. */
  pids(): Promise<number[]>;
}

/**
 * One agent as the suite drives it. The capability flags say what the agent cannot do;
 * the suite names each such case in a test of its own and asserts the weaker promise
 * the agent does keep, so nothing is skipped in silence.
 */
export interface AgentHarness {
  can: {
    /** Emits a `tool` event for each tool call. */
    toolEvents: boolean;
    /** Counts tokens: `usage` events and non-zero usage. */
    usage: boolean;
    /** Starts processes, which a cancel or a timeout must leave none of. */
    processes: boolean;
    /** Keeps a read-only task from writing; otherwise it reports what was written (the engine then fails the attempt). */
    readOnly: boolean;
    /** Reports the files it changed before a cancel or a timeout stopped it. */
    partialFiles: boolean;
  };
  /** Files committed with the repository before the attempt, relative to cwd (recordings, say). */
  fixtures?: Record<string, string>;
  /** An agent that writes WRITES in order, then ends with a summary; with a read-only task it tries the same writes. */
  edit(env: HarnessEnv): Promise<Agent>;
  /** The tool calls of the edit scenario, in order (with `toolEvents`). */
  editTools?: string[];
  /** Usage of the edit scenario (with `usage`); cost is checked to be above 0 when "positive". */
  editUsage?: { inputTokens: number; outputTokens: number; costUsd: number | "positive" };
  /** An agent whose attempt fails (an exit code, an HTTP 500, a scripted failure). */
  fail(env: HarnessEnv): Promise<Agent>;
  /** An agent whose attempt writes PARTIAL (with `partialFiles`), then never ends by itself. */
  hang(env: HarnessEnv): Promise<HungAgent>;
  /** `task.timeoutMs` for the timeout test: long enough for the agent to get busy, even on a loaded machine. */
  timeoutMs: number;
}

/** Cancel and timeout end the attempt within this long (the command agent's SIGTERM grace is 2 s). */
const PROMPT_MS = 2_500;

/**
 * A git repository with the task's cwd in a subfolder (`pkg/`), so paths relative to the
 * repository root and to cwd differ. Before the attempt: a tracked file the agent changes
 * (src/b.ts), a dirty tracked file and an untracked file it leaves alone, a dirty file
 * outside cwd, and the engine's prompt file under .orchestrate/. None of these but b.ts
 * may be reported.
 */
async function repository(fixtures: Record<string, string> = {}, dir: () => Promise<string> = tempDir): Promise<{ root: string; cwd: string }> {
  const root = await dir();
  const cwd = join(root, "pkg");
  const files: Record<string, string> = { "pkg/src/b.ts": OLD_B, "pkg/README.md": "# pkg\n", "other/x.ts": "x\n" };
  for (const [path, content] of Object.entries(fixtures)) files[`pkg/${path}`] = content;
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  gitSync(root, "init", "-q");
  gitSync(root, "add", ".");
  gitSync(root, "commit", "-q", "-m", "start");
  await writeFile(join(cwd, "README.md"), "# pkg, edited by hand\n");
  await writeFile(join(cwd, "scratch.txt"), "mine\n");
  await writeFile(join(root, "other/x.ts"), "y\n");
  return { root, cwd };
}

async function withPrompt(task: AgentTask): Promise<AgentTask> {
  await mkdir(dirname(task.promptFile), { recursive: true });
  await writeFile(task.promptFile, task.prompt);
  return task;
}

const read = (cwd: string, path: string) => (existsSync(join(cwd, path)) ? readFileSync(join(cwd, path), "utf8") : undefined);
const toolNames = (events: AgentEvent[]) => events.flatMap((e) => (e.type === "tool" ? [e.name] : []));
const usages = (events: AgentEvent[]) => events.flatMap((e) => (e.type === "usage" ? [e.usage] : []));

function expectNumericUsage(result: AgentResult): void {
  for (const value of Object.values(result.usage)) {
    expect(typeof value).toBe("number");
    expect(value).toBeGreaterThanOrEqual(0);
  }
}

async function expectAllGone(pids: number[]): Promise<void> {
  await expect.poll(() => pids.filter((pid) => !isGone(pid)), { timeout: 3_000, interval: 50 }).toEqual([]);
}

/** The contract every agent keeps with the engine, run against `harness` in a real git repository. */
export function agentConformance(name: string, harness: AgentHarness): void {
  describe(`Agent conformance: ${name}`, () => {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
      await cleanup();
    });
    const setup = async () => {
      const { root, cwd } = await repository(harness.fixtures);
      const env: HarnessEnv = { cwd, scratch: await tempDir(), defer: (close) => void closers.push(close) };
      return { root, cwd, env };
    };

    // The edit scenario as is, run once: three tests below read different facts of it (its files, its events, its usage).
    const sharedDirs: string[] = [];
    const sharedClosers: Array<() => Promise<void>> = [];
    let edited: { cwd: string; result: AgentResult; events: AgentEvent[] };
    beforeAll(async () => {
      const dir = async () => {
        const made = await mkdtemp(join(tmpdir(), "orchestrate-agents-"));
        sharedDirs.push(made);
        return made;
      };
      const { cwd } = await repository(harness.fixtures, dir);
      const env: HarnessEnv = { cwd, scratch: await dir(), defer: (close) => void sharedClosers.push(close) };
      const { ctx, events } = makeContext();
      const result = await (await harness.edit(env)).run(await withPrompt(makeTask(cwd)), ctx);
      edited = { cwd, result, events };
    });
    afterAll(async () => {
      await Promise.all(sharedClosers.splice(0).map((close) => close()));
      await Promise.all(sharedDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it("changes the files, reports exactly them, sorted and relative to cwd, with a summary", () => {
      const { cwd, result } = edited;

      expect(result).toMatchObject({ ok: true, filesChanged: EXPECTED_FILES });
      expect(result.summary.trim()).not.toBe("");
      for (const [path, content] of WRITES) expect(read(cwd, path)).toBe(content);
      expect(read(cwd, "README.md")).toBe("# pkg, edited by hand\n"); // dirty before, untouched: not reported
    });

    it("reports a file changed again when it was already dirty before the attempt", async () => {
      const { cwd, env } = await setup();
      await writeFile(join(cwd, "src/b.ts"), "export const b = 0; // local edit\n");
      const result = await (await harness.edit(env)).run(await withPrompt(makeTask(cwd)), makeContext().ctx);
      expect(result.filesChanged).toEqual(EXPECTED_FILES);
    });

    it("takes a time limit no timer can hold (2^31 ms and more, Infinity) as no limit, not as an instant timeout", async () => {
      // Two attempts in repositories of their own: side by side.
      await Promise.all(
        [2 ** 32, Number.POSITIVE_INFINITY].map(async (timeoutMs) => {
          const { cwd, env } = await setup();
          const result = await (await harness.edit(env)).run(await withPrompt(makeTask(cwd, { timeoutMs })), makeContext().ctx);
          expect(result).toMatchObject({ ok: true, filesChanged: EXPECTED_FILES });
        }),
      );
    });

    it("emits progress, then its tool calls and cumulative usage as the capabilities say", () => {
      const { result, events } = edited;

      expect(result.ok).toBe(true);
      const progress = events.flatMap((e) => (e.type === "progress" ? [e.message] : []));
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.every((m) => typeof m === "string" && m.trim() !== "")).toBe(true);
      expect(toolNames(events)).toEqual(harness.can.toolEvents ? harness.editTools : []);
      const seen = usages(events);
      if (harness.can.usage) {
        expect(seen.length).toBeGreaterThan(0);
        const inputs = seen.map((u) => u.inputTokens);
        expect(inputs).toEqual([...inputs].sort((a, b) => a - b)); // cumulative, never a delta
        expect(seen.at(-1)).toEqual(result.usage);
      } else {
        expect(seen).toEqual([]);
      }
    });

    if (harness.can.usage) {
      it("counts the tokens of the attempt, with a cost", () => {
        const { result } = edited;
        const { inputTokens, outputTokens, costUsd } = harness.editUsage!;
        expectNumericUsage(result);
        expect(result.usage).toMatchObject({ inputTokens, outputTokens });
        if (costUsd === "positive") expect(result.usage.costUsd).toBeGreaterThan(0);
        else expect(result.usage.costUsd).toBe(costUsd);
      });
    } else {
      it("counts no tokens (capability: no usage), and says so with zeros", () => {
        const { result } = edited;
        expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
      });
    }

    if (harness.can.readOnly) {
      it("changes nothing in a read-only task, though it tries", async () => {
        const { cwd, root, env } = await setup();
        const before = gitSync(root, "status", "--porcelain", "--untracked-files=all");
        const task = await withPrompt(makeTask(cwd, { kind: "analyze", readOnly: true }));
        const result = await (await harness.edit(env)).run(task, makeContext().ctx);

        expect(result.filesChanged).toEqual([]);
        expect(read(cwd, "src/b.ts")).toBe(OLD_B);
        expect(read(cwd, "src/a.ts")).toBeUndefined();
        const after = gitSync(root, "status", "--porcelain", "--untracked-files=all");
        expect(after.split("\n").filter((line) => !line.includes(".orchestrate/"))).toEqual(before.split("\n").filter((line) => !line.includes(".orchestrate/")));
      });
    } else {
      it("cannot keep a read-only task from writing (capability: no read-only), so it reports every file written", async () => {
        const { cwd, env } = await setup();
        const task = await withPrompt(makeTask(cwd, { kind: "analyze", readOnly: true }));
        const result = await (await harness.edit(env)).run(task, makeContext().ctx);
        expect(result.filesChanged).toEqual(EXPECTED_FILES);
      });
    }

    it("fails with an error as a result, not a throw", async () => {
      const { cwd, env } = await setup();
      const result = await (await harness.fail(env)).run(await withPrompt(makeTask(cwd)), makeContext().ctx);
      expect(result.ok).toBe(false);
      expect(result.cancelled).toBeFalsy();
      expect(result.error?.trim()).toBeTruthy();
      expect(typeof result.summary).toBe("string");
      expect(result.filesChanged).toEqual([]);
      expectNumericUsage(result);
    });

    it("resolves cancelled, promptly, when the signal is already aborted", async () => {
      const { cwd, env } = await setup();
      const { agent } = await harness.hang(env);
      const controller = new AbortController();
      controller.abort();
      const started = Date.now();
      const result = await agent.run(makeTask(cwd), makeContext(controller.signal).ctx);
      expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled", filesChanged: [] });
      expect(Date.now() - started).toBeLessThan(PROMPT_MS);
    });

    const partial = harness.can.partialFiles ? "keeps the files changed before" : "(capability: changes files only at the end)";
    const processes = harness.can.processes ? "leaves no process behind" : "(capability: starts no process)";
    const partialFiles = harness.can.partialFiles ? [PARTIAL[0]] : [];

    it(`resolves cancelled, promptly, when aborted mid-attempt; ${partial}; ${processes}`, async () => {
      const { cwd, env } = await setup();
      const hung = await harness.hang(env);
      const controller = new AbortController();
      const running = hung.agent.run(await withPrompt(makeTask(cwd, { timeoutMs: 600_000 })), makeContext(controller.signal).ctx);
      await hung.started();
      const pids = await hung.pids();
      if (harness.can.processes) expect(pids.length).toBeGreaterThan(0);
      else expect(pids).toEqual([]);
      const abortedAt = Date.now();
      controller.abort();
      const result = await running;

      expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled", filesChanged: partialFiles });
      expectNumericUsage(result);
      expect(Date.now() - abortedAt).toBeLessThan(PROMPT_MS);
      await expectAllGone(pids);
    });

    it(`fails with \`timed out after N s (the setting)\` when the attempt outlives task.timeoutMs; ${partial}; ${processes}`, async () => {
      const { cwd, env } = await setup();
      const hung = await harness.hang(env);
      const { timeoutMs } = harness;
      const started = Date.now();
      const result = await hung.agent.run(await withPrompt(makeTask(cwd, { timeoutMs })), makeContext().ctx);
      const took = Date.now() - started;

      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^timed out after [\d.]+ (ms|s) \(timeoutMs in orchestrate\.config\.yaml, or --timeout MS\)$/), filesChanged: partialFiles });
      expect(result.cancelled).toBeFalsy();
      expectNumericUsage(result);
      expect(took).toBeGreaterThanOrEqual(timeoutMs - 50);
      expect(took).toBeLessThan(timeoutMs + PROMPT_MS);
      const pids = await hung.pids();
      if (harness.can.processes) expect(pids.length).toBeGreaterThan(0);
      await expectAllGone(pids);
    });
  });
}
