import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCommandAgent } from "../../src/agents/command.js";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";

// `command.sandbox: true`: a coding CLI confined like run_command, but with the network
// and its API key, since it calls its model itself.

const saved = { ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY };
let outside: string;

beforeAll(async () => {
  outside = await mkdtemp("/var/tmp/orchestrate-outside-");
  Object.assign(process.env, { ANTHROPIC_API_KEY: "sk-ant-for-the-cli", AWS_SECRET_ACCESS_KEY: "aws-LEAK" });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(outside, { recursive: true, force: true });
});

afterEach(cleanup);

describe("command agent with command.sandbox: true", () => {
  it("runs confined with the network on (network: true), its API key and the ORCHESTRATE_ variables, no other secret", async () => {
    const server = createServer((socket) => socket.on("error", () => {}).end("api\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const cwd = await tempDir();
      const script = [
        // Compared inside the sandbox: printed, a key would be redacted in the log.
        `[ "$ANTHROPIC_API_KEY" = sk-ant-for-the-cli ] && k=yes || k=no; echo "key=$k aws=[$AWS_SECRET_ACCESS_KEY] module=$ORCHESTRATE_MODULE"`,
        `wc -c < "$ORCHESTRATE_PROMPT_FILE"`,
        `node -e 'require("net").connect(${port}, "127.0.0.1").on("data", (d) => process.stdout.write(String(d)))'`,
        `echo out > ${outside}/escaped.txt 2>/dev/null || echo "outside refused"`,
        "echo in > inside.txt",
      ].join("; ");
      const agent = createCommandAgent({ run: script, sandbox: true, network: true });
      const { ctx } = makeContext();
      const result = await agent.run(makeTask(cwd, { promptFile: join(cwd, ".orchestrate", "p.md"), prompt: "hello" }), ctx);
      const stdout = readFileSync(join(cwd, ".orchestrate", "runs", "run-1", "journal", "1", "stdout.log"), "utf8");
      expect(result.ok).toBe(true);
      expect(stdout).toBe("key=yes aws=[] module=journal\n5\napi\noutside refused\n");
      expect(existsSync(join(outside, "escaped.txt"))).toBe(false);
      expect(readFileSync(join(cwd, "inside.txt"), "utf8")).toBe("in\n");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("without the opt-in runs as before: the whole environment", async () => {
    const cwd = await tempDir();
    const agent = createCommandAgent({ run: '[ "$AWS_SECRET_ACCESS_KEY" = aws-LEAK ] && echo "aws=passed"' });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);
    expect(result).toMatchObject({ ok: true, summary: "aws=passed" });
  });
});
