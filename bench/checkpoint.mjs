// Checkpoint latency of the SQLite store: what the engine pays per state change.
// Target (DESIGN.md, performance): p99 under 2 ms. Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openSqliteStore } from "../dist/store/sqlite.js";

const PAIRS = 5_000;
const MOVES = 5_000;
const MODULES = 100;
const TARGET_P99_MS = 2;

function summarize(op, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return { op, n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)), unit: "ms" };
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-bench-"));
  const store = openSqliteStore(path.join(dir, ".orchestrate", "state.db"));
  try {
    const modules = Array.from({ length: MODULES }, (_, i) => ({ moduleId: `m${i}`, layer: `l${i % 5}` }));
    store.createRun({ id: "bench", request: "implement system", plan: "{}", options: "{}", modules, at: Date.now() });
    const start = [];
    const finish = [];
    const pair = [];
    for (let i = 0; i < PAIRS; i++) {
      const moduleId = `m${i % MODULES}`;
      let n = 0;
      const s = time(() => {
        n = store.startAttempt("bench", moduleId, { kind: "implement", agent: "simulate", promptPath: `.orchestrate/prompts/${moduleId}.md`, at: Date.now() }).n;
      });
      const f = time(() => {
        store.finishAttempt("bench", moduleId, n, {
          state: "done", summary: "implemented", filesChanged: [`src/${moduleId}.ts`, `test/${moduleId}.test.ts`],
          usage: { inputTokens: 1200, outputTokens: 300, costUsd: 0.01 }, gates: '[{"check":"test","ok":true}]', endedAt: Date.now(),
        }, "done");
      });
      start.push(s);
      finish.push(f);
      pair.push(s + f);
    }
    const states = ["running", "validating", "done", "failed", "blocked", "pending"];
    const moves = [];
    for (let i = 0; i < MOVES; i++) {
      moves.push(time(() => store.setModuleState("bench", `m${i % MODULES}`, states[i % states.length], Date.now(), i % 7 ? undefined : "reason")));
    }
    const results = [
      summarize("startAttempt+finishAttempt", pair),
      summarize("startAttempt", start),
      summarize("finishAttempt", finish),
      summarize("setModuleState", moves),
    ].map((r) => ({ ...r, targetP99: TARGET_P99_MS, ok: r.p99 < TARGET_P99_MS }));
    return { name: "checkpoint", results };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await run();
  for (const r of summary.results) {
    console.log(`${r.op.padEnd(28)} n=${r.n}  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ${r.ok ? "ok" : "OVER TARGET"}`);
  }
  console.log(JSON.stringify({ ...summary, at: new Date().toISOString(), node: process.version }));
  // A line per run in the file named by BENCH_OUT, when set, for tracking over time.
  if (process.env.BENCH_OUT) fs.appendFileSync(process.env.BENCH_OUT, `${JSON.stringify({ ...summary, at: new Date().toISOString() })}\n`);
}
