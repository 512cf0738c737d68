import { createColors } from "picocolors";
import { describe, expect, it } from "vitest";
import type { RunEvent, Timed } from "../../../src/run/events.js";
import { createProgress } from "../../../src/cli/render/progress.js";
import { stripAnsi } from "../../../src/cli/render/format.js";
import { workspaceLines } from "../../../src/cli/render/workspace.js";
import { fakeStream, PLAN, RUN_ID } from "./fixtures.js";

type Untimed = RunEvent extends infer E ? (E extends { runId: string } ? Omit<E, "runId"> : never) : never;
const BRANCH = `orchestrate/${RUN_ID}`;
const BASE = "0123456789abcdef0123456789abcdef01234567";
const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
const CONFLICT = `merging into ${BRANCH} conflicts in pkg/shared.py, pkg/util.py:\nCONFLICT (content): Merge conflict in pkg/shared.py\n\npkg/shared.py:\n<<<<<<< ours`;

/** An isolated run: events merged, api conflicts, its retry merges; the run's end repeats the workspace with its head. */
function isolatedRun(note?: string): Timed<RunEvent>[] {
  const at = (ms: number, ...events: Untimed[]) => events.map((e) => ({ ...e, runId: RUN_ID, at: 1_000_000 + ms }) as Timed<RunEvent>);
  return [
    ...at(0, { type: "workspace", isolation: "worktree", branch: BRANCH, base: BASE, ...(note ? { note } : {}) }),
    ...at(0, { type: "run:start", request: "implement system", plan: PLAN, resumed: false, concurrency: 2, schedule: "ready", agent: "simulate" }),
    ...at(100, { type: "module:state", moduleId: "events", layer: "core", state: "running", attempt: 1 }),
    ...at(
      1000,
      { type: "merge", moduleId: "events", attempt: 1, ok: true, commit: "c1".padEnd(40, "0"), into: "d1".padEnd(40, "0"), files: ["pkg/events.py", "tests/test_events.py"] },
      { type: "attempt:end", moduleId: "events", attempt: 1, ok: true, durationMs: 900, usage },
      { type: "module:state", moduleId: "events", layer: "core", state: "done", attempt: 1 },
    ),
    ...at(1100, { type: "module:state", moduleId: "api", layer: "app", state: "running", attempt: 1 }),
    ...at(
      2000,
      { type: "merge", moduleId: "api", attempt: 1, ok: false, commit: "c2".padEnd(40, "0"), files: ["app/api.py", "pkg/shared.py", "pkg/util.py"], conflict: CONFLICT },
      { type: "attempt:end", moduleId: "api", attempt: 1, ok: false, error: CONFLICT, failure: "MERGE_CONFLICT", retryable: true, durationMs: 900, usage },
      { type: "module:state", moduleId: "api", layer: "app", state: "pending", attempt: 1, reason: "attempt 1 failed; retrying" },
    ),
    ...at(2100, { type: "module:state", moduleId: "api", layer: "app", state: "running", attempt: 2 }),
    ...at(
      3000,
      { type: "merge", moduleId: "api", attempt: 2, ok: true, commit: "c3".padEnd(40, "0"), into: "d3".padEnd(40, "0"), files: ["app/api.py"] },
      { type: "attempt:end", moduleId: "api", attempt: 2, ok: true, durationMs: 900, usage },
      { type: "module:state", moduleId: "api", layer: "app", state: "done", attempt: 2 },
    ),
    ...at(3100, { type: "workspace", isolation: "worktree", branch: BRANCH, base: BASE, head: "d3".padEnd(40, "0") }),
  ];
}

