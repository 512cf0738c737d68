import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { gateConfinement } from "../../src/run/confinement.js";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { runGate, type GateContext } from "../../src/validate/gates.js";
import { openGateConfinement } from "../../src/validate/confine.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import type { Config } from "../../src/config/schema.js";
import type { CheckConfig } from "../../src/validate/types.js";
import { cleanup, setEnv, tempDir } from "../sandbox/helpers.js";
import { hostServer } from "../helpers/host-server.js";
import { makeProject } from "../helpers/project.js";

// Gate checks run the code and tests the agents wrote: in the sandbox unless the config opts out.

const spec = (root: string) => ({ root, modules: [], layers: [] }) as unknown as GateContext["spec"];

/** One command check run as a run's gate runs it, in `root` (an attempt's worktree) of the project at `project`. */
async function gate(root: string, config: Pick<Config, "sandbox" | "gates" | "workspace">, check: Omit<CheckConfig, "name" | "kind">, project = root) {
  const confine = await gateConfinement(project, config);
  const result = await runGate("module", "m", [{ name: "tests", kind: "command", ...check }], { root, spec: spec(root), layerOrder: [], modules: ["m"], vars: { module: "m", files: [] }, timeoutMs: 20_000, confine });
  return result.checks[0]!;
}

afterEach(cleanup);

