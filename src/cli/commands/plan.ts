import type { Command } from "commander";
import { Option } from "commander";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import { colorsFor } from "../style.js";

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("analyse a request and print the plan: scope, layers, waves, critical path, warnings")
    .argument("<request>", 'what to do, e.g. "implement system", "optimize layer/core"')
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .addOption(new Option("-t, --type <type>", "task type, instead of detecting it from the request").choices([...TASK_TYPES]))
    .option("-l, --log <path>", "an error log whose stack traces decide the scope (debug); default: a log the request names")
    .option("--scope <scope>", "scope, instead of reading it from the request: system, layer/<id> or module/<id>[,module/<id>...]")
    .option("--planner", "let a planner model split the request into per-module tasks (config `planner`, else the configured model agent)")
    .option("--no-planner", "plan without the planner model even when the config names one")
    .option("--json", "print the plan as JSON")
    .action(async (request: string, opts: { project: string; type?: TaskType; log?: string; scope?: string; json?: boolean; planner?: boolean }) => {
      // Loaded here, not at start-up: `--help` and `--version` need none of it.
      const [{ loadSpec }, { planRequest }, { renderPlan }, { validateFrontMatter }, { withPlanner }] = await Promise.all([
        import("../../spec/load.js"),
        import("../../plan/request.js"),
        import("../render/plan.js"),
        import("../../validate/front-matter.js"),
        import("../../planner/index.js"),
      ]);
      const spec = loadSpec(opts.project);
      validateFrontMatter(spec);
      const routed = planRequest(spec, request, { ...(opts.type ? { type: opts.type } : {}), ...(opts.log ? { log: opts.log } : {}), ...(opts.scope !== undefined ? { scope: opts.scope } : {}) });
      const plan = await withPlanner(spec, routed, { ...(opts.planner !== undefined ? { planner: opts.planner } : {}), typeGiven: opts.type !== undefined });
      process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlan(plan, colorsFor(process.stdout))}\n`);
    });
}
