import type { Command } from "commander";
import { Option } from "commander";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { writeReport } from "../report-file.js";
import type { RunRecord, Store } from "../../store/types.js";
import type { RunExtras } from "../../run/records.js";
import { findProjectRoot } from "../../spec/root.js";
import { RunError, UsageError } from "../../errors.js";
import { colorsFor } from "../style.js";
import { boundedInteger } from "../../config/bounds.js";

/** What reading runs back needs, loaded when a command reads them: not at every CLI start (a `plan` needs none of it). */
const reading = async () => {
  const [records, liveness, time, status, report] = await Promise.all([import("../../run/records.js"), import("../../run/liveness.js"), import("../../run/run-time.js"), import("../render/status.js"), import("../render/report.js")]);
  return { ...records, ...liveness, ...time, ...status, ...report };
};

interface Flags {
  project: string;
  json?: boolean;
}

interface StatusFlags extends Flags {
  prompt?: string;
  output?: string;
  attempt?: string;
}

/** `status`, `runs` and `report`: reading runs back from the store. */
export function registerStatus(program: Command): void {
  const project = (c: Command) => c.option("-p, --project <dir>", "project folder holding .claude/", ".");

  project(program.command("status").description("show a run's modules, states and attempts, and where its work is: the integration branch of an isolated run (default: the latest run)").argument("[run]", "run id (default: the latest run)"))
    .option("--json", "print JSON")
    .option("--prompt <module>", "print the prompt MODULE's agent was sent, in its last attempt")
    .option("--output <module>", "print the outcome of MODULE's last attempt: summary, error, files, gate, the agent's raw result")
    .option("--attempt <n>", "with --prompt or --output: attempt N instead of the last")
    .action((runId: string | undefined, flags: StatusFlags) =>
    withRun(flags.project, runId, async (store, run, root, redact) => {
      if (flags.prompt !== undefined && flags.output !== undefined) throw new UsageError("Expected one of --prompt and --output, got both");
      const text = flags.prompt !== undefined ? ("prompt" as const) : flags.output !== undefined ? ("output" as const) : undefined;
      // A script asking for JSON was given markdown, and failed on its first character.
      if (text && flags.json) throw new UsageError(`Expected one of --json and --${text}, got both: --${text} prints the attempt's ${text === "prompt" ? "prompt as it was sent" : "outcome as markdown"}, not JSON; \`--json\` alone prints the run's status, each attempt's prompt file among it`);
      if (text) return void process.stdout.write(redact(attemptText(store, run, root, (flags.prompt ?? flags.output)!, text, flags.attempt)));
      if (flags.attempt !== undefined) throw new UsageError("--attempt goes with --prompt <module> or --output <module>");
      const { agentNotes, runExtras, shownRun, shownWorkOf, statusJson, renderStatus } = await reading();
      const notes = agentNotes(store, run.id);
      const extras = await withWorkspace(runExtras(store, run.id, shownRun(store, run).gone), root);
      const { modules, attempts } = shownWorkOf(store, run.id, extras);
      // Redacted again on the way out: a store written before redaction existed may hold secrets.
      process.stdout.write(redact(flags.json ? `${JSON.stringify(statusJson(run, modules, attempts, root, notes, extras), null, 2)}\n` : `${renderStatus(run, modules, attempts, root, colorsFor(process.stdout), notes, extras)}\n`));
    }),
  );

  project(program.command("runs").description("list the project's runs, newest first"))
    .option("--json", "print JSON")
    .action(async (flags: Flags) => {
      const [{ openStoreToRead }, { shownRun, renderRuns, runTimeOf }] = await Promise.all([import("../../store/open.js"), reading()]);
      const store = openStoreToRead(findProjectRoot(flags.project));
      if (!store) return void process.stdout.write(flags.json ? "[]\n" : "No runs in this project yet (start one with `orchestrate run`).\n");
      try {
        const runs = store.listRunHeads();
        const gone = new Map(runs.flatMap((r) => { const g = shownRun(store, r).gone; return g ? [[r.id, g] as const] : []; }));
        const now = Date.now();
        const times = new Map(runs.map((r) => [r.id, runTimeOf(store, r, r.state === "running" && !gone.has(r.id), now)] as const));
        const json = runs.map(({ taskType: _t, ...r }) => {
          const time = times.get(r.id)!;
          const timed = { ...r, durationMs: time.ms, ...(time.sessions > 1 ? { sessions: time.sessions } : {}) };
          return gone.has(r.id) ? { ...timed, state: "interrupted", recordedState: r.state, note: gone.get(r.id) } : timed;
        });
        process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : `${renderRuns(runs, colorsFor(process.stdout), gone, times)}\n`);
      } finally {
        store.close();
      }
    });

  project(program.command("report").description("print (or write) the hierarchical report of a run: layers, modules, attempts, durations, totals, and an isolated run's merges and conflicts").argument("[run]", "run id (default: the latest run)"))
    .addOption(new Option("-f, --format <format>", "report format").choices(["md", "json"]).default("md"))
    .option("-o, --output <file>", "write the report to this file instead of printing it")
    .action((runId: string | undefined, flags: Flags & { format: "md" | "json"; output?: string }) =>
      withRun(flags.project, runId, async (store, run, root, redact) => {
        const { runExtras, shownRun, shownWorkOf, runGates, reportJson, reportMarkdown } = await reading();
        const extras = await withWorkspace(runExtras(store, run.id, shownRun(store, run).gone), root);
        const input = { run: extras.gone ? { ...run, state: "interrupted" as const } : run, plan: run.plan, ...shownWorkOf(store, run.id, extras), gates: runGates(store, run.id), extras };
        const text = redact(flags.format === "json" ? `${JSON.stringify(reportJson(input), null, 2)}\n` : `${reportMarkdown(input)}\n`);
        if (!flags.output) return void process.stdout.write(text);
        writeReport(flags.output, text);
        process.stdout.write(`Wrote ${flags.output}\n`);
      }),
    );
}

