import type { Command } from "commander";
import { Option } from "commander";
import { TASK_TYPES, type TaskType } from "../../analyze/types.js";
import type { Plan, PlanModule } from "../../plan/types.js";
import type { SpecTree } from "../../spec/types.js";
import type { Config } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import { colorsFor, colorsOn } from "../style.js";
import { emptyPlan } from "../empty-plan.js";
import { tuneForPlan } from "../heap.js";

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("analyse a request and print the plan: scope, layers, waves, critical path, warnings")
    .argument("[request]", 'what to do, e.g. "implement system", "optimize layer/core" (with --prompt: default "implement module/<MODULE>")')
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .addOption(new Option("-t, --type <type>", "task type, instead of detecting it from the request").choices([...TASK_TYPES]))
    .option("-l, --log <path>", "an error log whose stack traces decide the scope (debug); default: a log the request names")
    .option("--scope <scope>", "scope, instead of reading it from the request: system, layer/<id> or module/<id>[,module/<id>...]")
    .option("--planner", "let a planner model split the request into per-module tasks (config `planner`, else the configured model agent)")
    .option("--no-planner", "plan without the planner model even when the config names one")
    .option("--json", "print the plan as JSON")
    .option("--prompt <module>", "print the prompt this module's first attempt would get, its size in tokens and what it is made of")
    .action(async (request: string | undefined, opts: { project: string; type?: TaskType; log?: string; scope?: string; json?: boolean; prompt?: string; planner?: boolean }) => {
      if (request === undefined && opts.prompt === undefined) throw new UsageError("Expected a request, e.g. `orchestrate plan \"implement system\"`, or `--prompt <module>`");
      const memoable = !opts.json && opts.prompt === undefined && opts.log === undefined && request !== undefined;
      const memo = memoable ? await import("../plan-memo.js") : undefined;
      const name = memo?.memoName({ request: request!, ...(opts.type ? { type: opts.type } : {}), ...(opts.scope !== undefined ? { scope: opts.scope } : {}), colors: colorsOn(process.stdout) });
      if (name !== undefined && (await printKept(opts.project, name, opts.planner))) return;
      // Loaded here, not at start-up: `--help` and `--version` need none of it.
      const [{ loadSpec, saveSpecCache, keepDerived }, { planRequest }, { renderPlan, matchedNothing }, { checkFrontMatter }, { withPlanner }] = await Promise.all([
        import("../../spec/load.js"),
        import("../../plan/request.js"),
        import("../render/plan.js"),
        import("../../validate/front-matter-readers.js"),
        import("../../planner/index.js"),
      ]);
      const spec = loadSpec(opts.project, { cache: true, listed: tuneForPlan });
      const promptFor = opts.prompt === undefined ? undefined : await moduleWritten(opts.prompt, spec);
      // Validated as `run` validates it; zod (a third of a cold plan's start-up) loads only for a tree with such keys.
      await checkFrontMatter(spec);
      const routed = planRequest(spec, request ?? `implement module/${promptFor}`, { ...(opts.type ? { type: opts.type } : {}), ...(opts.log ? { log: opts.log } : {}), ...(opts.scope !== undefined ? { scope: opts.scope } : {}) });
      // As `run` refuses it: an empty plan is a tree without module specs, or a layer without any, not a plan to print.
      const empty = emptyPlan("plan", spec, routed);
      if (empty) throw empty;
      // Without a config file, no config parser (zod, js-yaml) loads.
      const source = (await import("../../config/source.js")).readConfigSource(spec.root);
      const config: Config = source ? (await import("../../config/load.js")).parseConfigSource(source) : {};
      // A plan that read a log depends on more than the tree and the request: it is not kept.
      // Nor is the one line of a request that matched nothing: it has no validation lines to recall with it.
      const text = memo && name !== undefined && !routed.log && !matchedNothing(routed) && plannerOff(config, opts.planner) ? renderPlan(routed, colorsFor(process.stdout)) : undefined;
      if (memo && name !== undefined && text !== undefined) {
        keepDerived(spec, name, memo.memoOf(text, routed, spec, { source: source ?? null, config }));
        // And the plan itself, for the run that follows (cli/run-plan-memo.ts).
        const { runPlanName, keptPlanOf } = await import("../run-plan-memo.js");
        const bytes = keptPlanOf(routed);
        if (bytes) keepDerived(spec, runPlanName({ request: request!, ...(opts.type ? { type: opts.type } : {}), ...(opts.scope !== undefined ? { scope: opts.scope } : {}) }), bytes);
      }
      saveSpecCache(spec);
      // The next `plan` finds the kept plan without listing the tree, too.
      if (text !== undefined) (await import("../../spec/listing-snapshot.js")).keepListing(spec.root);
      const plan = await withPlanner(spec, routed, { ...(opts.planner !== undefined ? { planner: opts.planner } : {}), typeGiven: opts.type !== undefined, config: { config, ...(source ? { file: source.name } : {}) } });
      if (promptFor !== undefined) return printPrompt(spec, config, plan, promptFor, opts.json === true);
      // Added to the DESIGN plan JSON, never changing it: each edge's source, and what will validate a run.
      const [{ planExtras, validationExtras, renderPlanExtras }, { discoverySpec }] = await Promise.all([import("../render/plan-extras.js"), import("../../validate/discover.js")]);
      if (opts.json) {
        // 25 MB for 10,000 modules: written in pieces, not made as one string (render/json-pieces.ts).
        const { writeJson } = await import("../render/json-pieces.js");
        await writeJson(process.stdout, { ...plan, ...(await planExtras(plan, spec, config)) });
        return;
      }
      if (matchedNothing(plan)) {
        process.stdout.write(`${renderPlan(plan, colorsFor(process.stdout))}\n`);
        return;
      }
      process.stdout.write(`${plan === routed && text !== undefined ? text : renderPlan(plan, colorsFor(process.stdout))}\n${renderPlanExtras(await validationExtras(plan, spec.root, discoverySpec(spec), config), colorsFor(process.stdout))}`);
    });
}

