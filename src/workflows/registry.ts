import type { TaskType } from "../analyze/types.js";
import type { Workflow } from "../run/workflow.js";
import type { BenchConfinement, BenchOptions } from "./bench.js";
import { analyze } from "./analyze.js";
import { debug } from "./debug.js";
import { general, type SystemSpecText } from "./general.js";
import { implement } from "./implement.js";
import { optimize } from "./optimize.js";
import { refactor } from "./refactor.js";

/** What the workflows take from the project: the optimize benchmark and where it runs, the layer list general's prompt shows. */
export interface WorkflowOptions {
  bench?: BenchOptions;
  /** Where the benchmark runs: as gates' command checks do. @default the run's `sandbox` options, `gates.sandbox` unset */
  benchConfinement?: BenchConfinement;
  /** "1. core: money, journal" per layer, innermost first. */
  layers?: string;
  /** The system spec general's prompt shows. */
  system?: SystemSpecText;
}

/** One line per task type: adding a type is its file and its line here. */
const WORKFLOWS: Record<TaskType, (options: WorkflowOptions) => Workflow> = {
  implement: () => implement,
  debug: () => debug,
  refactor: () => refactor,
  analyze: () => analyze,
  optimize: (o) => optimize(o.bench, o.benchConfinement),
  general: (o) => general(o.layers, o.system),
};

/** The engine's `workflows` dependency: the workflow of a plan's task type. */
export function workflows(options: WorkflowOptions = {}): (type: TaskType) => Workflow {
  return (type) => WORKFLOWS[type](options);
}
