import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { writeFiles } from "../helpers/project.js";

/**
 * The kill campaign: a run of 44 modules (4 layers of 11, each depending on two of the
 * layer below) with the simulate agent, SIGKILLed at seeded random points (during start-up,
 * mid-run, during the docs) and resumed until it ends by itself. Then nothing may be lost,
 * nothing redone, the store whole, and every CHANGELOG entry there exactly once.
 */
const SEED = Number(process.env["KILL_CAMPAIGN_SEED"] ?? 20261201);
const KILLS = 8;
const LAYERS = 4;
const PER_LAYER = 11;
const BUDGET_MS = 55_000;

/** mulberry32: small, seeded, good enough to spread kill points. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = (layer: number, i: number) => `m${layer}_${String(i % PER_LAYER).padStart(2, "0")}`;

function specTree(): Record<string, string> {
  const files: Record<string, string> = {
    ".claude/system/SYSTEM_ORCHESTRATOR.md": `# System\n\nLayers: ${Array.from({ length: LAYERS }, (_, l) => `l${l + 1}`).join(", ")}.\n`,
    "orchestrate.config.yaml": "agent: simulate\nconcurrency: 4\nsimulate:\n  latencyMs: 100\n",
  };
  for (let l = 1; l <= LAYERS; l++) {
    for (let i = 0; i < PER_LAYER; i++) {
      const front = l > 1 ? `---\ndepends_on: [${id(l - 1, i)}, ${id(l - 1, i + 1)}]\n---\n` : "";
      files[`.claude/layers/l${l}/modules/${id(l, i).toUpperCase()}_AGENT.md`] =
        `${front}# ${id(l, i)}\n\n**Type**: Module Agent\n**Module**: \`src/l${l}/${id(l, i)}.py\`\n\n## Purpose\n\nModule ${id(l, i)} does its part.\n`;
      // Recorded changes to replay: a module that changes nothing gets no CHANGELOG entry (issue 12, finding 6).
      files[`recorded/${id(l, i)}/src/l${l}/${id(l, i)}.py`] = `# ${id(l, i)}\n`;
    }
  }
  return files;
}

/** Where a round is killed: at a time after spawn, after the n-th module done, or that plus a delay. */
type KillPoint = { afterMs: number } | { afterDone: number; delayMs: number };

interface Round {
  command: string;
  /** Whether the run was still open (running, interrupted, its docs pending, or not yet recorded) when the round started. */
  open: boolean;
  /** The run was recorded done but its documentation step was still pending: the round only finishes the docs. */
  docsOnly: boolean;
  kill?: KillPoint;
  killed: boolean;
  code: number | null;
  /** Modules done in the store when the round started. */
  doneBefore: number;
  /** "done" lines the round printed before it ended (a resumed run first repeats the earlier ones). */
  doneInRound: number;
}

interface Campaign {
  root: string;
  rounds: Round[];
  ms: number;
  modules: string[];
}

/** The latest run's state, or undefined when no run was recorded (killed before it was). */
function latestRun(root: string): { state: string; done: number; docsPending: boolean } | undefined {
  const file = join(root, ".orchestrate/state.db");
  if (!existsSync(file)) return undefined;
  const db = new Database(file);
  try {
    const run = db.prepare("SELECT id, state FROM runs ORDER BY created_at DESC LIMIT 1").get() as { id: string; state: string } | undefined;
    if (!run) return undefined;
    const { done } = db.prepare("SELECT count(*) AS done FROM modules WHERE run_id = ? AND state = 'done'").get(run.id) as { done: number };
    // The documentation step is recorded pending in the transaction that ends the run, and done once written.
    const docs = db.prepare("SELECT data FROM events WHERE run_id = ? AND type = 'docs' ORDER BY id DESC LIMIT 1").get(run.id) as { data: string } | undefined;
    const docsPending = docs !== undefined && (JSON.parse(docs.data) as { state?: string }).state === "pending";
    return { state: run.state, done, docsPending };
  } catch {
    return undefined; // no schema yet: killed while the store was being created
  } finally {
    db.close();
  }
}

