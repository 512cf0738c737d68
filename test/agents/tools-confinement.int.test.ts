import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { link, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceTools, type WorkspaceTools } from "../../src/agents/tools.js";
import { openSandbox } from "../../src/sandbox/open.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import { cleanup, tempDir } from "./helpers.js";
import { lonelyFifo, stopFifoOpeners } from "../helpers/fifo.js";

// Findings 1-3 of issue 9, driven through the real workspace tool set and real bubblewrap.

const signal = new AbortController().signal;
const saved = { HOME: process.env.HOME, ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, OPENAI_API_KEY: process.env.OPENAI_API_KEY };
const KEYS = { ANTHROPIC_API_KEY: "sk-ant-test-LEAK-1234567890", OPENAI_API_KEY: "sk-test-LEAK-0987654321" };
/** Outside /tmp, which the sandbox replaces anyway: a write there would prove nothing. */
let outside: string;
let home: string;

beforeAll(async () => {
  outside = await mkdtemp("/var/tmp/orchestrate-outside-");
  home = await mkdtemp("/var/tmp/orchestrate-home-");
  await mkdir(join(home, ".ssh"));
  await writeFile(join(home, ".ssh", "id_ed25519"), "PRIVATE KEY MATERIAL\n");
  Object.assign(process.env, KEYS, { HOME: home });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await Promise.all([outside, home].map((dir) => rm(dir, { recursive: true, force: true })));
});

afterEach(cleanup);

async function setup(): Promise<{ root: string; tools: WorkspaceTools }> {
  const root = await tempDir();
  await mkdir(join(root, ".git"));
  await writeFile(join(root, ".git", "config"), "[core]\n");
  return { root, tools: await createWorkspaceTools({ cwd: root }, { commandTimeoutMs: 10_000 }) };
}

const run = (tools: WorkspaceTools, command: string) => tools.call("run_command", { command }, signal);

describe("run_command is confined (bwrap)", () => {
  it("writes inside the workspace but not outside it", async () => {
    const { root, tools } = await setup();
    const out = await run(tools, `echo in > inside.txt; echo out > ${outside}/escaped.txt`);
    expect(out.isError).toBe(true);
    expect(readFileSync(join(root, "inside.txt"), "utf8")).toBe("in\n");
    expect(existsSync(join(outside, "escaped.txt"))).toBe(false);
  });

  it("cannot read a file in $HOME", async () => {
    const { tools } = await setup();
    const out = await run(tools, `cat ${home}/.ssh/id_ed25519; cat "$HOME/.ssh/id_ed25519"; ls -A "$HOME"`);
    expect(out.content).not.toContain("PRIVATE KEY MATERIAL");
    expect(out.content).not.toContain("id_ed25519\n");
  });

  it("does not see the provider keys of the process environment", async () => {
    const { tools } = await setup();
    const out = await run(tools, `echo "a=[$ANTHROPIC_API_KEY] o=[$OPENAI_API_KEY]"; env`);
    expect(out.content).toContain("a=[] o=[]");
    expect(out.content).not.toContain("LEAK");
  });

  it("has no network: a server on 127.0.0.1 is not reached", async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections += 1;
      socket.on("error", () => {});
      socket.end("hello\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const { tools } = await setup();
      const probe = `require("net").connect(${port}, "127.0.0.1").on("connect", () => { console.log("CONNECTED"); process.exit(0); }).on("error", (e) => { console.log("NO NETWORK " + e.code); process.exit(1); })`;
      const out = await run(tools, `node -e '${probe}'`);
      expect(out.content).toContain("NO NETWORK");
      expect(out.content).not.toContain("stdout:\nCONNECTED");
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("cannot change .git", async () => {
    const { root, tools } = await setup();
    const out = await run(tools, "echo evil >> .git/config; touch .git/hooks-new");
    expect(out.isError).toBe(true);
    expect(readFileSync(join(root, ".git", "config"), "utf8")).toBe("[core]\n");
    expect(existsSync(join(root, ".git", "hooks-new"))).toBe(false);
  });

  it("leaves nothing running: a setsid child is gone when the command returns", async () => {
    const { root, tools } = await setup();
    const marker = `orchestrate-setsid-${randomBytes(6).toString("hex")}`;
    // The child waits for a file the test creates after the command returned, then writes.
    const child = `: ${marker}; echo started > started.txt; while [ ! -e go ]; do sleep 0.05; done; echo late > late.txt`;
    const out = await run(tools, `setsid sh -c '${child}' </dev/null >/dev/null 2>&1 & while [ ! -e started.txt ]; do sleep 0.05; done; echo parent done`);
    expect(out.content).toContain("parent done");
    expect(livingWith(marker)).toEqual([]);
    await writeFile(join(root, "go"), "");
    expect(livingWith(marker)).toEqual([]);
    expect(existsSync(join(root, "late.txt"))).toBe(false);
  });

  it("leaves nothing running after a timeout either", async () => {
    const { tools } = await setup();
    const marker = `orchestrate-timeout-${randomBytes(6).toString("hex")}`;
    const out = await tools.call("run_command", { command: `setsid sh -c ': ${marker}; sleep 60' </dev/null >/dev/null 2>&1 & sleep 60`, timeoutMs: 300 }, signal);
    expect(out.content).toContain("timed out after 300 ms (the timeoutMs asked for)");
    expect(livingWith(marker)).toEqual([]);
  });

  it("is not offered when bubblewrap cannot run, unless sandbox.mode is none", async () => {
    const root = await tempDir();
    const missing = await openSandbox(SANDBOX_DEFAULTS, "/nonexistent/bwrap");
    expect(missing.line).toBe("sandbox: unavailable (/nonexistent/bwrap is not installed), run_command disabled (install bubblewrap, or set sandbox.mode: none)");
    const tools = await createWorkspaceTools({ cwd: root }, { sandbox: missing });
    expect(tools.definitions.map((d) => d.name)).not.toContain("run_command");
    expect(await tools.call("run_command", { command: "true" }, signal)).toMatchObject({ isError: true, content: expect.stringContaining("sandbox") });

    const none = await createWorkspaceTools({ cwd: root }, { sandbox: { ...SANDBOX_DEFAULTS, mode: "none" } });
    const out = await none.call("run_command", { command: 'echo "[$ANTHROPIC_API_KEY]"' }, signal);
    expect(out).toMatchObject({ isError: false, content: expect.stringContaining("[]") });
  });
});

/** Pids of live (non-zombie) processes whose command line holds `marker`. */
function livingWith(marker: string): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
      return cmdline.includes(marker) && state !== "Z";
    } catch {
      return false;
    }
  });
}

