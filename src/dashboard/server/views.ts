/**
 * What the dashboard's JSON API answers: the page's only view of the store. Types only, so the
 * page (bundled for the browser) imports them without pulling in any server code.
 */
import type { Usage } from "../../agents/types.js";
import type { AttemptState, ModuleState, RunState } from "../../store/types.js";
import type { GateResult } from "../../validate/types.js";
import type { GateReport, ReportJson } from "../../report/model.js";

export type { ModuleState, RunState, Usage, GateResult, GateReport, ReportJson };

/** One row of `/api/runs`. */
export interface RunRow {
  id: string;
  request: string;
  /** The task type the plan was made for: implement, debug, refactor... */
  type: string;
  state: RunState;
  /** Epoch ms. */
  createdAt: number;
  endedAt: number | null;
  durationMs: number;
  usage: Usage;
  modules: number;
  counts: Record<ModuleState, number>;
  /** A process (this one or another) is running it now. */
  live: boolean;
}

/** A module as the graph shows it. */
export interface ModuleNode {
  id: string;
  layer: string;
  state: ModuleState;
  reason?: string;
  attempts: number;
  /** What it does now (or last did): "attempt 2 (retry)", "gates", the agent's last progress line. */
  step: string;
  dependsOn: string[];
  usage: Usage;
  durationMs: number;
}

/** `/api/runs/<id>`. */
export interface RunDetail extends RunRow {
  layers: { id: string; modules: string[] }[];
  nodes: ModuleNode[];
  criticalPath: string[];
  /** Who runs it: `this` (the dashboard's process), `other` (the pid holding the lock), or nobody. */
  holder: { kind: "this" } | { kind: "other"; pid: number } | null;
  canCancel: boolean;
  canResume: boolean;
  /** It ran on a Redis queue: it can also be resumed in the dashboard's own process (`resume --no-queue`). */
  queued: boolean;
  /** Id of the newest event row: the page's SSE stream follows from here. */
  lastEventId: number;
}

export interface ToolCall {
  at: number;
  name: string;
  summary: string;
}

export interface AttemptDetail {
  n: number;
  kind: string;
  agent: string;
  state: AttemptState;
  /** The prompt as sent (redacted), or undefined when its file is gone. */
  prompt?: string;
  promptPath: string;
  summary?: string;
  error?: string;
  /** The previous attempt's error, which this retry was told about. */
  previousError?: string;
  filesChanged: string[];
  usage: Usage;
  gate?: GateResult;
  /** A queued run's attempt: the `orchestrate worker` that ran it, `host:pid`. */
  worker?: string;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  tools: ToolCall[];
  progress: { at: number; message: string }[];
}

/** `/api/runs/<id>/modules/<module>`. */
export interface ModuleDetail {
  runId: string;
  id: string;
  layer: string;
  state: ModuleState;
  reason?: string;
  dependsOn: string[];
  spec?: string;
  files: string[];
  attempts: AttemptDetail[];
  /** When the last attempt failed: why. */
  failure?: FailureView;
  todos: { content: string; status: string }[];
  memories: MemoryView[];
}

export interface MemoryView {
  key: string;
  content: string;
  tags: string[];
  runId?: string;
  updatedAt: number;
}

/** One server-sent event: an event row of the store. Its SSE `id` is the row id. */
export interface StreamEvent {
  id: number;
  at: number;
  type: string;
  moduleId?: string;
  data: unknown;
}

/** Why a module's last attempt failed: what the module's view shows first. */
export interface FailureView {
  /** The failed attempt. */
  attempt: number;
  /** The first line of its error: what failed. */
  headline: string;
  /** Where `output` comes from: a failed gate check, or the agent's stderr, error or stdout. */
  source: string;
  /** The decisive output: its last lines (60 at most, 8,000 characters), redacted. */
  output: string;
  /** The output goes on above what is shown. */
  cut: boolean;
}
