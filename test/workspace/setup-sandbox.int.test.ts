import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import { setupLauncher } from "../../src/run/confinement.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { launchOwn, openGateConfinement } from "../../src/validate/confine.js";
import { openRepo, RunWorktrees, WorkspaceError, type WorkspaceSetup } from "../../src/workspace/index.js";
import { hostServer } from "../helpers/host-server.js";
import { cleanup, setEnv, tempDir } from "../sandbox/helpers.js";
import { makeRepo } from "./git-fixture.js";

// workspace.setup is the config's command, and from a module's second attempt on it runs the
// scripts of a worktree that agents wrote: it runs where gates' command checks run, never with
// the run's environment (API keys).

const SECRET = "sk-test-0123456789abcdefghij";

async function trees(root: string, setup: string, config: Pick<Config, "sandbox" | "gates" | "workspace"> | undefined): Promise<RunWorktrees> {
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  const options: WorkspaceSetup = { share: [], setup, timeoutMs: 20_000, ...(config ? { launch: setupLauncher(root, config) } : {}) };
  const made = new RunWorktrees(repo, root, "r1", options);
  await made.start(repo.head);
  return made;
}

let n = 0;
const create = (t: RunWorktrees) => t.create(`m-${++n}`, `orchestrate/attempts/r1/m/${n}`);

afterEach(cleanup);

describe("workspace.setup in the sandbox", () => {
  beforeAll(async () => {
    // CI installs bubblewrap; without it these tests would test nothing.
    expect(await probeBwrap()).toBeUndefined();
  });

  it("sees no secret variable and cannot read the home folder; it writes its worktree", async () => {
    const home = await tempDir("/var/tmp");
    writeFileSync(join(home, "notes.txt"), "HOME-FILE-CONTENT\n");
    const restore = setEnv({ ANTHROPIC_API_KEY: SECRET, HOME: home });
    try {
      const root = makeRepo({ "a.txt": "a\n" });
      // Written into the worktree, not printed: printed output is redacted either way.
      const setup = `echo "key=\${ANTHROPIC_API_KEY:-none}" > seen.txt; cat ~/notes.txt >> seen.txt 2>/dev/null || echo no-home >> seen.txt`;
      const tree = await create(await trees(root, setup, {}));
      expect(readFileSync(join(tree.dir, "seen.txt"), "utf8")).toBe("key=none\nno-home\n");
    } finally {
      restore();
    }
  });

  it("cannot write outside its worktree (the checkout included): the setup fails, saying so", async () => {
    const outside = await tempDir("/var/tmp");
    const root = makeRepo({ "a.txt": "a\n" });
    const error = await create(await trees(root, `echo pwned > ${outside}/x.txt`, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/^workspace\.setup `echo pwned > \S+` exited \d+ in \S+: .*Read-only file system/s);
    expect(existsSync(join(outside, "x.txt"))).toBe(false);
    // The checkout holds the worktree: under /tmp, bubblewrap's fresh /tmp has a throwaway folder in its place (else it is read-only).
    await create(await trees(root, `echo planted > ${root}/a.txt`, {})).catch(() => undefined);
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("a\n");
    // What the config makes writable is writable for setup too (a package manager's cache).
    await create(await trees(root, `echo cached > ${outside}/cache.txt`, { sandbox: { writable: [outside] } }));
    expect(readFileSync(join(outside, "cache.txt"), "utf8")).toBe("cached\n");
  });

  it("runs unconfined only where gates would (`gates.sandbox: false`), still with the allow-listed environment", async () => {
    const outside = await tempDir("/var/tmp");
    const restore = setEnv({ ANTHROPIC_API_KEY: SECRET, BUILD_FLAVOUR: "fast" });
    try {
      const root = makeRepo({ "a.txt": "a\n" });
      const setup = `echo "key=\${ANTHROPIC_API_KEY:-none} flavour=\${BUILD_FLAVOUR:-none}" > ${outside}/seen.txt`;
      await create(await trees(root, setup, { gates: { sandbox: false }, sandbox: { env: ["BUILD_FLAVOUR"] } }));
      expect(readFileSync(join(outside, "seen.txt"), "utf8")).toBe("key=none flavour=fast\n");
      await create(await trees(root, setup, { sandbox: { mode: "none" } }));
      expect(readFileSync(join(outside, "seen.txt"), "utf8")).toBe("key=none flavour=none\n");
      // RunWorktrees given no launcher (a library user's): unconfined, the allow-list all the same.
      await create(await trees(root, setup, undefined));
      expect(readFileSync(join(outside, "seen.txt"), "utf8")).toBe("key=none flavour=none\n");
    } finally {
      restore();
    }
  });

  it("is refused with one line where the config requires the sandbox and bubblewrap cannot run", async () => {
    const outside = await tempDir("/var/tmp");
    const root = makeRepo({ "a.txt": "a\n" });
    const required = await openGateConfinement(SANDBOX_DEFAULTS, true, [], "/nonexistent/bwrap");
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const t = new RunWorktrees(repo, root, "r1", { share: [], setup: `echo x > ${outside}/x.txt`, timeoutMs: 20_000, launch: async (dir) => launchOwn(required, { cwd: dir }) });
    await t.start(repo.head);
    const error = await create(t).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/^workspace\.setup `echo x > \S+` could not start in \S+: the sandbox cannot run here \(\/nonexistent\/bwrap is not installed\): install bubblewrap, or set gates\.sandbox: false$/);
    expect(existsSync(join(outside, "x.txt"))).toBe(false);
  });

  describe("network", () => {
    const host = hostServer("hello from the host\n");

    it("is on for setup alone, where gates have none (sandbox.network off), unless workspace.network: false", async () => {
      const root = makeRepo({ "a.txt": "a\n" });
      const fetch = `node -e 'require("net").connect(${host.port}, "127.0.0.1").on("data", d => require("fs").writeFileSync("got.txt", String(d))).on("error", e => { console.error(e.code); process.exit(1) })'`;
      const on = await create(await trees(root, fetch, {}));
      expect(readFileSync(join(on.dir, "got.txt"), "utf8")).toBe("hello from the host\n");
      const off = await create(await trees(root, fetch, { workspace: { network: false } })).catch((e: unknown) => e);
      expect((off as Error).message).toMatch(/exited 1 in \S+ \(in the sandbox, without network: workspace\.network: true gives it the network\): ECONNREFUSED/);
      // `workspace.network: false` takes it from setup even where gates have it.
      const taken = await create(await trees(root, fetch, { sandbox: { network: true }, workspace: { network: false } })).catch((e: unknown) => e);
      expect((taken as Error).message).toMatch(/ECONNREFUSED/);
    });
  });
});