/** One `run` or `resume`, SIGKILLed at `kill` unless it ends first. */
async function runRound(root: string, args: string[], kill: KillPoint | undefined, doneBefore: number): Promise<{ killed: boolean; code: number | null; doneInRound: number }> {
  const child = spawn(process.execPath, [BIN, ...args, "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "ignore"] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const timers: NodeJS.Timeout[] = [];
  const killLater = (ms: number) => timers.push(setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), ms));
  let done = 0;
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    const lines = text.split("\n");
    text = lines.pop() ?? "";
    for (const line of lines) {
      if (!/^\[[\d:.]+\] \S+: done/.test(line)) continue;
      done++;
      // A resumed run first re-announces the modules already done: count past those.
      if (kill && "afterDone" in kill && done === doneBefore + kill.afterDone) killLater(kill.delayMs);
    }
  });
  if (kill && "afterMs" in kill) killLater(kill.afterMs);
  const { code, signal } = await exited;
  for (const t of timers) clearTimeout(t);
  return { killed: signal === "SIGKILL", code, doneInRound: done };
}

async function campaign(): Promise<Campaign> {
  // Its own folder, not makeProject's: several tests read the one campaign.
  const root = mkdtempSync(join(tmpdir(), "orchestrate-kills-"));
  writeFiles(root, specTree());
  const rng = random(SEED);
  const rounds: Round[] = [];
  const started = Date.now();
  const total = LAYERS * PER_LAYER;
  const kills = () => rounds.filter((r) => r.killed).length;
  for (;;) {
    const run = latestRun(root);
    const docsOnly = run?.state === "done" && run.docsPending;
    const open = !run || run.state === "running" || run.state === "interrupted" || docsOnly;
    // The last kill may land after the run is recorded done and before its docs: a resume finishes them.
    if (!open) break;
    if (rounds.length >= KILLS * 3) throw new Error(`no end after ${rounds.length} rounds: ${JSON.stringify(rounds)}`);
    const args = run ? ["resume"] : ["run", "implement system"];
    const left = total - (run?.done ?? 0);
    const dice = rng();
    // Kills land in start-up (config, plan, store, lock), after a random module, and, last
    // of all, around the last module: the run's end and its docs.
    const kill: KillPoint | undefined =
      !open || kills() >= KILLS ? undefined
      : kills() === KILLS - 1 ? { afterDone: left, delayMs: Math.floor(rng() * 40) }
      // By time: within start-up or the modules left (4 at a time, 100 ms each), so the kill lands before the run ends.
      : dice < 0.25 || left < 2 ? { afterMs: Math.floor(rng() * Math.min(600, 150 + left * 25)) }
      : { afterDone: 1 + Math.floor(rng() * (left - 1)), delayMs: Math.floor(rng() * 15) };
    const result = await runRound(root, args, kill, run?.done ?? 0);
    rounds.push({ command: args[0]!, open, docsOnly: docsOnly === true, ...(kill ? { kill } : {}), ...result, doneBefore: run?.done ?? 0 });
  }
  const modules = Array.from({ length: total }, (_, n) => id(Math.floor(n / PER_LAYER) + 1, n % PER_LAYER));
  return { root, rounds, ms: Date.now() - started, modules };
}

interface Status {
  state: string;
  modules: { id: string; state: string; attempts: { n: number; state: string }[] }[];
}

let c: Campaign;
let status: Status;