/** Whether no planner model will remake the plan: `--no-planner`, or no `planner` in the config. */
function plannerOff(config: Config, planner: boolean | undefined): boolean {
  return planner !== undefined ? !planner : !config.planner;
}

/**
 * Prints the plan kept as `name` for the project's tree, when no spec changed since it was
 * kept (spec/recall.ts) and no planner model will remake it; false when there is none.
 */
async function printKept(project: string, name: string, planner: boolean | undefined): Promise<boolean> {
  const [{ recallDerived }, { isPlanMemo, keptConfig, keptDiscovery }, { readConfigSource }] = await Promise.all([import("../../spec/recall.js"), import("../plan-memo.js"), import("../../config/source.js")]);
  const kept = recallDerived(project, name);
  if (!kept || !isPlanMemo(kept.value)) return false;
  const source = readConfigSource(kept.root);
  const config = keptConfig(kept.value, source) ?? (await import("../../config/load.js")).loadConfig(kept.root).config;
  if (!plannerOff(config, planner)) return false;
  const { validationExtras, renderPlanExtras } = await import("../render/plan-extras.js");
  const { text, extras } = kept.value;
  const below = renderPlanExtras(await validationExtras(extras, kept.root, keptDiscovery(kept.value), config), colorsFor(process.stdout));
  process.stdout.write(text);
  process.stdout.write(`\n${below}`);
  return true;
}

/**
 * The module id `--prompt` names as people write it: the id, the agent name (`CART_AGENT`,
 * `CartAgent`), the spec file, `<layer>/<id>` or `module/<id>`, its front matter `name`, or a
 * file the module owns; anything else as written, for the plan's error listing the modules.
 */
async function moduleWritten(written: string, spec: SpecTree): Promise<string> {
  const [{ moduleNamed }, { Ownership }, { moduleNames }] = await Promise.all([import("../../spec/resolve.js"), import("../../spec/ownership.js"), import("../../spec/names.js")]);
  const r = { moduleIds: new Set(spec.modules.map((m) => m.id)), layerIds: new Set(spec.layers.map((l) => l.id)), ownership: new Ownership(spec.modules), names: moduleNames(spec.modules) };
  return moduleNamed(written, r, false) ?? written;
}

/**
 * `plan --prompt MODULE`: the prompt, then its size and shares; memories come from the project's store, when it has one.
 * The plan and the first attempt are the workflow's, as the run makes them (general's one step, debug's diagnosis with the log).
 */
async function printPrompt(spec: SpecTree, config: Config, routed: Plan, moduleId: string, json: boolean): Promise<void> {
  const [{ withDefaults, DEFAULTS }, { openStoreToRead }, { standardHooks }, { previewPrompt, describePreview }, { workflows }, { projectLayers, systemSpecText }, { planValidation }, { moduleGateCommands }, { FRONT_MATTER_READERS }] = await Promise.all([
    import("../../config/options.js"),
    import("../../store/open.js"),
    import("../../run/hooks.js"),
    import("../../prompt/preview.js"),
    import("../../workflows/registry.js"),
    import("../../workflows/general.js"),
    import("../../validate/discover.js"),
    import("../../validate/checks.js"),
    import("../../validate/front-matter.js"),
  ]);
  const root = spec.root;
  const options = withDefaults(config);
  const workflow = workflows({ layers: projectLayers(spec), system: systemSpecText(spec), ...(config.optimize ? { bench: config.optimize } : {}) })(routed.analysis.type);
  const plan = workflow.shape?.(routed) ?? routed;
  const store = openStoreToRead(root);
  try {
    // The run's hook (standardHooks' memoriesFor), so the preview finds what an attempt would.
    const hooks = store ? standardHooks(root, store) : undefined;
    // The module gate's commands as the run names them: the configured gates with the discovered ones under them.
    const gates = { ...config, ...planValidation(root, spec, config).config };
    const gateCommands = (m: PlanModule) => moduleGateCommands(m, gates, spec, FRONT_MATTER_READERS);
    const preview = previewPrompt({ root, plan, moduleId, first: workflow.first && ((m) => workflow.first!(plan, m)), maxTokens: options.prompt?.maxTokens ?? DEFAULTS.promptMaxTokens, agentReads: options.prompt?.agentReads, agentReadsWhy: options.prompt?.agentReadsWhy, memoriesFor: hooks?.memoriesFor, memoriesOf: hooks?.memoriesOf, gateCommands });
    process.stdout.write(json ? `${JSON.stringify(preview, null, 2)}\n` : `${preview.prompt.trimEnd()}\n\n---\n${describePreview(preview)}\n`);
  } finally {
    store?.close();
  }
}
