import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createAgent } from "../../src/agents/registry.js";
import type { ModelApi, Script } from "../helpers/model-server.js";
import { createModelServer } from "../helpers/model-server.js";
import { claudeEnv, startClaudeFake, type FakeScript } from "../helpers/claude-fake.js";
import { PARTIAL, WRITES, type AgentHarness, type HarnessEnv, type HungAgent } from "./conformance.js";
import { pidsWithEnv, waitForPids } from "./helpers.js";
import { agentFor } from "./model-helpers.js";

/** A shell line that records its pid and its child's in `file`, then waits for the child (30 s). */
const busyShell = (file: string) => `echo $$ >> '${file}'; sleep 30 & echo $! >> '${file}'; wait`;

async function recordedPids(file: string): Promise<number[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map(Number);
}

/** A process that records its pids: busy once both are written. */
function busyProcess(env: HarnessEnv): { command: string; started: () => Promise<void>; pids: () => Promise<number[]> } {
  const file = join(env.scratch, "pids");
  return { command: busyShell(file), started: () => waitForPids(file, 2, 20_000).then(() => undefined), pids: () => recordedPids(file) };
}

export const simulateHarness: AgentHarness = {
  // It replays a recording once its latency is over: a cut attempt has changed nothing.
  can: { toolEvents: false, usage: false, processes: false, readOnly: true, partialFiles: false },
  fixtures: Object.fromEntries(WRITES.map(([path, content]) => [`recorded/journal/${path}`, content])),
  edit: async () => createAgent("simulate", {}),
  fail: async () => createAgent("simulate", { fail: { journal: 1 } }),
  // Its latency is known in advance: longer than the time limit means it waits the limit and fails.
  hang: async () => ({ agent: createAgent("simulate", { latencyMs: 600_000 }), started: async () => undefined, pids: async () => [] }),
  timeoutMs: 300,
};

const printf = (path: string, content: string) => `printf '${content.replace(/\n/g, "\\n")}' > ${path}`;
const CLAUDE_JSON = { type: "result", subtype: "success", is_error: false, result: "wrote 3 files", usage: { input_tokens: 1200, output_tokens: 340 }, total_cost_usd: 0.0123, session_id: "s-1", num_turns: 2 };

export const commandHarness: AgentHarness = {
  // A CLI's own tool calls are not seen; its tokens are, from a `claude-json` result.
  // Read-only waits for the sandbox of issue 9: the engine's snapshot check fails such an attempt meanwhile.
  can: { toolEvents: false, usage: true, processes: true, readOnly: false, partialFiles: true },
  edit: async () =>
    createAgent("command", { run: [...WRITES.map(([path, content]) => printf(path, content)), `echo '${JSON.stringify(CLAUDE_JSON)}'`].join("; "), output: "claude-json" }),
  editUsage: { inputTokens: 1200, outputTokens: 340, costUsd: 0.0123 },
  fail: async () => createAgent("command", { run: "echo 'no compiler' >&2; exit 3" }),
  async hang(env) {
    const busy = busyProcess(env);
    return { agent: createAgent("command", { run: `${printf(...PARTIAL)}; ${busy.command}` }), started: busy.started, pids: busy.pids };
  },
  timeoutMs: 2_000,
};

