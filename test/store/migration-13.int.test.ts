import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATEST_VERSION, migrate, migrations } from "../../src/store/migrations.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

/** A version-12 store holding a run whose modules were listed out of name order, with attempts, texts and processes that point at them. */
function version12(file: string): void {
  const old = new Database(file);
  old.pragma("foreign_keys = ON");
  migrate(old, migrations.filter((m) => m.version <= 12));
  old.exec(`
    INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES ('r1', 'implement system', '{}', '{}', 'interrupted', 1, 2);
    INSERT INTO modules (run_id, module_id, layer, state, reason, attempts, updated_at) VALUES
      ('r1', 'zeta', 'core', 'failed', 'failed after attempt 2', 2, 5), ('r1', 'alpha', 'core', 'validating', NULL, 1, 6), ('r1', 'mid', 'app', 'blocked', 'zeta failed', 0, 7);
    INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, summary, error, files_changed, started_at, ended_at, worker) VALUES
      ('r1', 'zeta', 1, 'implement', 'simulate', 'failed', 'z1.md', 'tried', 'boom', '["z.py"]', 1, 2, NULL),
      ('r1', 'alpha', 1, 'implement', 'simulate', 'running', 'a1.md', NULL, NULL, '[]', 3, NULL, 'build-1:7'),
      ('r1', 'zeta', 2, 'fix', 'simulate', 'failed', 'z2.md', 'again', 'boom again', '[]', 4, 5, NULL);
    INSERT INTO spec_texts (digest, text) VALUES ('d1', '# zeta');
    INSERT INTO attempt_texts (run_id, module_id, n, prompt, spec_digest, prompt_end, output) VALUES ('r1', 'zeta', 1, 'head ', 'd1', ' tail', 'the output');
    INSERT INTO processes (run_id, module_id, n, pid, start_time, recorded_at) VALUES ('r1', 'alpha', 1, 4242, 'boot-1', 3);
    INSERT INTO merges (run_id, module_id, n, commit_sha, state, merge_commit, files, payload, at) VALUES
      ('r1', 'zeta', 1, 'c0ffee', 'failed', NULL, '["z.py"]', '{"state":"done"}', 2), ('r1', 'alpha', 1, 'beef', 'pending', NULL, '[]', '{}', 3);
  `);
  old.close();
}

describe("a state database from before the states were checked by comparisons (version 12)", () => {
  it("opens at the latest version with every module, attempt, text and process kept, in their order: the rebuilt tables' children are not deleted with them", () => {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-migrate-13-"));
    try {
      const file = join(dir, "state.db");
      version12(file);
      const store = openSqliteStore(file);
      try {
        expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
        expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
        expect(store.getModules("r1").map((m) => [m.moduleId, m.state, m.attempts, m.reason ?? null])).toEqual([
          ["zeta", "failed", 2, "failed after attempt 2"], ["alpha", "validating", 1, null], ["mid", "blocked", 0, "zeta failed"],
        ]);
        expect(store.getAttempts("r1").map((a) => [a.moduleId, a.n, a.kind, a.state, a.filesChanged, a.worker ?? null])).toEqual([
          ["zeta", 1, "implement", "failed", ["z.py"], null], ["alpha", 1, "implement", "running", [], "build-1:7"], ["zeta", 2, "fix", "failed", [], null],
        ]);
        expect(store.getAttemptText("r1", "zeta", 1)).toStrictEqual({ prompt: "head # zeta tail", output: "the output" });
        expect(store.getProcesses("r1").map((p) => [p.moduleId, p.n, p.pid])).toEqual([["alpha", 1, 4242]]);
        expect(store.getMerges("r1").map((m) => [m.moduleId, m.commit, m.state, m.files])).toEqual([["zeta", "c0ffee", "failed", ["z.py"]], ["alpha", "beef", "pending", []]]);
        expect(store.db.pragma("foreign_key_check")).toEqual([]);
        // The references still hold after the rebuild: a module's attempts and their texts go with its run.
        store.startAttempt("r1", "mid", { kind: "implement", agent: "simulate", promptPath: "m1.md", at: 8 });
        expect(() => store.db.prepare("INSERT INTO attempts (run_id, module_id, n, kind, agent, state, prompt_path, started_at) VALUES ('r1', 'ghost', 1, 'implement', 'simulate', 'running', 'g.md', 8)").run()).toThrow(/FOREIGN KEY constraint failed/);
        store.db.prepare("DELETE FROM runs WHERE id = 'r1'").run();
        expect(store.db.prepare("SELECT (SELECT count(*) FROM modules) + (SELECT count(*) FROM attempts) + (SELECT count(*) FROM attempt_texts) + (SELECT count(*) FROM processes) + (SELECT count(*) FROM merges) AS n").get()).toEqual({ n: 0 });
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
