import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { LATEST_VERSION, migrate, migrations } from "../../src/store/migrations.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { storeConformance } from "./conformance.js";
import { attempt, EMPTY_PLAN, expectStoreError, seed } from "./helpers.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-store-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let files = 0;
/** A fresh database path in a folder that does not exist yet. */
const freshFile = () => path.join(root, `db${++files}`, ".orchestrate", "state.db");

/** A new database file migrated up to `version` only, as an older orchestrate left it; the caller closes `old`. */
function databaseAt(version: number): { file: string; old: Database.Database } {
  const file = freshFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const old = new Database(file);
  migrate(old, migrations.filter((m) => m.version <= version));
  return { file, old };
}

storeConformance("SqliteStore", () => openSqliteStore(freshFile()));

describe("SqliteStore on disk", () => {
  it("creates the folder and keeps everything across a reopen", () => {
    const file = freshFile();
    const store = openSqliteStore(file);
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    store.finishAttempt("r1", "a", 1, { state: "done", filesChanged: ["a.ts"], endedAt: 120 }, "done");
    store.appendEvent("r1", "module.done", { ok: true }, 120, "a");
    store.writeMemory({ key: "k", content: "c", tags: ["t"], at: 130 });
    store.writeTodos("r1", "run", [{ content: "x", status: "pending" }]);
    const before = { runs: store.listRuns(), modules: store.getModules("r1"), attempts: store.getAttempts("r1"), events: store.getEvents("r1"), memories: store.listMemories(), todos: store.readTodos("r1") };
    store.close();
    const again = openSqliteStore(file);
    const after = { runs: again.listRuns(), modules: again.getModules("r1"), attempts: again.getAttempts("r1"), events: again.getEvents("r1"), memories: again.listMemories(), todos: again.readTodos("r1") };
    again.close();
    expect(after).toStrictEqual(before);
  });

  it("stores a run's plan as written, without copying it for the record: the caller's plan comes back when it held no secret", () => {
    const store = openSqliteStore(freshFile());
    const plan = { ...EMPTY_PLAN, request: "naïve 📦 request", warnings: [{ code: "W", message: "ünïcode \u2028 and \"quotes\"", file: "a.md", line: 3 }] };
    const run = store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: [] });
    expect(run.plan).toBe(plan);
    expect(store.getRun("r1")!.plan).toStrictEqual(plan);
    store.close();
  });

  it("keeps a plan's spec texts out of its JSON, each text once by digest however many runs plan it", () => {
    const store = openSqliteStore(freshFile());
    const text = `# M\n${"A spec line of a module, 📦.\n".repeat(50)}`;
    const modules = ["a", "b"].map((id) => ({ id, layer: "core", spec: `${id}.md`, files: [], dependsOn: [], specText: text, specDigest: "d1" }));
    const inline = { id: "c", layer: "core", spec: "c.md", files: [], dependsOn: [], specText: "# C (no digest)" };
    const plan = { ...EMPTY_PLAN, modules: [...modules, inline] };
    store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: [] });
    store.createRun({ id: "r2", request: "x", plan, options: "{}", at: 2, modules: [] });
    const stored = (store.db.prepare("SELECT plan FROM runs ORDER BY rowid").all() as { plan: string }[]).map((r) => JSON.parse(r.plan) as typeof plan);
    for (const p of stored) expect(p.modules.map((m) => m.specText)).toEqual([undefined, undefined, "# C (no digest)"]);
    expect(store.db.prepare("SELECT digest, text FROM spec_texts").all()).toStrictEqual([{ digest: "d1", text }]);
    expect(store.getRun("r2")!.plan).toStrictEqual(plan);
    store.close();
  });

  it("migration 7 leaves the plans stored before it whole: their spec texts stay inline, and resume reads them", () => {
    const { file, old } = databaseAt(6);
    const plan = { ...EMPTY_PLAN, modules: [{ id: "a", layer: "core", spec: "a.md", files: [], dependsOn: [], specText: "# A as planned", specDigest: "d1" }] };
    old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES ('r0', 'x', ?, '{}', 'interrupted', 1, 1)").run(JSON.stringify(plan));
    old.close();

    const store = openSqliteStore(file);
    expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(store.getRun("r0")!.plan).toStrictEqual(plan);
    // A new run of a spec with the same digest stores its text apart; the old run keeps its own.
    store.createRun({ id: "r1", request: "x", plan: { ...plan, modules: [{ ...plan.modules[0]!, specText: "# A as planned" }] }, options: "{}", at: 2, modules: [] });
    expect(store.getRun("r0")!.plan).toStrictEqual(plan);
    expect(store.getRun("r1")!.plan).toStrictEqual(plan);
    store.close();
  });

  it("lists runs without reading a plan: a run whose plan is no JSON lists with its task type, from the index alone", () => {
    const store = openSqliteStore(freshFile());
    store.createRun({ id: "r1", request: "fix it", plan: { ...EMPTY_PLAN, analysis: { ...EMPTY_PLAN.analysis, type: "debug" } }, options: "{}", at: 1, modules: [] });
    const head = store.listRunHeads();
    store.db.prepare("UPDATE runs SET plan = '{cut short' WHERE id = 'r1'").run();
    // Said as the store's own error, naming the run: the CLI answers it in one line (test/cli/reading-runs.int.test.ts).
    expectStoreError(() => store.listRuns(), "STORE_UNREADABLE");
    expect(() => store.getRun("r1")).toThrow("The stored plan of run r1 cannot be read");
    expect(store.listRunHeads()).toStrictEqual(head);
    expect(head[0]).toMatchObject({ id: "r1", taskType: "debug" });
    // No plan page is read either: a plan of MBs sits in overflow pages the index never leads to.
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT id, request, state, created_at, updated_at, ended_at, task_type FROM runs ORDER BY created_at DESC, rowid DESC LIMIT -1").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join("; ")).toMatch(/COVERING INDEX runs_listing/);
    store.close();
  });

  it("migration 11 gives the runs stored before it their plans' task types; a plan that is no JSON, or of another shape, none", () => {
    const { file, old } = databaseAt(10);
    const insert = old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES (?, 'x', ?, '{}', 'done', ?, ?)");
    insert.run("plan", JSON.stringify({ ...EMPTY_PLAN, analysis: { ...EMPTY_PLAN.analysis, type: "refactor" } }), 1, 1);
    insert.run("other", JSON.stringify({ request: "x", analysis: { type: "debug" } }), 2, 2);
    insert.run("broken", "{cut short", 3, 3);
    old.close();

    const store = openSqliteStore(file);
    expect(store.listRunHeads().map((r) => [r.id, r.taskType])).toStrictEqual([["broken", undefined], ["other", undefined], ["plan", "refactor"]]);
    store.close();
  });

  it("keeps a prompt without the spec text it quotes: the text before and after it, and the spec's digest", () => {
    const file = freshFile();
    const store = openSqliteStore(file);
    const spec = `# A\n${"A spec line of a module, 📦.\n".repeat(40)}`;
    const plan = { ...EMPTY_PLAN, modules: [{ id: "a", layer: "core", spec: "a.md", files: [], dependsOn: [], specText: spec, specDigest: "d1" }] };
    store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "core" }] });
    store.startAttempt("r1", "a", attempt(2));
    store.keepAttemptText("r1", "a", 1, { prompt: `Work on a.\n${spec}Done.\n`, output: "ok" }, { digest: "d1", text: spec });
    expect(store.db.prepare("SELECT prompt, spec_digest, prompt_end, output FROM attempt_texts").all()).toStrictEqual([
      { prompt: "Work on a.\n", spec_digest: "d1", prompt_end: "Done.\n", output: "ok" },
    ]);
    expect(store.getAttemptText("r1", "a", 1).prompt).toBe(`Work on a.\n${spec}Done.\n`);
    // The spec text a prompt refers to stays: SQLite refuses to delete it.
    expect(() => store.db.prepare("DELETE FROM spec_texts").run()).toThrow(/FOREIGN KEY/);
    store.close();
    // Another connection (a resumed run) did not write the spec text: it reads it back to split the prompt at it.
    const again = openSqliteStore(file);
    again.startAttempt("r1", "a", attempt(3));
    again.keepAttemptText("r1", "a", 2, { prompt: `Again.\n${spec}` }, { digest: "d1", text: spec });
    expect(again.db.prepare("SELECT prompt, spec_digest, prompt_end FROM attempt_texts WHERE n = 2").get()).toStrictEqual({ prompt: "Again.\n", spec_digest: "d1", prompt_end: "" });
    expect(again.getAttemptText("r1", "a", 2).prompt).toBe(`Again.\n${spec}`);
    again.close();
  });

  it("migration 8 keeps the attempt texts stored before it, prompts whole", () => {
    const { file, old } = databaseAt(7);
    old.exec(`INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES ('r0', 'x', '{}', '{}', 'interrupted', 1, 1);
              INSERT INTO modules (run_id, module_id, layer, state, updated_at) VALUES ('r0', 'a', 'core', 'done', 1);
              INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at) VALUES ('r0', 'a', 1, 'implement', 'simulate', 'done', 'p.md', 1);
              INSERT INTO attempt_texts (run_id, module_id, n, prompt, output) VALUES ('r0', 'a', 1, 'the whole prompt', 'the output');`);
    old.close();
    const store = openSqliteStore(file);
    expect(store.getAttemptText("r0", "a", 1)).toStrictEqual({ prompt: "the whole prompt", output: "the output" });
    store.close();
  });

  it("migration 9 keeps the memories and the search index a version-8 store holds, and keeps the index whole as they change", () => {
    const { file, old } = databaseAt(8);
    const insert = old.prepare("INSERT INTO memories (key, content, tags, run_id, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)");
    insert.run("decision/amounts", "Ledger amounts use Decimal.", '["module:ledger"]', 1, 1);
    insert.run("note/journal", "Journal entries balance.", '["module:journal"]', 2, 2);
    old.close();
    const store = openSqliteStore(file, { group: true });
    const keys = (query: string) => store.searchMemories({ query, limit: 5 }).map((m) => m.key);
    expect(store.listMemories().map((m) => m.key)).toEqual(["note/journal", "decision/amounts"]);
    expect([keys("decimal"), keys("journal")]).toEqual([["decision/amounts"], ["note/journal"]]);
    // A memory indexed by version 8's trigger, replaced and deleted through version 9's.
    store.writeMemory({ key: "decision/amounts", content: "Ledger amounts use integers of cents.", at: 3 });
    store.deleteMemory("note/journal");
    store.flush();
    expect([keys("decimal"), keys("cents"), keys("journal")]).toEqual([[], ["decision/amounts"], []]);
    store.db.prepare("INSERT INTO memories_fts (memories_fts, rank) VALUES ('integrity-check', 1)").run();
    store.close();
  });

  it("makes a new file with 16 KB pages and leaves an existing file's page size as it is", () => {
    const file = freshFile();
    const store = openSqliteStore(file);
    expect(store.db.pragma("page_size", { simple: true })).toBe(16384);
    store.close();
    const older = freshFile();
    fs.mkdirSync(path.dirname(older), { recursive: true });
    const old = new Database(older);
    old.pragma("journal_mode = WAL");
    migrate(old);
    old.close();
    const reopened = openSqliteStore(older);
    expect(reopened.db.pragma("page_size", { simple: true })).toBe(4096);
    reopened.close();
  });

  it("migrates once: reopening keeps user_version at the latest", () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const file = freshFile();
    openSqliteStore(file).close();
    const store = openSqliteStore(file);
    expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(migrate(store.db)).toBe(LATEST_VERSION);
    store.close();
  });

  it("refuses a database from a newer schema", () => {
    const file = freshFile();
    openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expectStoreError(() => openSqliteStore(file), "STORE_SCHEMA");
  });

  it("runs in WAL mode with NORMAL sync and foreign keys on", () => {
    const store = openSqliteStore(freshFile());
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(1);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.db.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
    store.close();
  });

  it("rolls back a transaction that fails midway", () => {
    const file = freshFile();
    const store = openSqliteStore(file);
    seed(store);
    // Plant attempt 1 behind the store's back: startAttempt's module update succeeds,
    // then its insert of attempt 1 collides, and the update must be undone.
    const other = new Database(file);
    other.prepare("INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at) VALUES ('r1', 'a', 1, 'k', 'g', 'running', 'p', 1)").run();
    other.close();
    expectStoreError(() => store.startAttempt("r1", "a", attempt(110)), "STORE_CONFLICT");
    expect(store.getModule("r1", "a")).toMatchObject({ state: "pending", attempts: 0, updatedAt: 100 });

    const rows = () => store.db.prepare("SELECT * FROM attempts ORDER BY rowid").all();
    const before = rows();
    expectStoreError(() => store.finishAttempt("r1", "ghost", 1, { state: "done", endedAt: 120 }, "done"), "STORE_NOT_FOUND");
    expect(rows()).toStrictEqual(before);
    store.close();
  });

  it("rolls back a whole batch when a call inside it throws: its events go with its transition", () => {
    const store = openSqliteStore(freshFile());
    seed(store);
    expect(() =>
      store.batch(() => {
        store.startAttempt("r1", "a", attempt(110));
        store.appendEvent("r1", "attempt:start", {}, 110, "a");
        throw new Error("crash between the transition and its last event");
      }),
    ).toThrow("crash between");
    expect(store.getModule("r1", "a")).toMatchObject({ state: "pending", attempts: 0 });
    expect(store.getAttempts("r1", "a")).toEqual([]);
    expect(store.getEvents("r1")).toEqual([]);
    store.close();
  });

  it("loses no committed transaction and stays whole when the process is killed", async () => {
    const file = freshFile();
    const setup = openSqliteStore(file);
    seed(setup);
    setup.close();
    // The child commits startAttempt-shaped transactions (bump the module, insert the
    // attempt) as fast as it can and prints each n after its COMMIT returns.
    const child = path.join(root, "writer.mjs");
    fs.writeFileSync(child, `
      import { createRequire } from "node:module";
      const Database = createRequire(import.meta.url)(process.env.SQLITE_MODULE);
      const db = new Database(process.argv[2]);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      const bump = db.prepare("UPDATE modules SET attempts = attempts + 1, state = 'running' WHERE run_id = 'r1' AND module_id = 'a' RETURNING attempts");
      const insert = db.prepare("INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at) VALUES ('r1', 'a', ?, 'implement', 'crash', 'running', 'p', ?)");
      const step = db.transaction(() => { const { attempts } = bump.get(); insert.run(attempts, Date.now()); return attempts; });
      for (;;) process.stdout.write(step.immediate() + "\\n");
    `);
    const proc = spawn(process.execPath, [child, file], {
      env: { ...process.env, SQLITE_MODULE: createRequire(import.meta.url).resolve("better-sqlite3") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = 0;
    let stderr = "";
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_code, signal) => resolve(signal)));
    let buffered = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) seen = Math.max(seen, Number(line));
      if (seen >= 2000) proc.kill("SIGKILL");
    });
    expect(await exited, stderr).toBe("SIGKILL");

    const store = openSqliteStore(file);
    expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
    const ns = store.getAttempts("r1", "a").map((a) => a.n);
    // What survives is exactly a prefix 1..N of the commits, N at least the last one reported.
    expect(ns.length).toBeGreaterThanOrEqual(seen);
    expect(ns).toEqual(ns.map((_, i) => i + 1));
    expect(store.getModule("r1", "a")?.attempts).toBe(ns.length);
    store.close();
  });
});
