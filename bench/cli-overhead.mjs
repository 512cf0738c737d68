// Overhead that stays flat with size, through the CLI (issue 14), beside LangGraph.js.
// - Engine overhead per module: `orchestrate run` spawned on generated trees of 1,000 and
//   10,000 modules (bench/plan.mjs's generator), 0 ms simulate agent, architecture gate on,
//   4 slots, no retries. CPU is the child's user+sys and peak RSS its ru_maxrss, both from
//   /usr/bin/time (the machine is shared: wall time is printed too, with the load average).
//   "perModuleCpuMs" is the whole run's CPU / modules; "engineCpuMs" subtracts the CPU of
//   `orchestrate plan` on the same tree (start-up, loading and planning), leaving the run.
// - Plan: `orchestrate plan` cold (no parse cache) and warm (cache filled by the first).
// - LangGraph.js (@langchain/langgraph + @langchain/langgraph-checkpoint-sqlite) on the
//   same DAG (the plan's modules and dependsOn; a node with several dependencies is a join),
//   one process per run, CPU from process.cpuUsage and peak RSS from /proc/self/status VmHWM.
// - Makespan on a 200-module DAG of the same generator with seeded 5-50 ms tasks, 4 slots,
//   against max(critical path, work / slots): ours in process (the Orchestrator with a timed
//   agent), theirs in its child.
// Medians of REPS runs (BENCH_REPS, default 3); 10,000-module runs once each unless BENCH_REPS_10K.
import { isMain } from "./lib/main.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./plan.mjs";
import { Orchestrator } from "../dist/run/orchestrator.js";
import { openSqliteStore } from "../dist/store/sqlite.js";

