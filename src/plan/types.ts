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
}

/** The plan JSON of DESIGN.md, exactly. */
export interface Plan {
  request: string;
  analysis: TaskAnalysis;
  layers: PlanLayer[];
  modules: PlanModule[];
  waves: string[][];
  criticalPath: string[];
  warnings: Warning[];
}
