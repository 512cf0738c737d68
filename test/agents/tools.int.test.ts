import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkspaceTools, type WorkspaceTools } from "../../src/agents/tools.js";
import { cleanup, tempDir } from "./helpers.js";

afterEach(cleanup);

const signal = new AbortController().signal;

async function setup(files: Record<string, string> = {}, readOnly = false): Promise<{ root: string; tools: WorkspaceTools }> {
  const root = await tempDir();
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { root, tools: await createWorkspaceTools({ cwd: root, readOnly }, { commandTimeoutMs: 5000 }) };
}

describe("workspace tools: paths stay inside the project", () => {
  it.each([
    ["../x", "is outside the project"],
    ["src/../../x", "is outside the project"],
    ["/etc/passwd", "is outside the project"],
  ])("refuses %s", async (path, message) => {
    const { tools } = await setup();
    for (const [name, input] of [
      ["read_file", { path }],
      ["write_file", { path, content: "x" }],
      ["list_files", { path }],
    ] as const) {
      const out = await tools.call(name, input, signal);
      expect(out.isError).toBe(true);
      expect(out.content).toContain(message);
    }
    expect(tools.filesChanged()).toEqual([]);
  });

  it("refuses a symbolic link to outside, for reading and for writing below it", async () => {
    const outside = await tempDir();
    await writeFile(join(outside, "secret.txt"), "secret");
    const { root, tools } = await setup();
    await symlink(outside, join(root, "escape"));
    await symlink(join(outside, "secret.txt"), join(root, "secret-link.txt"));

    for (const [name, input] of [
      ["read_file", { path: "escape/secret.txt" }],
      ["read_file", { path: "secret-link.txt" }],
      ["write_file", { path: "escape/new/file.txt", content: "x" }],
      ["search", { pattern: "secret", path: "escape" }],
    ] as const) {
      expect(await tools.call(name, input, signal)).toMatchObject({ isError: true, content: expect.stringContaining("through a symbolic link") });
    }
    await expect(readFile(join(outside, "new/file.txt"))).rejects.toThrow();
  });

  it("refuses to write through a dangling link, and into .git or .orchestrate", async () => {
    const outside = await tempDir();
    const { root, tools } = await setup();
    await symlink(join(outside, "nothing-yet.txt"), join(root, "dangling.txt"));
    expect((await tools.call("write_file", { path: "dangling.txt", content: "x" }, signal)).content).toContain("target does not exist");
    expect((await tools.call("write_file", { path: ".git/config", content: "x" }, signal)).content).toContain("may not change");
    expect((await tools.call("edit_file", { path: ".orchestrate/state.db", old_string: "a", new_string: "b" }, signal)).isError).toBe(true);
  });

  it("accepts absolute paths inside the project and links that stay inside", async () => {
    const { root, tools } = await setup({ "src/a.txt": "alpha\n" });
    await symlink(join(root, "src"), join(root, "alias"));
    expect(await tools.call("read_file", { path: join(root, "src/a.txt") }, signal)).toEqual({ content: "alpha\n", isError: false });
    expect(await tools.call("write_file", { path: "alias/b.txt", content: "beta" }, signal)).toEqual({ content: "Wrote 4 bytes to src/b.txt", isError: false });
    expect(tools.filesChanged()).toEqual(["src/b.txt"]);
  });
});

