import type { AgentEvent, AttemptKind, Usage } from "../agents/types.js";
import type { Plan } from "../plan/types.js";
import type { ModuleState, RunState } from "../store/types.js";
import type { GateResult } from "../validate/types.js";

/** Everything a run reports while it goes: the live view, logs and the store's event table read these. */
export type RunEvent =
  | { type: "run:start"; runId: string; request: string; plan: Plan; resumed: boolean; concurrency: number; schedule: "ready" | "waves"; agent: string }
  | { type: "module:state"; runId: string; moduleId: string; layer: string; state: ModuleState; attempt: number; reason?: string }
  | { type: "attempt:start"; runId: string; moduleId: string; attempt: number; kind: AttemptKind; agent: string; promptPath: string }
  | { type: "attempt:end"; runId: string; moduleId: string; attempt: number; ok: boolean; cancelled?: boolean; error?: string; durationMs: number; usage: Usage; summary?: string }
  | { type: "agent"; runId: string; moduleId: string; attempt: number; event: AgentEvent }
  | { type: "gate"; runId: string; result: GateResult }
  | { type: "wave"; runId: string; wave: number; modules: string[] }
  | { type: "signal"; runId: string; signal: string; graceMs: number }
  | { type: "budget"; runId: string; reason: string; spent: Usage }
  | { type: "run:end"; runId: string; state: RunState; durationMs: number; counts: Record<ModuleState, number>; usage: Usage };

/** A timestamped event as delivered to listeners. */
export type Timed<E = RunEvent> = E & { at: number };

export type RunListener = (event: Timed) => void;
