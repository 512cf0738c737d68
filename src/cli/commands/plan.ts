import type { Command } from "commander";
import { Option } from "commander";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import { planRequest } from "../../run/request.js";
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
    .option("-l, --log <path>", "an error log whose stack traces decide the scope (debug); default: a log the request names")
    .option("--json", "print the plan as JSON")
    .action((request: string, opts: { project: string; type?: TaskType; log?: string; json?: boolean }) => {
      const spec = loadSpec(opts.project);
      const plan = planRequest(spec, request, { ...(opts.type ? { type: opts.type } : {}), ...(opts.log ? { log: opts.log } : {}) });
      process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlan(plan, colorsFor(process.stdout))}\n`);
    });
}