const BIN = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
const CHILD = fileURLToPath(new URL("./lib/langgraph-child.mjs", import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 3);
const REPS_10K = Number(process.env.BENCH_REPS_10K ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number);
const CONFIG = "agent: simulate\nconcurrency: 4\nretries: 0\ngates:\n  module:\n    - name: architecture\n      kind: architecture\n";

/** Runs `node args` under /usr/bin/time: CPU ms (user+sys), wall ms, peak RSS in MB, stdout. */
function timed(args, cwd) {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %e %M", process.execPath, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const line = r.stderr.split("\n").find((l) => l.startsWith("TIME "));
  if (r.status !== 0 || !line) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [user, sys, wall, kb] = line.split(" ").slice(1).map(Number);
  return { cpuMs: (user + sys) * 1000, wallMs: wall * 1000, rssMb: kb / 1024, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 0) => +x.toFixed(d);
const load = () => round(loadavg()[0], 1);

/** The run's state goes between repetitions; the parse cache stays, as it would between two runs. */
function freshState(root) {
  for (const name of ["state.db", "state.db-wal", "state.db-shm", "runs", "lock"]) rmSync(join(root, ".orchestrate", name), { recursive: true, force: true });
}

function lowerBound(plan, durations, slots) {
  const finish = new Map();
  for (const id of plan.waves.flat()) finish.set(id, durations[id] + Math.max(0, ...plan.modules.find((m) => m.id === id).dependsOn.map((d) => finish.get(d))));
  const work = Object.values(durations).reduce((a, b) => a + b, 0);
  return Math.max(Math.max(...finish.values()), work / slots);
}

function langgraph(planFile, durations, reps) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const dir = mkdtempSync(join(tmpdir(), "orchestrate-bench-lg-"));
    try {
      const t = performance.now();
      const out = execFileSync(process.execPath, [CHILD, planFile, durations, "4", dir], { encoding: "utf8", maxBuffer: 1 << 26 });
      runs.push({ ...JSON.parse(out), wallMs: performance.now() - t });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  return { compileMs: pick("compileMs"), invokeMs: pick("invokeMs"), cpuMs: pick("cpuMs"), rssMb: pick("hwmKb") / 1024, wallMs: pick("wallMs") };
}

/** An agent that takes a fixed, per-module duration. */
function timedAgent(durations) {
  return { name: "timed", run: (task) => new Promise((r) => setTimeout(() => r({ ok: true, summary: "", filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }), durations[task.moduleId])) };
}

export default async function run() {
  const results = [];
  const made = [];
  for (const n of SIZES) {
    const { root } = generate(n);
    made.push(root);
    writeFileSync(join(root, "orchestrate.config.yaml"), CONFIG);
    // A project orchestrate keeps state in, as after `init` or a run: only there does `plan` write its parse cache.
    mkdirSync(join(root, ".orchestrate"));
    const reps = n >= 10_000 ? REPS_10K : REPS;
    const cold = timed([BIN, "plan", "implement system", "--json"], root);
    const planFile = join(root, "plan.json");
    writeFileSync(planFile, cold.stdout);
    // `--json` plans afresh and keeps nothing: the first plain `plan` keeps the plan it prints, the next ones print it.
    timed([BIN, "plan", "implement system"], root);
    const warm = [];
    for (let i = 0; i < Math.max(reps, 3); i++) warm.push(timed([BIN, "plan", "implement system"], root));
    const runs = [];
    const loads = [];
    for (let i = 0; i < reps; i++) {
      freshState(root);
      loads.push(load());
      runs.push(timed([BIN, "run", "implement system", "--yes"], root));
    }
    const planCpu = median(warm.map((w) => w.cpuMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    const ours = { cpuMs: cpu, wallMs: median(runs.map((r) => r.wallMs)), rssMb: median(runs.map((r) => r.rssMb)) };
    const theirs = langgraph(planFile, "0", reps);
    results.push({
      measure: `run, ${n} modules, 0 ms agent, architecture gate, CLI (median of ${reps})`,
      perModuleCpuMs: round(cpu / n, 3),
      engineCpuMs: round((cpu - planCpu) / n, 3),
      perModuleWallMs: round(ours.wallMs / n, 3),
      peakRssMb: round(ours.rssMb),
      langgraphPerNodeCpuMs: round(theirs.cpuMs / n, 3),
      langgraphPerNodeWallMs: round(theirs.wallMs / n, 3),
      langgraphRssMb: round(theirs.rssMb),
      cpuRatio: round(cpu / theirs.cpuMs, 2),
      rssRatio: round(ours.rssMb / theirs.rssMb, 2),
      load: median(loads),
    });
    results.push({
      measure: `plan / compile, ${n} modules`,
      planColdCpuMs: round(cold.cpuMs),
      planColdWallMs: round(cold.wallMs),
      planWarmCpuMs: round(planCpu),
      planWarmWallMs: round(median(warm.map((w) => w.wallMs))),
      langgraphCompileMs: round(theirs.compileMs),
      compileRatio: round(planCpu / theirs.compileMs, 2),
      load: load(),
    });
  }

  // Makespan on the same generator's DAG, 200 modules, seeded 5-50 ms tasks.
  {
    const { root } = generate(200);
    made.push(root);
    const plan = JSON.parse(timed([BIN, "plan", "implement system", "--json"], root).stdout);
    const planFile = join(root, "plan.json");
    writeFileSync(planFile, JSON.stringify(plan));
    let s = 5;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const durations = Object.fromEntries(plan.modules.map((m) => [m.id, 5 + Math.floor(rand() * 46)]));
    const durationsFile = join(root, "durations.json");
    writeFileSync(durationsFile, JSON.stringify(durations));
    const bound = lowerBound(plan, durations, 4);
    const ours = [];
    for (let i = 0; i < REPS; i++) {
      const dir = mkdtempSync(join(tmpdir(), "orchestrate-bench-makespan-"));
      const store = openSqliteStore(join(dir, ".orchestrate", "state.db"));
      try {
        const orchestrator = new Orchestrator({ root: dir, store, agent: timedAgent(durations), options: { agent: "timed", concurrency: 4, retries: 0, timeoutMs: 60_000, graceMs: 0, schedule: "ready", simulate: {} } });
        const t = performance.now();
        await orchestrator.run(plan);
        ours.push(performance.now() - t);
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const theirs = langgraph(planFile, durationsFile, REPS);
    results.push({
      measure: `makespan, 200 modules, 5-50 ms tasks, 4 slots (median of ${REPS})`,
      lowerBoundMs: round(bound),
      oursMs: round(median(ours)),
      langgraphMs: round(theirs.invokeMs),
      oursOverBound: round(median(ours) / bound, 2),
      langgraphOverBound: round(theirs.invokeMs / bound, 2),
      makespanRatio: round(median(ours) / theirs.invokeMs, 2),
      load: load(),
    });
  }
  for (const root of made) rmSync(root, { recursive: true, force: true });
  const versions = Object.fromEntries(["@langchain/langgraph", "@langchain/langgraph-checkpoint-sqlite", "@langchain/core"].map((p) => [p, JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${p}/package.json`, import.meta.url)), "utf8")).version]));
  return { name: "cli-overhead", node: process.version, versions, results };
}

if (isMain(import.meta.url)) {
  const { results, ...rest } = await run();
  console.log(JSON.stringify(rest));
  for (const r of results) console.log(JSON.stringify(r));
}
