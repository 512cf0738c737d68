// Runs one orchestrate plan's DAG through LangGraph.js with its SQLite checkpointer, in its
// own process so its CPU time and peak RSS are its own. Arguments: the plan (JSON file),
// a durations file (JSON: module id -> ms, or "0" for 0 ms nodes), the concurrency, and a
// folder for the checkpoint database. Prints one JSON line: compileMs, invokeMs, cpuMs, hwmKb.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";

const [planFile, durationsArg, slots, dir] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const durations = durationsArg === "0" ? {} : JSON.parse(readFileSync(durationsArg, "utf8"));
const sleep = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

const cpu0 = process.cpuUsage();
const t0 = performance.now();
// The smallest state that proves every node ran: a counter, summed.
const State = Annotation.Root({ count: Annotation({ reducer: (a, b) => a + b, default: () => 0 }) });
const graph = new StateGraph(State);
const dependents = new Set();
for (const m of plan.modules) graph.addNode(m.id, async () => (await sleep(durations[m.id] ?? 0), { count: 1 }));
for (const m of plan.modules) {
  // A list of sources is a join: the node runs once all of them have finished.
  if (m.dependsOn.length === 0) graph.addEdge(START, m.id);
  else graph.addEdge(m.dependsOn.length === 1 ? m.dependsOn[0] : m.dependsOn, m.id);
  for (const d of m.dependsOn) dependents.add(d);
}
for (const m of plan.modules) if (!dependents.has(m.id)) graph.addEdge(m.id, END);
const app = graph.compile({ checkpointer: SqliteSaver.fromConnString(join(dir, "checkpoints.db")) });
const compileMs = performance.now() - t0;
const t1 = performance.now();
const result = await app.invoke({}, { configurable: { thread_id: "bench" }, recursionLimit: 1_000_000, maxConcurrency: Number(slots) });
const invokeMs = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]);
if (result.count !== plan.modules.length) throw new Error(`ran ${result.count} of ${plan.modules.length} nodes`);
console.log(JSON.stringify({ compileMs, invokeMs, cpuMs: (cpu.user + cpu.system) / 1000, hwmKb }));
