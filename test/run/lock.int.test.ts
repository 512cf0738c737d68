import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processStartTime } from "../../src/exec/process-group.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";

// Racers run the built lock (dist/): `npm test` builds first, as for the CLI tests.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const RACERS = 4;
const TRIALS = 300;
const SCENARIOS = ["none", "dead", "reused", "zombie", "torn", "crashed"] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Message {
  type: string;
  won?: boolean;
  code?: string;
}

/** A racer process with an inbox: `next(type)` is the next message of that type. */
class Racer {
  private readonly inbox: Message[] = [];
  private readonly waiting: { type: string; resolve: (m: Message) => void }[] = [];
  constructor(readonly child: ChildProcess) {
    child.on("message", (m: Message) => {
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
      else this.inbox.push(m);
    });
  }
  next(type: string): Promise<Message> {
    const i = this.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]!);
    return new Promise((resolve) => this.waiting.push({ type, resolve }));
  }
  ask(message: object, reply: string): Promise<Message> {
    const answer = this.next(reply);
    this.child.send(message);
    return answer;
  }
}

/** `pid (comm) state ppid ...` of every process, as [pid, state, ppid]. */
function processes(): [number, string, number][] {
  const found: [number, string, number][] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = text.slice(text.lastIndexOf(")") + 2).split(" ");
      found.push([Number(entry), state!, Number(ppid)]);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A zombie: `true` exits, and the `sleep` its shell became never collects it. */
async function makeZombie(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn("/bin/sh", ["-c", "true & exec sleep 120"], { stdio: "ignore" });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const zombie = processes().find(([, state, ppid]) => ppid === parent.pid && state === "Z");
    if (zombie) return { pid: zombie[0], parent };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no zombie appeared");
}

const root = mkdtempSync(join(tmpdir(), "orchestrate-lock-"));
const racers: Racer[] = [];
let zombie: { pid: number; parent: ChildProcess } | undefined;
let crasher: ChildProcess | undefined;

beforeAll(async () => {
  for (let i = 0; i < RACERS; i++) {
    const racer = new Racer(fork(fixture("lock-racer.mjs"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] }));
    racers.push(racer);
  }
  await Promise.all(racers.map((r) => r.next("up")));
  zombie = await makeZombie();
});

afterAll(() => {
  for (const r of racers) r.child.send({ type: "exit" });
  crasher?.kill("SIGKILL");
  zombie?.parent.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

describe("run lock across processes (finding 7)", () => {
  it(`${TRIALS} trials of ${RACERS} processes racing over no lock, a dead, a reused-pid, a zombie, a torn holder and a write killed midway: exactly one winner every time`, async () => {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const deadPid = spawnSync("true").pid!;
    const zombieStart = processStartTime(zombie!.pid)!;
    expect(zombieStart).toBeDefined();

    const stores = new Map<string, SqliteStore>();
    const storeOf = (db: string) => stores.get(db) ?? stores.set(db, openSqliteStore(db)).get(db)!;
    const shared = join(root, "shared", "state.db");
    storeOf(shared);
    // Each trial over a write killed midway needs its own database: one crasher holds them all.
    const crashedTrials = Math.ceil(TRIALS / SCENARIOS.length);
    const crashDbs = Array.from({ length: crashedTrials }, (_, i) => join(root, `crash${i}`, "state.db"));
    for (const db of [shared, ...crashDbs]) {
      storeOf(db);
      // Opening migrates under the write lock, so every racer opens before the crasher holds it.
      await Promise.all(racers.map((r) => r.ask({ type: "prepare", db }, "ready")));
    }
    crasher = spawn(process.execPath, [fixture("lock-crasher.mjs"), ...crashDbs], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => crasher!.stdout!.once("data", () => resolve()));

    const setHolder = (store: SqliteStore, pid: number, startTime: string) =>
      store.db.prepare("INSERT OR REPLACE INTO run_lock (id, pid, start_time, run_id, since) VALUES (1, ?, ?, 'old', 0)").run(pid, startTime);
    const winners: Record<Scenario, number[]> = { none: [], dead: [], reused: [], zombie: [], torn: [], crashed: [] };
    const refusals = new Set<string>();
    const started = Date.now();
    let crashed = 0;
    for (let t = 0; t < TRIALS; t++) {
      const scenario = SCENARIOS[t % SCENARIOS.length]!;
      const db = scenario === "crashed" ? crashDbs[crashed++]! : shared;
      const store = storeOf(db);
      if (scenario === "none") store.db.prepare("DELETE FROM run_lock").run();
      if (scenario === "dead") setHolder(store, deadPid, `${boot}:1`);
      if (scenario === "reused") setHolder(store, process.pid, `${boot}:1`);
      if (scenario === "zombie") setHolder(store, zombie!.pid, zombieStart);
      if (scenario === "torn") setHolder(store, 0, "");
      await Promise.all(racers.map((r) => r.ask({ type: "prepare", db }, "ready")));

      const acquiring = Promise.all(racers.map((r) => r.next("acquiring")));
      const results = Promise.all(racers.map((r) => r.next("result")));
      const at = Date.now() + 3;
      for (const r of racers) r.child.send({ type: "go", at });
      if (scenario === "crashed" && crashed === 1) {
        // The first such trial races while the write is in flight: kill the writer now.
        await acquiring;
        crasher.kill("SIGKILL");
      }
      const outcome = await results;
      const won = outcome.flatMap((m, i) => (m.won ? [i] : []));
      for (const m of outcome) if (!m.won) refusals.add(m.code ?? "?");
      winners[scenario].push(won.length);
      if (won.length === 1) {
        expect(store.getLock()?.pid).toBe(racers[won[0]!]!.child.pid);
        await racers[won[0]!]!.ask({ type: "release" }, "released");
        expect(store.getLock()).toBeUndefined();
      } else {
        for (const i of won) await racers[i]!.ask({ type: "release" }, "released");
      }
    }
    const elapsed = Date.now() - started;
    for (const s of stores.values()) s.close();

    const tally = Object.fromEntries(Object.entries(winners).map(([s, counts]) => [s, counts.filter((c) => c !== 1).length]));
    expect(tally, JSON.stringify(winners)).toEqual({ none: 0, dead: 0, reused: 0, zombie: 0, torn: 0, crashed: 0 });
    expect([...refusals]).toEqual(["RUN_LOCKED"]);
    expect(elapsed).toBeLessThan(20_000);
  });
});
