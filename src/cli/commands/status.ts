import type { Command } from "commander";
import { Option } from "commander";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RunRecord, Store } from "../../store/types.js";
import { agentNotes, findRun, runGates } from "../../run/records.js";
import { findProjectRoot } from "../../spec/root.js";
import { openStore } from "../../store/open.js";
import { colorsFor } from "../style.js";
import { renderRuns, renderStatus, statusJson } from "../render/status.js";
import { reportJson, reportMarkdown } from "../render/report.js";

interface Flags {
  project: string;
  json?: boolean;
}

/** `status`, `runs` and `report`: reading runs back from the store. */
export function registerStatus(program: Command): void {
  const project = (c: Command) => c.option("-p, --project <dir>", "project folder holding .claude/", ".");

  project(program.command("status").description("show a run's modules, states and attempts (default: the latest run)").argument("[run]", "run id")).option("--json", "print JSON").action((runId: string | undefined, flags: Flags) =>
    withRun(flags.project, runId, (store, run, root) => {
      const modules = store.getModules(run.id);
      const attempts = store.getAttempts(run.id);
      const notes = agentNotes(store, run.id);
      process.stdout.write(flags.json ? `${JSON.stringify(statusJson(run, modules, attempts, root, notes), null, 2)}\n` : `${renderStatus(run, modules, attempts, root, colorsFor(process.stdout), notes)}\n`);
    }),
  );

  project(program.command("runs").description("list the project's runs, newest first"))
    .option("--json", "print JSON")
    .action((flags: Flags) => {
      const store = openStore(findProjectRoot(flags.project));
      try {
        const runs = store.listRuns();
        process.stdout.write(flags.json ? `${JSON.stringify(runs.map(({ plan: _p, options: _o, ...r }) => r), null, 2)}\n` : `${renderRuns(runs, colorsFor(process.stdout))}\n`);
      } finally {
        store.close();
      }
    });

  project(program.command("report").description("print (or write) the hierarchical report of a run: layers, modules, attempts, durations, totals").argument("[run]", "run id (default: the latest run)"))
    .addOption(new Option("-f, --format <format>", "report format").choices(["md", "json"]).default("md"))
    .option("-o, --output <file>", "write the report to this file instead of printing it")
    .action((runId: string | undefined, flags: Flags & { format: "md" | "json"; output?: string }) =>
      withRun(flags.project, runId, (store, run) => {
        const input = { run, plan: run.plan, modules: store.getModules(run.id), attempts: store.getAttempts(run.id), gates: runGates(store, run.id) };
        const text = flags.format === "json" ? `${JSON.stringify(reportJson(input), null, 2)}\n` : `${reportMarkdown(input)}\n`;
        if (!flags.output) return void process.stdout.write(text);
        writeFileSync(resolve(flags.output), text);
        process.stdout.write(`Wrote ${flags.output}\n`);
      }),
    );
}

function withRun(projectDir: string, runId: string | undefined, body: (store: Store, run: RunRecord, root: string) => void): void {
  const root = findProjectRoot(projectDir);
  const store = openStore(root);
  try {
    body(store, findRun(store, runId), root);
  } finally {
    store.close();
  }
}