describe("write_file and edit_file do not write through links", () => {
  it("replace a hard link to a file outside the project instead of writing into it", async () => {
    const { root, tools } = await setup();
    await writeFile(join(outside, "target.txt"), "original outside\n");
    await writeFile(join(outside, "target2.txt"), "original outside\n");
    await link(join(outside, "target.txt"), join(root, "hard.txt"));
    await link(join(outside, "target2.txt"), join(root, "hard2.txt"));

    expect(await tools.call("write_file", { path: "hard.txt", content: "overwritten\n" }, signal)).toMatchObject({ isError: false });
    expect(await tools.call("edit_file", { path: "hard2.txt", old_string: "original", new_string: "edited" }, signal)).toMatchObject({ isError: false });

    expect(await readFile(join(outside, "target.txt"), "utf8")).toBe("original outside\n");
    expect(await readFile(join(outside, "target2.txt"), "utf8")).toBe("original outside\n");
    expect(await readFile(join(root, "hard.txt"), "utf8")).toBe("overwritten\n");
    expect(await readFile(join(root, "hard2.txt"), "utf8")).toBe("edited outside\n");
  });

  it("refuse a symbolic link to a file outside the project", async () => {
    const { root, tools } = await setup();
    await writeFile(join(outside, "linked.txt"), "original\n");
    await symlink(join(outside, "linked.txt"), join(root, "soft.txt"));
    expect(await tools.call("write_file", { path: "soft.txt", content: "x" }, signal)).toMatchObject({ isError: true });
    expect(await tools.call("edit_file", { path: "soft.txt", old_string: "original", new_string: "x" }, signal)).toMatchObject({ isError: true });
    expect(await readFile(join(outside, "linked.txt"), "utf8")).toBe("original\n");
  });
});

describe("files a command made that are not plain text files", () => {
  afterEach(stopFifoOpeners);

  it("a named pipe is answered at once by read_file, edit_file and search, not waited on", async () => {
    const { root, tools } = await setup();
    // What `run_command: mkfifo pipe` leaves; nothing will ever write to it.
    lonelyFifo(join(root, "pipe"));
    const started = performance.now();
    const notAFile = { content: "`pipe` is not a regular file (a named pipe, socket or device)", isError: true };
    expect(await tools.call("read_file", { path: "pipe" }, signal)).toEqual(notAFile);
    expect(await tools.call("edit_file", { path: "pipe", old_string: "a", new_string: "b" }, signal)).toEqual(notAFile);
    expect(await tools.call("search", { pattern: "a", path: "pipe" }, signal)).toEqual({ content: "No matches", isError: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a file too large to hold is refused by read_file and edit_file, not loaded", async () => {
    const { root, tools } = await setup();
    await writeFile(join(root, "huge.log"), "");
    await truncate(join(root, "huge.log"), 3 * 1024 ** 3); // sparse: 3 GB without the disk
    const out = await tools.call("read_file", { path: "huge.log" }, signal);
    expect(out).toEqual({ content: "`huge.log` is 3072 MB, over the 16 MB the tools read whole; use search, or run_command with head, tail or sed -n", isError: true });
    expect((await tools.call("edit_file", { path: "huge.log", old_string: "a", new_string: "b" }, signal)).content).toMatch(/^`huge.log` is 3072 MB/);
  });
});

describe("search with a model's regular expression", () => {
  it("answers `(a+)+$` over a long line promptly", async () => {
    const { root, tools } = await setup();
    await writeFile(join(root, "long.txt"), `${"a".repeat(5000)}b\n`);
    const started = performance.now();
    const out = await tools.call("search", { pattern: "(a+)+$", regex: true }, signal);
    expect(out).toEqual({ content: "No matches", isError: false });
    // Backtracking takes hours here; the linear engine takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
  }, 20_000);

  it("answers a pattern the engine cannot compile with a tool error", async () => {
    const { root, tools } = await setup();
    await writeFile(join(root, "a.txt"), "abcabc\n");
    const out = await tools.call("search", { pattern: "(abc)\\1", regex: true }, signal);
    expect(out.isError).toBe(true);
    expect(out.content).toMatch(/^Expected `pattern` to be a regular expression in RE2 syntax .*invalid escape sequence/);
    expect((await tools.call("search", { pattern: "b+c", regex: true }, signal)).content).toBe("a.txt:1: abcabc");
  });
});
