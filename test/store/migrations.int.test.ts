import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FRESH_SCHEMA, LATEST_VERSION, migrate, migrations } from "../../src/store/migrations.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

/** Every schema object (tables, indexes, triggers, FTS shadow tables) with its SQL, white space and identifier quotes left out. */
function schemaOf(db: Database.Database): string[] {
  const rows = db.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master").all() as { type: string; name: string; tbl: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name} ${r.tbl} ${(r.sql ?? "").replace(/\s+/g, "").replace(/"/g, "")}`).sort();
}

/** What each table is made of, as SQLite reads it back: columns, indexes with their columns, foreign keys. */
function structureOf(db: Database.Database): unknown {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => t !== "sqlite_sequence");
  return tables.map((t) => ({
    t,
    columns: db.pragma(`table_xinfo("${t}")`),
    indexes: (db.pragma(`index_list("${t}")`) as { name: string }[]).map((i) => ({ ...i, columns: db.pragma(`index_xinfo("${i.name}")`) })).sort((a, b) => a.name.localeCompare(b.name)),
    keys: db.pragma(`foreign_key_list("${t}")`),
  }));
}

describe("a new state database", () => {
  it("is made in one step at the latest version, with the same schema as every migration makes", () => {
    expect(FRESH_SCHEMA.version).toBe(LATEST_VERSION);
    const stepwise = new Database(":memory:");
    migrate(stepwise, [...migrations]);
    const fresh = new Database(":memory:");
    expect(migrate(fresh)).toBe(LATEST_VERSION);
    expect(schemaOf(fresh)).toEqual(schemaOf(stepwise));
    expect(structureOf(fresh)).toEqual(structureOf(stepwise));
    stepwise.close();
    fresh.close();
  });

  it("gets the fresh schema, not the migrations one by one", () => {
    const db = new Database(":memory:");
    migrate(db);
    // Migration 11 made runs_listing last; the fresh schema makes it right after its table.
    const order = db.prepare("SELECT name FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").pluck().all() as string[];
    expect(order.slice(0, 2)).toEqual(["runs", "runs_listing"]);
    db.close();
  });

  it("an older database still takes the migrations it lacks, one by one", () => {
    const db = new Database(":memory:");
    migrate(db, migrations.filter((m) => m.version <= 5));
    expect(migrate(db)).toBe(LATEST_VERSION);
    const stepwise = new Database(":memory:");
    migrate(stepwise, [...migrations]);
    expect(schemaOf(db)).toEqual(schemaOf(stepwise));
    db.close();
    stepwise.close();
  });
});

describe("a state database from before attempts named their worker (version 11)", () => {
  it("opens: its attempts read back without a worker, a new attempt keeps its own", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-migrate-"));
    try {
      const file = join(dir, "state.db");
      const old = new Database(file);
      migrate(old, migrations.filter((m) => m.version <= 11));
      old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES ('r1', 'implement system', '{}', '{}', 'interrupted', 1, 2)").run();
      old.prepare("INSERT INTO modules (run_id, module_id, layer, state, attempts, updated_at) VALUES ('r1', 'a', 'core', 'pending', 1, 2)").run();
      old.prepare("INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at, ended_at) VALUES ('r1', 'a', 1, 'implement', 'simulate', 'cancelled', 'p.md', 1, 2)").run();
      old.close();
      const store = openSqliteStore(file);
      try {
        expect(store.getAttempts("r1")).toMatchObject([{ n: 1, state: "cancelled" }]);
        expect(store.getAttempts("r1")[0]).not.toHaveProperty("worker");
        store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p2.md", at: 3 });
        store.finishAttempt("r1", "a", 2, { state: "done", worker: "build-2:4242", endedAt: 4 }, "done");
        expect(store.getAttempts("r1", "a").map((x) => x.worker)).toStrictEqual([undefined, "build-2:4242"]);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a state database from before a run's record left out its queue's password (version 11)", () => {
  it("opens with the password gone from every run's options, the runs marked for resume to ask for it", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-migrate-"));
    try {
      const file = join(dir, "state.db");
      const old = new Database(file);
      migrate(old, migrations.filter((m) => m.version <= 11));
      const insert = old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES (?, 'implement system', '{}', ?, 'interrupted', 1, 2)");
      insert.run("bare", JSON.stringify({ agent: "simulate", queue: { url: "redis://:s3cretpw@10.0.0.5:6390", remote: "/srv/origin.git" } }));
      insert.run("user", JSON.stringify({ agent: "simulate", queue: { url: "redis://ops:hunter2pw@queue.example:6379/2" } }));
      insert.run("open", JSON.stringify({ agent: "simulate", queue: { url: "redis://127.0.0.1:6379" } }));
      insert.run("local", JSON.stringify({ agent: "simulate", concurrency: 2 }));
      old.close();
      openSqliteStore(file).close();
      const db = new Database(file, { readonly: true });
      const options = Object.fromEntries((db.prepare("SELECT id, options FROM runs").all() as { id: string; options: string }[]).map((r) => [r.id, r.options]));
      db.close();
      expect(JSON.parse(options.bare!)).toStrictEqual({ agent: "simulate", queue: { url: "redis://10.0.0.5:6390", remote: "/srv/origin.git", withoutPassword: true } });
      expect(JSON.parse(options.user!)).toStrictEqual({ agent: "simulate", queue: { url: "redis://ops@queue.example:6379/2", withoutPassword: true } });
      expect(JSON.parse(options.open!)).toStrictEqual({ agent: "simulate", queue: { url: "redis://127.0.0.1:6379" } });
      expect(JSON.parse(options.local!)).toStrictEqual({ agent: "simulate", concurrency: 2 });
      expect(Object.values(options).join("\n")).not.toMatch(/s3cretpw|hunter2pw/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves no copy of the password in the file or its WAL: not in freed space, not in an older version of the row", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-migrate-"));
    try {
      const password = "S3CRETPW";
      // Made as the store of release 11 made it (16 KB pages, WAL), the run's row updated as a run updates it.
      const live = join(dir, "live");
      mkdirSync(live);
      const old = new Database(join(live, "state.db"));
      old.pragma("page_size = 16384");
      old.pragma("journal_mode = WAL");
      migrate(old, migrations.filter((m) => m.version <= 11));
      // As release 11 wrote: a row's old bytes stayed where SQLite freed them.
      old.pragma("secure_delete = OFF");
      const insert = old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES (?, 'implement system', '{}', ?, 'running', 1, 2)");
      insert.run("before", JSON.stringify({ agent: "simulate", concurrency: 2 }));
      insert.run("queued", JSON.stringify({ agent: "simulate", queue: { url: `redis://:${password}@host:6379`, remote: "/srv/origin.git" } }));
      insert.run("after", JSON.stringify({ agent: "simulate", concurrency: 2 }));
      old.prepare("UPDATE runs SET state = 'interrupted', updated_at = 3 WHERE id = 'queued'").run();
      // The process killed: the file and its WAL as they are, never checkpointed.
      const file = join(dir, "state.db");
      for (const f of readdirSync(live)) copyFileSync(join(live, f), join(dir, f));
      old.close();
      expect(readFileSync(file).includes(password) || readFileSync(`${file}-wal`).includes(password)).toBe(true);

      openSqliteStore(file).close();
      const db = new Database(file, { readonly: true });
      expect(JSON.parse(db.prepare("SELECT options FROM runs WHERE id = 'queued'").pluck().get() as string)).toMatchObject({ queue: { url: "redis://host:6379", withoutPassword: true } });
      db.close();
      const files = readdirSync(dir).filter((f) => f.startsWith("state.db"));
      expect(files).toContain("state.db");
      for (const f of files) expect(readFileSync(join(dir, f)).includes(password), f).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is not rebuilt when no run's options held a password: its free pages stay", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-migrate-"));
    try {
      const file = join(dir, "state.db");
      const old = new Database(file);
      old.pragma("journal_mode = WAL");
      migrate(old, migrations.filter((m) => m.version <= 11));
      const insert = old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES (?, 'implement system', ?, ?, 'done', 1, 2)");
      for (let i = 0; i < 20; i++) insert.run(`r${i}`, JSON.stringify({ big: "x".repeat(20_000) }), JSON.stringify({ agent: "simulate", queue: { url: "redis://127.0.0.1:6379" } }));
      old.prepare("DELETE FROM runs WHERE id != 'r0'").run();
      old.close();
      const free = (): number => {
        const db = new Database(file, { readonly: true });
        try {
          return db.pragma("freelist_count", { simple: true }) as number;
        } finally {
          db.close();
        }
      };
      const before = free();
      expect(before).toBeGreaterThan(0);
      openSqliteStore(file).close();
      expect(free()).toBe(before);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
