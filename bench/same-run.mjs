// node bench/same-run.mjs OLD_CHECKOUT NEW_CHECKOUT TREE
//
// Whether two builds of orchestrate leave the same record of a run: `run "implement system" --yes`
// by each build on its own fresh copy of TREE (at the same path, so paths agree), then every table a
// run writes (runs with the stored plan, modules, attempts, attempt texts, spec texts, events,
// memories and their tags, workspaces) dumped in a fixed order and compared line by line. Run ids,
// times, durations and rowids are masked: they differ from run to run of the same build. Prints
// the first differing lines; exits 1 when any differs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [oldBuild, newBuild, tree] = process.argv.slice(2);
if (!oldBuild || !newBuild || !tree) {
  console.error("usage: node bench/same-run.mjs OLD_CHECKOUT NEW_CHECKOUT TREE");
  process.exit(2);
}
const Database = createRequire(import.meta.url)("better-sqlite3");
const work = mkdtempSync(join(tmpdir(), "same-run-"));
const copy = join(work, "tree");

const TABLES = {
  runs: "SELECT * FROM runs",
  modules: "SELECT * FROM modules ORDER BY module_id",
  attempts: "SELECT * FROM attempts ORDER BY module_id, n",
  attempt_texts: "SELECT * FROM attempt_texts ORDER BY module_id, n",
  spec_texts: "SELECT * FROM spec_texts ORDER BY digest",
  // Events in the order of their ids, which is the order a reader sees; the id itself is masked.
  events: "SELECT type, module_id, data FROM events ORDER BY id",
  memories: "SELECT key, content, tags, run_id FROM memories ORDER BY key",
  memory_tags: "SELECT t.tag, m.key FROM memory_tags t JOIN memories m ON m.id = t.memory_id ORDER BY t.tag, m.key",
  workspaces: "SELECT * FROM workspaces",
};

/**
 * A prompt's memories come newest first, and two dependencies that ended in the same few
 * milliseconds swap places from run to run of one build: each run of consecutive memory items
 * (`- **run/...**: ...` with its indented lines) is sorted.
 */
function sameTimeOrder(prompt) {
  const out = [];
  let items = [];
  const flush = () => {
    out.push(...items.sort().flatMap((item) => item.split("\n")));
    items = [];
  };
  for (const line of prompt.split("\n")) {
    if (line.startsWith("- **run/")) items.push(line);
    else if (items.length > 0 && line.startsWith("  ")) items[items.length - 1] += `\n${line}`;
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join("\n");
}

/** A line per row of each table, with what differs between two runs of one build masked. */
function dump(build) {
  rmSync(copy, { recursive: true, force: true });
  cpSync(resolve(tree), copy, { recursive: true });
  for (const name of ["state.db", "state.db-wal", "state.db-shm", "runs", "lock"]) rmSync(join(copy, ".orchestrate", name), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(build, "bin", "orchestrate.js"), "run", "implement system", "--yes"], { cwd: copy, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`${build}: run exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const db = new Database(join(copy, ".orchestrate", "state.db"), { readonly: true });
  const runId = db.prepare("SELECT id FROM runs").get().id;
  const mask = (text) =>
    text
      .replaceAll(runId, "RUN")
      .replace(/(\\?")(durationMs|at|startedAt|endedAt|createdAt|updatedAt|elapsedMs|ms)(\\?"):\d+(\.\d+)?/g, "$1$2$3:T")
      .replace(/Duration: \d+ ms/g, "Duration: T ms")
      .replace(/ended (\w+) in [\d.]+ m?s/g, "ended $1 in T")
      .replace(/\b1[78]\d{11}\b/g, "T");
  const lines = [`exit ${r.status}`, ...r.stdout.split("\n").map((l) => `stdout ${mask(l.replace(/done in [\d.]+m?s/, "done in T").replace(/^\[\d\d:\d\d\.\d\]/, "[t]"))}`)];
  for (const [table, sql] of Object.entries(TABLES)) {
    for (const row of db.prepare(sql).all()) {
      for (const column of ["prompt", "prompt_end"]) if (typeof row[column] === "string") row[column] = sameTimeOrder(row[column]);
      lines.push(`${table} ${mask(JSON.stringify(row))}`);
    }
  }
  db.close();
  return lines;
}

try {
  const before = dump(resolve(oldBuild));
  const after = dump(resolve(newBuild));
  let differing = 0;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] === after[i]) continue;
    if (++differing > 10) continue;
    const a = before[i] ?? "";
    const b = after[i] ?? "";
    let k = 0;
    while (a[k] === b[k]) k++;
    console.log(`line ${i} at ${k}:\n- ${a.slice(Math.max(0, k - 200), k + 300)}\n+ ${b.slice(Math.max(0, k - 200), k + 300)}`);
  }
  console.log(`${before.length} and ${after.length} lines, ${differing} differing`);
  process.exitCode = differing === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
