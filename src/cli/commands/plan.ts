import type { Command } from "commander";
import { Option } from "commander";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import { analyzeTask } from "../../analyze/index.js";
import { buildPlan } from "../../plan/build.js";
import { loadSpec } from "../../spec/load.js";
import { colorsFor } from "../style.js";
import { renderPlan } from "../render/plan.js";

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("analyse a request and print the plan: scope, layers, waves, critical path, warnings")
    .argument("<request>", 'what to do, e.g. "implement system", "optimize layer/core"')
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .addOption(new Option("-t, --type <type>", "task type, instead of detecting it from the request").choices([...TASK_TYPES]))
    .option("--json", "print the plan as JSON")
    .action((request: string, opts: { project: string; type?: TaskType; json?: boolean }) => {
      const spec = loadSpec(opts.project);
      const analysis = analyzeTask(request, spec, opts.type ? { type: opts.type } : {});
      const plan = buildPlan(spec, analysis, request);
      process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlan(plan, colorsFor(process.stdout))}\n`);
    });
}