describe("gate command checks in the sandbox", () => {
  beforeAll(async () => {
    // CI installs bubblewrap; without it these tests would test nothing.
    expect(await probeBwrap()).toBeUndefined();
  });

  it("cannot write outside the workspace, read the home folder or see a secret variable; `gates.sandbox: false` can", async () => {
    const home = await tempDir("/var/tmp");
    writeFileSync(join(home, "notes.txt"), "HOME-FILE-CONTENT\n");
    const outside = await tempDir("/var/tmp");
    const restore = setEnv({ HOME: home, DEPLOY_API_KEY: "dk-live-0123456789abcdef" });
    try {
      const root = makeProject({});
      // What a hostile test does: all three attempts, then report what it got.
      const run = `cat ~/notes.txt || echo no-home; echo pwned > ${outside}/x.txt && echo wrote-outside; echo "key=\${DEPLOY_API_KEY:-none}"; echo made > in-workspace.txt; exit 1`;
      const confined = await gate(root, {}, { run });
      expect(confined.output).toContain("no-home");
      expect(confined.output).not.toContain("HOME-FILE-CONTENT");
      expect(confined.output).toMatch(/Read-only file system/);
      expect(confined.output).not.toContain("wrote-outside");
      expect(confined.output).toContain("key=none");
      expect(existsSync(join(outside, "x.txt"))).toBe(false);
      expect(readFileSync(join(root, "in-workspace.txt"), "utf8")).toBe("made\n");

      const open = await gate(root, { gates: { sandbox: false } }, { run });
      expect(open.output).toContain("HOME-FILE-CONTENT");
      expect(open.output).toContain("wrote-outside");
      expect(open.output).toContain("key=[REDACTED:DEPLOY_API_KEY]"); // there, as before (and redacted in what is kept)
      expect(readFileSync(join(outside, "x.txt"), "utf8")).toBe("pwned\n");
    } finally {
      restore();
    }
  });

  it("a check's own `sandbox: false` runs it unconfined, `sandbox: true` confines it under `gates.sandbox: false`", async () => {
    const outside = await tempDir("/var/tmp");
    const root = makeProject({});
    const run = `echo x > ${outside}/own.txt`;
    expect((await gate(root, {}, { run, sandbox: false })).ok).toBe(true);
    expect(existsSync(join(outside, "own.txt"))).toBe(true);
    const confined = await gate(root, { gates: { sandbox: false } }, { run: `echo y > ${outside}/own2.txt`, sandbox: true });
    expect(confined.ok).toBe(false);
    expect(existsSync(join(outside, "own2.txt"))).toBe(false);
  });

  describe("network", () => {
    const host = hostServer("hello from the host\n");

    it("is off (the host's 127.0.0.1 too) unless `sandbox.network: true`; a test's own server on loopback works either way", async () => {
      const root = makeProject({});
      const probe = `node -e 'require("net").connect(${host.port}, "127.0.0.1").on("data", d => process.stdout.write(String(d))).on("error", e => { console.log(e.code); process.exit(1) })'`;
      const off = await gate(root, {}, { run: probe });
      expect(off.ok).toBe(false);
      expect(off.output).toContain("ECONNREFUSED");
      const on = await gate(root, { sandbox: { network: true } }, { run: probe });
      expect(on.output).toBe("hello from the host");
      const open = await gate(root, { gates: { sandbox: false } }, { run: probe });
      expect(open.output).toBe("hello from the host");
      // A test suite that starts its own server and talks to it: the sandbox's own loopback is up.
      const own = `node -e 'const s = require("net").createServer(c => c.end("own")).listen(0, "127.0.0.1", () => require("net").connect(s.address().port, "127.0.0.1").on("data", d => { console.log(String(d)); s.close() }))'`;
      expect((await gate(root, {}, { run: own })).output).toBe("own");
    });
  });

  it("a check that failed on a host name it could not resolve says the sandbox has no network and what to do; another failure, or one outside the sandbox, does not", async () => {
    const root = makeProject({});
    // What `mvn -B test` without its local repository does: look up the central repository, then fail.
    const download = `node -e 'require("dns").lookup("repo.maven.apache.org", (e) => { console.log(e ? e.message : "resolved"); process.exit(1) })'`;
    const off = await gate(root, {}, { run: download });
    expect(off.ok).toBe(false);
    expect(off.message).toMatch(/^exit 1, it tried the network, which the sandbox does not have \(getaddrinfo \w+ repo\.maven\.apache\.org\); what it downloads must be in a cache on disk \(~\/\.m2\/repository, ~\/\.gradle\/caches, ~\/\.cargo\/registry and the Go module cache are read, offline: fetch it there once outside the sandbox; another folder goes in sandbox\.readable\), or set sandbox\.network: true or gates\.sandbox: false$/);
    expect((await gate(root, {}, { run: "echo 'AssertionError: 2 != 3'; exit 1" })).message).toBe("exit 1");
    expect((await gate(root, { gates: { sandbox: false } }, { run: "echo 'Unknown host repo.example.invalid'; exit 1" })).message).toBe("exit 1");
  });

  it("a command not found inside says that a home folder's toolchain needs sandbox.readable", async () => {
    const home = await tempDir("/var/tmp");
    mkdirSync(join(home, ".toolchain", "bin"), { recursive: true });
    writeFileSync(join(home, ".toolchain", "bin", "mytool"), "#!/bin/sh\necho tool ran\n", { mode: 0o755 });
    // Not on PATH (those are readable): run by its path, as a script kept under the home would be.
    const restore = setEnv({ HOME: home });
    try {
      const root = makeProject({});
      const tool = join(home, ".toolchain", "bin", "mytool");
      const hidden = await gate(root, {}, { run: tool });
      expect(hidden.ok).toBe(false);
      expect(hidden.message).toBe(`exit 127, command not found: \`${tool}\` is there outside the sandbox but hidden in the sandbox: add \`${join(home, ".toolchain", "bin")}\` to sandbox.readable, or set gates.sandbox: false`);
      const readable = await gate(root, { sandbox: { readable: ["~/.toolchain"] } }, { run: tool });
      expect(readable).toMatchObject({ ok: true, output: "tool ran" });
    } finally {
      restore();
    }
  });

  it("a command not found says whether it is on the user's PATH, hidden by the sandbox, or missing everywhere; the folder it names makes it run", async () => {
    // /tmp is the sandbox's own: a tool on PATH there is hidden, as one in an unlisted folder would be.
    const bin = await tempDir();
    writeFileSync(join(bin, "mytool"), "#!/bin/sh\necho tool ran\n", { mode: 0o755 });
    const restore = setEnv({ PATH: `${bin}:${process.env.PATH ?? ""}` });
    try {
      const root = makeProject({});
      const hidden = await gate(root, {}, { run: "mytool" });
      expect(hidden.message).toBe(`exit 127, command not found: \`mytool\` is on your PATH (${join(bin, "mytool")}) but hidden in the sandbox: add \`${bin}\` to sandbox.readable, or set gates.sandbox: false`);
      expect(await gate(root, { sandbox: { readable: [bin] } }, { run: "mytool" })).toMatchObject({ ok: true, output: "tool ran" });
      const missing = await gate(root, {}, { run: "orchestrate-no-such-tool -q" });
      expect(missing.message).toBe("exit 127, command not found: `orchestrate-no-such-tool` is not on PATH, in the sandbox or outside it: install it (a tool under a home folder, off PATH, needs its folder in sandbox.readable)");
    } finally {
      restore();
    }
  });

  it("makes what workspace.share links to readable (the checkout's node_modules), not writable", async () => {
    const checkout = await tempDir("/var/tmp");
    mkdirSync(join(checkout, "node_modules", "dep"), { recursive: true });
    writeFileSync(join(checkout, "node_modules", "dep", "index.js"), "module.exports = 'dep loaded'\n");
    // The checkout stands for one under a home folder, hidden inside; the worktree links its node_modules there.
    const restore = setEnv({ HOME: checkout });
    try {
      const tree = makeProject({});
      const { symlinkSync } = await import("node:fs");
      symlinkSync(join(checkout, "node_modules"), join(tree, "node_modules"));
      const run = `node -e 'console.log(require("dep"))'; echo x > node_modules/dep/planted.js || echo read-only`;
      const linked = await gate(tree, { workspace: { share: ["node_modules"] } }, { run }, checkout);
      expect(linked.output).toMatch(/^dep loaded\n.*Read-only file system\nread-only$/);
      expect(existsSync(join(checkout, "node_modules", "dep", "planted.js"))).toBe(false);
      const unshared = await gate(tree, {}, { run: `node -e 'console.log(require("dep"))'` }, checkout);
      expect(unshared.ok).toBe(false);
    } finally {
      restore();
    }
  });
});

