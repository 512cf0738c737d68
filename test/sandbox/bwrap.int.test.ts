import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBwrapSandbox } from "../../src/sandbox/bwrap.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { sandboxConformance } from "./conformance.js";
import { cleanup, exec, setEnv, tempDir } from "./helpers.js";

sandboxConformance("bwrap", (options) => createBwrapSandbox(options));

afterEach(cleanup);

describe("bwrap sandbox", () => {
  it("can run here (CI installs bubblewrap), and says why not when it cannot", async () => {
    expect(await probeBwrap()).toBeUndefined();
    expect(await probeBwrap("/nonexistent/bwrap")).toBe("/nonexistent/bwrap is not installed");
  });

  it("gives a fresh /tmp, and hides the home folder except what `readable` lists", async () => {
    const home = await tempDir("/var/tmp");
    await mkdir(join(home, ".aws"));
    await writeFile(join(home, ".aws", "credentials"), "aws_secret_access_key=LEAK\n");
    await mkdir(join(home, "toolchain"));
    await writeFile(join(home, "toolchain", "tool.sh"), "echo tool ran\n");
    const hostTmp = await tempDir();
    await writeFile(join(hostTmp, "host.txt"), "host\n");
    const restore = setEnv({ HOME: home });
    try {
      const cwd = await tempDir();
      const sandbox = createBwrapSandbox({ ...SANDBOX_DEFAULTS, readable: ["~/toolchain"] });
      const out = await exec(sandbox, { cwd }, `cat ~/.aws/credentials; cat ${hostTmp}/host.txt; sh ~/toolchain/tool.sh; echo x > ~/toolchain/new; touch ~/scratch && echo home writable`);
      expect(out.stdout).toBe("tool ran\nhome writable\n");
      expect(out.stderr).not.toContain("LEAK");
      expect(existsSync(join(home, "toolchain", "new"))).toBe(false);
      expect(existsSync(join(home, "scratch"))).toBe(false); // the home the command saw was a tmpfs
    } finally {
      restore();
    }
  });

  it("runs the toolchains on PATH that live under the hidden home (a version manager's whole folder, else the PATH folder alone)", async () => {
    const home = await tempDir("/var/tmp");
    // pyenv-like: a shim on PATH that runs a version kept elsewhere in the manager's folder.
    await mkdir(join(home, ".pyenv", "shims"), { recursive: true });
    await mkdir(join(home, ".pyenv", "versions", "3.11", "bin"), { recursive: true });
    await writeFile(join(home, ".pyenv", "versions", "3.11", "bin", "py"), "#!/bin/sh\necho py ran\n", { mode: 0o755 });
    await writeFile(join(home, ".pyenv", "shims", "py"), `#!/bin/sh\nexec ${home}/.pyenv/versions/3.11/bin/py\n`, { mode: 0o755 });
    // cargo-like: its bin folder on PATH, its credentials beside it.
    await mkdir(join(home, ".cargo", "bin"), { recursive: true });
    await writeFile(join(home, ".cargo", "bin", "crg"), "#!/bin/sh\necho crg ran\n", { mode: 0o755 });
    await writeFile(join(home, ".cargo", "credentials.toml"), "token = \"LEAK\"\n");
    await mkdir(join(home, ".ssh"));
    await writeFile(join(home, ".ssh", "id_ed25519"), "LEAK\n");
    const restore = setEnv({ HOME: home, PATH: `${home}/.pyenv/shims:${home}/.cargo/bin:${process.env.PATH ?? "/usr/bin:/bin"}` });
    try {
      const cwd = await tempDir();
      const out = await exec(createBwrapSandbox(SANDBOX_DEFAULTS), { cwd }, "py; crg; cat ~/.cargo/credentials.toml ~/.ssh/id_ed25519; touch ~/.pyenv/x || echo read-only");
      expect(out.stdout).toBe("py ran\ncrg ran\nread-only\n");
      expect(out.stdout + out.stderr).not.toContain("LEAK");
    } finally {
      restore();
    }
  });

  it("makes `writable` folders writable, the rest of the file system read-only", async () => {
    const extra = await tempDir("/var/tmp");
    const other = await tempDir("/var/tmp");
    const cwd = await tempDir();
    const out = await exec(createBwrapSandbox({ ...SANDBOX_DEFAULTS, writable: [extra] }), { cwd }, `echo a > ${extra}/a.txt; echo b > ${other}/b.txt`);
    expect(out.exitCode).not.toBe(0);
    expect(out.stderr).toContain("Read-only file system");
    expect(await readFile(join(extra, "a.txt"), "utf8")).toBe("a\n");
    expect(existsSync(join(other, "b.txt"))).toBe(false);
  });

  it("lets git work in a worktree of a repository under /tmp (its main .git read-only), as in an isolated attempt", async () => {
    const repo = await tempDir();
    const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" });
    git(repo, "init", "-q");
    await writeFile(join(repo, "a.txt"), "a\n");
    git(repo, "add", "a.txt");
    git(repo, "commit", "-qm", "a");
    const tree = join(repo, ".orchestrate", "worktrees", "run", "m-1");
    git(repo, "worktree", "add", "-q", "--detach", tree, "HEAD");
    const out = await exec(createBwrapSandbox(SANDBOX_DEFAULTS), { cwd: tree }, "echo b > a.txt; git status --porcelain; git diff --stat | tail -1; echo x > ../../../../.git/hooks/pre-commit || echo git folder read-only");
    expect(out.stdout).toContain(" M a.txt\n");
    expect(out.stdout).toContain("1 file changed");
    expect(out.stdout).toContain("git folder read-only");
    expect(readFileSync(join(tree, "a.txt"), "utf8")).toBe("b\n");
  });

  it("does not mount what a `.git` file written by a command names (a project with no repository)", async () => {
    const home = await tempDir("/var/tmp");
    await mkdir(join(home, ".ssh"));
    await writeFile(join(home, ".ssh", "id_ed25519"), "PRIVATE KEY LEAK\n");
    const restore = setEnv({ HOME: home });
    try {
      const cwd = await tempDir();
      const sandbox = createBwrapSandbox(SANDBOX_DEFAULTS);
      // First command: plant a worktree link to the home folder, even with a forged admin folder.
      await exec(sandbox, { cwd }, `mkdir -p fake/worktrees/x && echo "gitdir: ${home}" > .git && echo ../../../.git > fake/worktrees/x/gitdir`);
      const direct = await exec(sandbox, { cwd }, "cat ~/.ssh/id_ed25519");
      await writeFile(join(cwd, ".git"), `gitdir: ${join(home, "worktrees", "x")}\n`);
      const named = await exec(sandbox, { cwd }, "cat ~/.ssh/id_ed25519");
      expect(direct.stdout + direct.stderr + named.stdout + named.stderr).not.toContain("LEAK");
    } finally {
      restore();
    }
  });

  it("keeps .orchestrate read-only inside a writable workspace", async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, ".orchestrate"));
    await writeFile(join(cwd, ".orchestrate", "state.db"), "db");
    const out = await exec(createBwrapSandbox(SANDBOX_DEFAULTS), { cwd }, "echo x > .orchestrate/state.db; rm -f .orchestrate/state.db; echo ok > src.txt");
    expect(readFileSync(join(cwd, ".orchestrate", "state.db"), "utf8")).toBe("db");
    expect(readFileSync(join(cwd, "src.txt"), "utf8")).toBe("ok\n");
    expect(out.stderr).toContain("Read-only file system");
  });

  it("reaches a 127.0.0.1 server only with `network: true`", async () => {
    const server = createServer((socket) => socket.on("error", () => {}).end("hello\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const probe = `node -e 'require("net").connect(${port}, "127.0.0.1").on("data", (d) => process.stdout.write(String(d))).on("error", (e) => { console.log(e.code); process.exit(1); })'`;
    try {
      const cwd = await tempDir();
      expect((await exec(createBwrapSandbox(SANDBOX_DEFAULTS), { cwd }, probe)).stdout).toBe("ECONNREFUSED\n");
      expect((await exec(createBwrapSandbox({ ...SANDBOX_DEFAULTS, network: true }), { cwd }, probe)).stdout).toBe("hello\n");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("describes itself for the run's first line", () => {
    expect(createBwrapSandbox(SANDBOX_DEFAULTS).description).toBe("bwrap (network off)");
    expect(createBwrapSandbox({ ...SANDBOX_DEFAULTS, network: true }).description).toBe("bwrap (network on)");
  });
});