function modelHarness(api: ModelApi): AgentHarness {
  const start = async (env: HarnessEnv, script: Script) => {
    const server = await createModelServer(script).start();
    env.defer(() => server.close());
    // The busy process records its pids in a scratch folder outside the workspace, as host pids:
    // unconfined here. The sandbox's own suite (test/sandbox, tools-confinement) shows that a
    // confined command leaves nothing behind either.
    return agentFor(api, server.url, { sandbox: { mode: "none" } });
  };
  return {
    can: { toolEvents: true, usage: true, processes: true, readOnly: true, partialFiles: true },
    edit: (env) =>
      start(env, (req) =>
        req.turn === 0 ? { toolCalls: WRITES.map(([path, content], i) => ({ id: `w${i}`, name: "write_file", input: { path, content } })) } : { text: "Wrote the module." },
      ),
    editTools: WRITES.map(() => "write_file"),
    // Two responses of 100 in and 20 out (the server's default); the price table knows the model.
    editUsage: { inputTokens: 200, outputTokens: 40, costUsd: "positive" },
    fail: (env) => start(env, () => ({ status: 500, message: "the model is down" })),
    async hang(env): Promise<HungAgent> {
      const busy = busyProcess(env);
      const [path, content] = PARTIAL;
      const agent = await start(env, (req) => {
        if (req.turn === 0) return { toolCalls: [{ id: "w", name: "write_file", input: { path, content } }] };
        if (req.turn === 1) return { toolCalls: [{ id: "c", name: "run_command", input: { command: busy.command } }] };
        return { text: "done" };
      });
      return { agent, started: busy.started, pids: busy.pids };
    },
    timeoutMs: 4_000,
  };
}

export const anthropicHarness = modelHarness("anthropic");
export const openaiHarness = modelHarness("openai");

/** The real Claude Code binary against the scripted Messages API, with its own HOME and a mark in its environment. */
async function claudeCode(env: HarnessEnv, script: FakeScript, mark: string, allowedTools: string[] = []) {
  const fake = await startClaudeFake(script);
  env.defer(() => fake.close());
  const home = join(env.scratch, "home");
  // As the model agents': the busy process records host pids outside the workspace, so its Bash is
  // unconfined here; claude-code-sandbox.int.test.ts shows a cancelled sandboxed Bash leaves nothing behind.
  return createAgent("claude-code", { model: "claude-sonnet-4-5", allowedTools, env: { ...claudeEnv(fake.url, home), ORCHESTRATE_CONFORMANCE: mark }, sandbox: { mode: "none" } });
}

let marks = 0;

export const claudeCodeHarness: AgentHarness = {
  can: { toolEvents: true, usage: true, processes: true, readOnly: true, partialFiles: true },
  edit: (env) =>
    claudeCode(
      env,
      (req) => {
        // Claude Code writes over a file only once it has read it.
        if (req.turn === 0) return { tools: [{ name: "Read", input: { file_path: `${req.cwd}/src/b.ts` } }] };
        if (req.turn === 1) return { tools: WRITES.map(([path, content]) => ({ name: "Write", input: { file_path: `${req.cwd}/${path}`, content } })) };
        return { text: "Wrote the module." };
      },
      `edit-${process.pid}-${++marks}`,
    ),
  editTools: ["Read", ...WRITES.map(() => "Write")],
  // Three responses of 100 in and 20 out; the cost is Claude Code's own.
  editUsage: { inputTokens: 300, outputTokens: 60, costUsd: "positive" },
  async hang(env) {
    const busy = busyProcess(env);
    const mark = `hang-${process.pid}-${++marks}`;
    const claude = new Set<number>();
    const [path, content] = PARTIAL;
    const script: FakeScript = (req) => {
      if (req.turn === 0) return { tools: [{ name: "Write", input: { file_path: `${req.cwd}/${path}`, content } }] };
      if (req.turn > 1) return { text: "done" };
      // Claude Code itself, found by the mark in its environment while it waits for this answer.
      const found = pidsWithEnv(`ORCHESTRATE_CONFORMANCE=${mark}`);
      if (found.length === 0) throw new Error(`no process carries ORCHESTRATE_CONFORMANCE=${mark}: Claude Code cannot be checked for leftovers`);
      for (const pid of found) claude.add(pid);
      return { tools: [{ name: "Bash", input: { command: busy.command, description: "Wait" } }] };
    };
    const agent = await claudeCode(env, script, mark, ["Bash"]);
    return { agent, started: busy.started, pids: async () => [...claude, ...(await busy.pids())] };
  },
  fail: (env) => claudeCode(env, () => ({ status: 500, message: "the model is down" }), `fail-${process.pid}-${++marks}`),
  timeoutMs: 8_000,
};