describe("progress of an isolated run (issue 13)", () => {
  it("plain: the workspace once at the start, each merge with the state it leads to, a conflict's files once", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    for (const e of isolatedRun()) progress.listener(e);
    progress.stop();
    expect(out.text().split("\n")).toEqual([
      `[00:00.0] workspace: worktrees, integration branch ${BRANCH} from 01234567`,
      `[00:00.0] run ${RUN_ID} started: implement system (4 modules, agent simulate, schedule ready, concurrency 2)`,
      "[00:01.0] events: done; merged 2 files",
      "[00:02.0] api: attempt 1 failed: merge conflict in pkg/shared.py, pkg/util.py",
      "[00:03.0] api: done; merged 1 file",
      "",
    ]);
  });

  it("plain: a merge that leads to another state than done (a debug diagnosis, an optimize benchmark) has its own line", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    // events: running, merged, attempt ended, then `pending` (a diagnosis that a fix attempt follows) instead of `done`.
    const events = isolatedRun().slice(0, 6);
    for (const e of events.slice(0, 5)) progress.listener(e);
    progress.listener({ ...events[5]!, state: "pending" } as Timed<RunEvent>);
    progress.stop();
    expect(out.text()).toContain(`events: merged 2 files into ${BRANCH}\n`);
  });

  it("plain: the workspace line leaves a note (uncommitted changes, why a run is shared) to the CLI, which says it once on its own line", () => {
    const note = "uncommitted changes in 2 files are not included: the run starts from HEAD 01234567 (--include-dirty commits them to the integration branch first)";
    const out = fakeStream(false);
    const progress = createProgress(out.stream, { live: false });
    for (const e of isolatedRun(note)) progress.listener(e);
    progress.stop();
    expect(out.text()).not.toContain("uncommitted changes");
    expect(out.text().split("\n")[0]).toBe(`[00:00.0] workspace: worktrees, integration branch ${BRANCH} from 01234567`);

    const shared = fakeStream(false);
    const sharedProgress = createProgress(shared.stream, { live: false });
    sharedProgress.listener({ type: "workspace", runId: RUN_ID, isolation: "shared", note: "the project is not a git repository", at: 0 });
    sharedProgress.stop();
    expect(shared.text()).toBe("[00:00.0] workspace: shared\n");
  });

  it("live: the workspace is a header line; a conflict shows as the retry's reason", () => {
    const out = fakeStream({ rows: 30, columns: 120 });
    const clock = { t: 0 };
    const progress = createProgress(out.stream, { live: true, now: () => clock.t, colors: createColors(false) });
    const events = isolatedRun();
    // Up to the conflict's pending state.
    for (const e of events.slice(0, 10)) {
      clock.t = e.at;
      progress.listener(e);
    }
    progress.stop();
    const frame = out.writes.filter((w) => w.includes("\n")).at(-1)!.split("\n").map((l) => stripAnsi(l.replace(/\x1b\[\d*[AJK]|\x1b\[2K|\x1b\[\?25[lh]|\r/g, "")));
    expect(frame[2]).toBe(`workspace: worktrees, integration branch ${BRANCH} from 01234567`);
    expect(frame.find((l) => l.includes(" api "))).toMatch(/retrying: merge conflict in pkg\/shared.py, pkg\/util.py$/);
  });
});

describe("status: where an isolated run's work is", () => {
  const c = createColors(false);
  it("a branch with no commit beyond its base holds no work: it is not 'merged into your branch' (a failed or interrupted run)", () => {
    for (const state of ["failed", "interrupted", "running"] as const) {
      const lines = workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head: BASE, merged: true }, state, c);
      expect(lines).toEqual([`  workspace branch ${BRANCH} from 01234567 at 01234567, nothing on it beyond its base`]);
    }
  });

  it("a branch with work your branch holds is merged; one it does not hold says how to merge it", () => {
    const head = "d3".padEnd(40, "0");
    expect(workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head, merged: true }, "done", c)).toEqual([`  workspace branch ${BRANCH} from 01234567 at d3000000, merged into your branch`]);
    const unmerged = workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head, merged: false }, "done", c);
    expect(unmerged[0]).toBe(`  workspace branch ${BRANCH} from 01234567 at d3000000`);
    expect(unmerged[1]).toContain(`git merge ${BRANCH}`);
  });

  it("on a detached HEAD, the merge starts with a switch to a branch: a merge there would be on no branch", () => {
    const head = "d3".padEnd(40, "0");
    const at = workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head, merged: false, detached: { at: "main" } }, "done", c);
    expect(at[1]).toBe(`  merge it  git switch main && git merge ${BRANCH}   (HEAD is detached, so a merge there would be on no branch; then \`orchestrate clean\` deletes the branch)`);
    const none = workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head, merged: false, detached: {} }, "done", c);
    expect(none[1]).toContain(`git switch <your branch> && git merge ${BRANCH}`);
    expect(workspaceLines({ isolation: "worktree", branch: BRANCH, base: BASE, head, merged: true, detached: {} }, "done", c)[0]).toBe(`  workspace branch ${BRANCH} from 01234567 at d3000000, held by your checkout (a detached HEAD)`);
  });
});
