import type { TaskAnalysis } from "../analyze/types.js";
import type { Warning } from "../spec/types.js";

export interface PlanLayer {
  id: string;
  modules: string[];
  orchestrator?: string;
}

export interface PlanModule {
  id: string;
  layer: string;
  /** Spec file relative to the project root. */
  spec: string;
  files: string[];
  /** Dependencies inside the plan's scope; those outside count as done. */
  dependsOn: string[];
  /** The spec's text as planned (front matter removed): prompts use it, so a resumed run needs no spec file. */
  specText?: string;
  /** sha256 of `specText` (16 hex digits), to tell a resumed run that the spec changed since. */
  specDigest?: string;
  /** The first sentence of the spec's Purpose (Overview, Summary) section: the CHANGELOG and README line. */
  purpose?: string;
  /** The first command under the spec's "Performance" heading: optimize's benchmark. */
  benchmark?: string;
  /** Dependencies outside the plan's scope (done already), described in `Plan.external`: the prompt shows their interfaces too. */
  dependsOnDone?: string[];
  /** The module's own task, from the planner model: its prompt carries it instead of the request. */
  task?: string;
  /** When the module's task is done, from the planner model. */
  acceptance?: string[];
}

/** A module outside the plan's scope that a module in it depends on: what a prompt shows of it. */
export interface PlanDependency {
  id: string;
  layer: string;
  spec: string;
  files: string[];
  /** The spec's "Provides" section, as written. */
  provides?: string;
  purpose?: string;
}

/** The plan JSON of DESIGN.md; the optional fields are additions a run needs so it never re-reads its inputs. */
export interface Plan {
  request: string;
  analysis: TaskAnalysis;
  layers: PlanLayer[];
  modules: PlanModule[];
  waves: string[][];
  criticalPath: string[];
  warnings: Warning[];
  /** Modules outside the scope that modules in it depend on, so a prompt can show their interfaces without the spec files. */
  external?: PlanDependency[];
  /** debug: the log the plan read, with the excerpt the diagnosis and fix prompts show. */
  log?: { path: string; excerpt: string };
}