describe("gate confinement's line", () => {
  it("names the sandbox, the opt-out, and what happens where bubblewrap cannot run", async () => {
    const root = makeProject({});
    expect((await gateConfinement(root, {})).line).toBe("gates: bwrap (network off)");
    expect((await gateConfinement(root, { sandbox: { network: true } })).line).toBe("gates: bwrap (network on)");
    expect((await gateConfinement(root, { gates: { sandbox: false } })).line).toBe("gates: unconfined (gates.sandbox: false)");
    expect((await gateConfinement(root, { sandbox: { mode: "none" } })).line).toBe("gates: unconfined (sandbox.mode: none)");
  });

  it("without bubblewrap: runs checks unconfined and says so; `gates.sandbox: true` fails them instead", async () => {
    const outside = await tempDir("/var/tmp");
    const root = makeProject({});
    const check: CheckConfig = { name: "tests", kind: "command", run: `echo x > ${outside}/y.txt` };
    const ctx = { root, spec: spec(root), layerOrder: [], modules: ["m"], vars: { module: "m", files: [] }, timeoutMs: 20_000 };
    const auto = await openGateConfinement(SANDBOX_DEFAULTS, undefined, [], "/nonexistent/bwrap");
    expect(auto.line).toBe("gates: unconfined (/nonexistent/bwrap is not installed; install bubblewrap to confine them, or set gates.sandbox: false)");
    expect((await runGate("module", "m", [check], { ...ctx, confine: auto })).ok).toBe(true);
    expect(existsSync(join(outside, "y.txt"))).toBe(true);
    const required = await openGateConfinement(SANDBOX_DEFAULTS, true, [], "/nonexistent/bwrap");
    expect(required.line).toBe("gates: unavailable (/nonexistent/bwrap is not installed), command checks will fail (install bubblewrap, or set gates.sandbox: false)");
    const refused = await runGate("module", "m", [{ ...check, run: `echo x > ${outside}/z.txt` }], { ...ctx, confine: required });
    expect(refused.ok).toBe(false);
    expect(refused.checks[0]!.message).toBe("could not start: the sandbox cannot run here (/nonexistent/bwrap is not installed): install bubblewrap, or set gates.sandbox: false");
    expect(existsSync(join(outside, "z.txt"))).toBe(false);
  });
});