beforeAll(async () => {
  c = await campaign();
  const db = new Database(join(c.root, ".orchestrate/state.db"), { readonly: true });
  const run = db.prepare("SELECT id, state FROM runs").get() as { id: string; state: string };
  const modules = db.prepare("SELECT module_id AS id, state FROM modules WHERE run_id = ? ORDER BY rowid").all(run.id) as { id: string; state: string }[];
  const attempts = db.prepare("SELECT module_id AS id, n, state FROM attempts WHERE run_id = ? ORDER BY module_id, n").all(run.id) as { id: string; n: number; state: string }[];
  db.close();
  status = { state: run.state, modules: modules.map((m) => ({ ...m, attempts: attempts.filter((a) => a.id === m.id) })) };
  // The figures the issue asks for, in the test log.
  const killed = c.rounds.filter((r) => r.killed);
  const where = killed.map((r) => (r.kill && "afterMs" in r.kill ? `${r.kill.afterMs}ms after start` : `after ${r.doneInRound - r.doneBefore} more done, ${r.doneInRound} in all`));
  process.stdout.write(`kill campaign (seed ${SEED}): ${c.modules.length} modules, ${c.rounds.length} rounds, ${killed.length} SIGKILLs (${where.join("; ")}), ${c.ms} ms\n`);
}, 90_000);

afterAll(() => {
  if (c) rmSync(c.root, { recursive: true, force: true });
});

describe(`kill campaign: ${LAYERS * PER_LAYER} modules SIGKILLed at seeded random points and resumed until done`, () => {
  it("is killed for real and stays within its time bound", () => {
    // Up to KILLS; fewer when one lands after the run is recorded done, which ends the campaign.
    expect(c.rounds.filter((r) => r.killed).length).toBeGreaterThanOrEqual(KILLS / 2);
    // Only the last round may end by itself; if the run was still open then, it finished it. The
    // last kill, a few ms after the last module's "done", can also land once the run and its docs
    // are recorded done (the docs step takes a few ms): then no round ended by itself.
    const unkilled = c.rounds.filter((r) => !r.killed);
    expect(unkilled.filter((r) => r !== c.rounds.at(-1))).toStrictEqual([]);
    if (unkilled[0]?.open) expect(unkilled[0].code).toBe(0);
    expect(c.ms).toBeLessThan(BUDGET_MS);
  });

  it("loses no module: the run is done, every module done", () => {
    expect(status.state).toBe("done");
    expect(status.modules.map((m) => m.id)).toEqual(c.modules);
    expect(status.modules.filter((m) => m.state !== "done")).toEqual([]);
  });

  it("redoes no module: one done attempt each, and no attempt after it", () => {
    const redone = status.modules.filter((m) => m.attempts.filter((a) => a.state === "done").length !== 1 || m.attempts.at(-1)?.state !== "done");
    expect(redone).toEqual([]);
    expect(status.modules.flatMap((m) => m.attempts).filter((a) => a.state === "running")).toEqual([]);
  });

  it("leaves the store whole: PRAGMA integrity_check is ok", () => {
    const db = new Database(join(c.root, ".orchestrate/state.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});

// Findings 4 and 5: entries written twice after an interrupt, lost after a kill between
// "done" and the docs. The documentation step is durable (src/run): recorded pending when the
// run ends, finished by `resume`, never written twice.
describe("kill campaign: every CHANGELOG entry exactly once (findings 4 and 5)", () => {
  it("a resume after a kill between the run's end and its docs finishes the docs", () => {
    // Present only when the last kill landed after the run was recorded done and before its docs;
    // such a round may itself be killed, then the next one finishes the docs.
    const late = c.rounds.filter((r) => r.docsOnly && !r.killed);
    expect(late.map((r) => r.code)).toEqual(late.map(() => 0));
  });

  it("has one `**<module>**` entry per module, none twice, none missing", () => {
    const file = join(c.root, "CHANGELOG.md");
    const changelog = existsSync(file) ? readFileSync(file, "utf8") : "";
    const counts = Object.fromEntries(c.modules.map((m) => [m, changelog.split(`- **${m}** (`).length - 1]));
    expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
    expect(changelog.match(/^- \*\*/gm)).toHaveLength(c.modules.length);
  });
});
