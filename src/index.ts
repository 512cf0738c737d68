// The public API. Adding a line here makes it public: keep it curated.
export { loadSpec } from "./spec/load.js";
export type { SpecTree, ModuleSpec, LayerSpec, SystemSpec, Dependency, DependencySource, Warning, ImportRule } from "./spec/types.js";
export { analyzeTask } from "./analyze/index.js";
export { TASK_TYPES } from "./analyze/types.js";
export type { TaskType, Scope, TaskAnalysis } from "./analyze/types.js";
export { buildPlan } from "./plan/build.js";
export type { Plan, PlanLayer, PlanModule } from "./plan/types.js";
export { OrchestrateError, SpecError, CycleError, ConfigError, UsageError } from "./errors.js";
export type { ErrorCode, ErrorPlace } from "./errors.js";
export type { Agent, AgentTask, AgentContext, AgentResult, AgentEvent, Usage, McpServerConfig } from "./agents/types.js";