/** The prompt or output of `moduleId`'s attempt `n` (default: its last): kept in the store, or a file for a run from before it was. */
function attemptText(store: Store, run: RunRecord, root: string, moduleId: string, which: "prompt" | "output", n: string | undefined): string {
  const attempts = store.getAttempts(run.id, moduleId);
  if (attempts.length === 0) {
    const known = store.getModules(run.id).map((m) => m.moduleId);
    throw new UsageError(known.includes(moduleId) ? `Module \`${moduleId}\` has no attempt in run ${run.id} yet` : `No module \`${moduleId}\` in run ${run.id} (its modules: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""})`);
  }
  // Decimal digits only, as the run's number flags: `0x1`, `1e0` and `1.0` are no attempt number.
  const wanted = n === undefined ? attempts.length : boundedInteger(n, { min: 1, max: attempts.length });
  const attempt = attempts.find((a) => a.n === wanted);
  if (!attempt) throw new UsageError(`Expected --attempt to be one of 1..${attempts.length} for module \`${moduleId}\`, got ${n}`);
  const kept = store.getAttemptText(run.id, moduleId, attempt.n)[which];
  if (kept !== undefined) return kept.endsWith("\n") ? kept : `${kept}\n`;
  try {
    return readFileSync(resolve(root, attempt.promptPath.replace(/\.prompt\.md$/, `.${which}.md`)), "utf8");
  } catch {
    const why = attempt.endedAt === undefined && which === "output" ? " (it is still running)" : "";
    throw new RunError("RUN_NOT_FOUND", `No ${which} kept for attempt ${attempt.n} of module \`${moduleId}\` in run ${run.id}${why}`);
  }
}

/** The store (SQLite) and the redactor load when a command reads runs, not at every CLI start. */
async function withRun(projectDir: string, runId: string | undefined, body: (store: Store, run: RunRecord, root: string, redact: (text: string) => string) => Promise<void>): Promise<void> {
  const [{ openStoreToRead }, { redact }, { readRun }] = await Promise.all([import("../../store/open.js"), import("../../redact/index.js"), import("../../run/records.js")]);
  const root = findProjectRoot(projectDir);
  const store = openStoreToRead(root);
  if (!store) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No runs in this project yet (start one with `orchestrate run`)");
  try {
    const { run, unreadable } = readRun(store, runId, true);
    // What the store holds besides the plan is shown; then one line says what is wrong and what to do, and the exit is 2.
    await body(store, run, root, redact);
    if (unreadable) {
      throw new RunError("STORE_UNREADABLE", `Run ${run.id}: its stored plan cannot be read (its row in .orchestrate/state.db is damaged), so it is shown without its plan; start a new run with \`orchestrate run\`, and \`orchestrate clean ${run.id}\` removes its worktrees and branches`, {}, { cause: unreadable });
    }
  } finally {
    store.close();
  }
}

/** The extras with the integration branch's head, and whether your branch holds it, from git. */
async function withWorkspace(extras: RunExtras, root: string): Promise<RunExtras> {
  const { withWorkspaceHead } = await import("../../run/workspace-view.js");
  return withWorkspaceHead(extras, root);
}

