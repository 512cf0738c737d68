import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import { prepareFromProject } from "../../src/queue/prepare.js";
import { makeContext, makeTask } from "../agents/helpers.js";
import { exampleCopy } from "../helpers/example.js";

// A queue worker's agent reads what `workspace.share` names in its worktree, as a local agent reads
// the checkout's and as the worker's own gates do. The shared folder here leads out of the worktree
// into /tmp, which the sandbox replaces with a fresh one: unreadable unless made readable again.

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("a queue worker's agent and workspace.share", () => {
  it("its sandboxed commands read the shared folder's content, as the worker's gates do", async () => {
    const deps = mkdtempSync(join(tmpdir(), "orchestrate-deps-"));
    made.push(deps);
    mkdirSync(join(deps, "tool"));
    writeFileSync(join(deps, "tool", "marker.txt"), "from the shared folder\n");
    const dir = exampleCopy();
    made.push(dir);
    // What a worker's `workspace.setup` might leave: node_modules linked to a store outside the worktree.
    symlinkSync(deps, join(dir, "node_modules"));
    const config: Config = { agent: "command", command: { run: "cat node_modules/tool/marker.txt", sandbox: true }, workspace: { share: ["node_modules"] } };
    const { agent } = prepareFromProject(dir, "command", 60_000, config);
    const result = await agent.run(makeTask(dir), makeContext().ctx);
    // Before: `cat: node_modules/tool/marker.txt: No such file or directory`, the link dangling in the sandbox.
    expect(result).toMatchObject({ ok: true, summary: "from the shared folder" });
  });

  it("never a shared path git tracks at the attempt's base: an agent's committed link to a home folder is not opened", async () => {
    const secret = mkdtempSync(join(tmpdir(), "orchestrate-secret-"));
    made.push(secret);
    writeFileSync(join(secret, "id_ed25519"), "PRIVATE\n");
    const dir = exampleCopy();
    made.push(dir);
    symlinkSync(secret, join(dir, "node_modules"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "an earlier module's merged work, with its link");
    const config: Config = { agent: "command", command: { run: "cat node_modules/id_ed25519", sandbox: true }, workspace: { share: ["node_modules/"] } };
    const { agent } = prepareFromProject(dir, "command", 60_000, config);
    const result = await agent.run(makeTask(dir), makeContext().ctx);
    // Before: `PRIVATE`, the committed link's target mounted readable as a shared folder.
    expect(result.ok).toBe(false);
    expect(result.summary).not.toContain("PRIVATE");
  });

  it("never a shared path an agent made after the setup, uncommitted: a link it leaves is not opened for the next command or gate", async () => {
    const secret = mkdtempSync(join(tmpdir(), "orchestrate-secret-"));
    made.push(secret);
    writeFileSync(join(secret, "id_ed25519"), "PRIVATE\n");
    const dir = committedCopy();
    made.push(dir);
    // No node_modules once the setup has run; the agent's first command links one, never committed.
    const config: Config = { agent: "command", command: { run: `[ -e node_modules ] || ln -s ${secret} node_modules; cat node_modules/id_ed25519`, sandbox: true }, workspace: { share: ["node_modules"] } };
    const { agent } = prepareFromProject(dir, "command", 60_000, config);
    await agent.run(makeTask(dir), makeContext().ctx);
    const later = await agent.run(makeTask(dir, { attempt: 2 }), makeContext().ctx);
    // Before: `PRIVATE` on the second command, the agent's own link mounted readable as the shared folder.
    expect(later.ok).toBe(false);
    expect(later.summary).not.toContain("PRIVATE");
  });

  it("a shared folder the setup made inside the worktree, swapped by an agent for a link elsewhere, is not opened", async () => {
    const secret = mkdtempSync(join(tmpdir(), "orchestrate-secret-"));
    made.push(secret);
    writeFileSync(join(secret, "id_ed25519"), "PRIVATE\n");
    const dir = committedCopy();
    made.push(dir);
    mkdirSync(join(dir, "node_modules"));
    const config: Config = { agent: "command", command: { run: `[ -L node_modules ] || { rm -rf node_modules && ln -s ${secret} node_modules; }; cat node_modules/id_ed25519`, sandbox: true }, workspace: { share: ["node_modules"] } };
    const { agent } = prepareFromProject(dir, "command", 60_000, config);
    await agent.run(makeTask(dir), makeContext().ctx);
    const later = await agent.run(makeTask(dir, { attempt: 2 }), makeContext().ctx);
    expect(later.ok).toBe(false);
    expect(later.summary).not.toContain("PRIVATE");
  });
});

/** The example as a worker's worktree has it: committed, at the attempt's base. */
function committedCopy(): string {
  const dir = exampleCopy();
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "base");
  return dir;
}
