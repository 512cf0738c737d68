import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";
import { agentFor, APIS, serve, toolResults } from "./model-helpers.js";

// Issue 9, finding 1, through the production client path: the real SDK agent, a scripted
// model server on 127.0.0.1, and the tool result the provider receives.

const KEYS = { ANTHROPIC_API_KEY: "sk-ant-api03-LEAKED-abcdef", OPENAI_API_KEY: "sk-proj-LEAKED-123456" };
const saved = { HOME: process.env.HOME, ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, OPENAI_API_KEY: process.env.OPENAI_API_KEY };
let home: string;
let outside: string;

beforeAll(async () => {
  home = await mkdtemp("/var/tmp/orchestrate-home-");
  outside = await mkdtemp("/var/tmp/orchestrate-outside-");
  await writeFile(join(home, "secret.txt"), "HOME-SECRET\n");
  Object.assign(process.env, KEYS, { HOME: home });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await Promise.all([home, outside].map((dir) => rm(dir, { recursive: true, force: true })));
});

afterEach(cleanup);

describe.each(APIS)("%s agent: run_command in the sandbox", (api) => {
  it("sends the provider no key and no home file, and writes nothing outside the project", async () => {
    const cwd = await tempDir();
    const command = `echo "keys=[$ANTHROPIC_API_KEY][$OPENAI_API_KEY]"; cat "$HOME/secret.txt" ${home}/secret.txt; echo escaped > ${outside}/escaped.txt; echo inside > inside.txt`;
    const server = await serve((req) => {
      if (req.turn === 0) return { toolCalls: [{ id: "c1", name: "run_command", input: { command } }] };
      return { text: "done" };
    });
    const { ctx } = makeContext();
    const result = await agentFor(api, server.url).run(makeTask(cwd), ctx);

    expect(result.ok).toBe(true);
    const [seen] = toolResults(server.requests[1]!);
    expect(seen!.content).toContain("keys=[][]");
    for (const request of server.requests) {
      const body = JSON.stringify(request.body);
      expect(body).not.toContain("LEAKED");
      expect(body).not.toContain("HOME-SECRET");
    }
    expect(existsSync(join(outside, "escaped.txt"))).toBe(false);
    expect(existsSync(join(cwd, "inside.txt"))).toBe(true);
  });
});