describe("workspace tools", () => {
  it("edit_file replaces exactly one occurrence, else says why", async () => {
    const { root, tools } = await setup({ "a.js": "let x = 1;\nlet y = 1;\n" });
    expect(await tools.call("edit_file", { path: "a.js", old_string: "= 1", new_string: "= 2" }, signal)).toEqual({
      content: "Expected `old_string` to occur exactly once in a.js, found 2 times",
      isError: true,
    });
    expect((await tools.call("edit_file", { path: "a.js", old_string: "z", new_string: "w" }, signal)).content).toContain("not found");
    expect(await tools.call("edit_file", { path: "a.js", old_string: "let y = 1", new_string: "let y = $&" }, signal)).toEqual({ content: "Edited a.js", isError: false });
    expect(await readFile(join(root, "a.js"), "utf8")).toBe("let x = 1;\nlet y = $&;\n");
    expect(tools.filesChanged()).toEqual(["a.js"]);
  });

  it("read_file reads a slice of lines", async () => {
    const { tools } = await setup({ "n.txt": "1\n2\n3\n4\n" });
    expect((await tools.call("read_file", { path: "n.txt", offset: 2, limit: 2 }, signal)).content).toBe("[lines 2-3 of 5]\n2\n3");
  });

  it("list_files lists one level or everything below, skipping node_modules", async () => {
    const { tools } = await setup({ "src/a.ts": "", "src/deep/b.ts": "", "node_modules/m/index.js": "", "README.md": "" });
    expect((await tools.call("list_files", {}, signal)).content).toBe("README.md\nnode_modules/\nsrc/");
    expect((await tools.call("list_files", { path: ".", recursive: true }, signal)).content).toBe(
      "README.md\nnode_modules/\nsrc/\nsrc/a.ts\nsrc/deep/\nsrc/deep/b.ts",
    );
  });

  it("search finds substrings and regular expressions with file and line", async () => {
    const { tools } = await setup({ "src/a.ts": "const total = 1;\nexport { total };\n", "src/b.ts": "TOTAL\n", "bin.dat": "total\0" });
    expect((await tools.call("search", { pattern: "total" }, signal)).content).toBe("src/a.ts:1: const total = 1;\nsrc/a.ts:2: export { total };");
    expect((await tools.call("search", { pattern: "^TOT", regex: true, path: "src" }, signal)).content).toBe("src/b.ts:1: TOTAL");
    expect((await tools.call("search", { pattern: "(", regex: true }, signal)).isError).toBe(true);
  });

  it("run_command runs in the project and reports the exit code and output", async () => {
    const { root, tools } = await setup();
    const ok = await tools.call("run_command", { command: "pwd; echo oops >&2" }, signal);
    expect(ok.isError).toBe(false);
    expect(ok.content).toMatch(/^\$ pwd; echo oops >&2\nexit code 0 \(\d+ ms\)\nstdout:\n.+\nstderr:\noops$/);
    expect(ok.content).toContain(root.split("/").at(-1));
    const failed = await tools.call("run_command", { command: "exit 3" }, signal);
    expect(failed).toMatchObject({ isError: true, content: expect.stringContaining("exit code 3") });
    const slow = await tools.call("run_command", { command: "sleep 5", timeoutMs: 100 }, signal);
    expect(slow).toMatchObject({ isError: true, content: expect.stringContaining("timed out after 100 ms (the timeoutMs asked for)") });
  });

  it("answers invalid input with the schema's complaint", async () => {
    const { tools } = await setup();
    const out = await tools.call("write_file", { path: "a.txt" }, signal);
    expect(out.isError).toBe(true);
    expect(out.content).toMatch(/^Invalid input for write_file:\n.*content/s);
  });
});

describe("workspace tools for a read-only task", () => {
  it("offers only reading tools and refuses the others", async () => {
    const { tools } = await setup({}, true);
    expect(tools.definitions.map((d) => d.name)).toEqual(["read_file", "list_files", "search"]);
    expect(await tools.call("run_command", { command: "touch x" }, signal)).toEqual({
      content: "Tool `run_command` is not allowed in a read-only task",
      isError: true,
    });
  });

  it("describes each tool with a JSON schema object", async () => {
    const { tools } = await setup();
    const write = tools.definitions.find((d) => d.name === "write_file")!;
    expect(write.inputSchema).toMatchObject({ type: "object", required: ["path", "content"] });
    expect(write.inputSchema).not.toHaveProperty("$schema");
  });
});
