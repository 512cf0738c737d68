import { plural } from "../style.js";
import type { RunEvent, Timed } from "../../run/events.js";
import type { RunView } from "./progress-model.js";
import { clock, cost, duration, firstLine, requestLine, tokens } from "./format.js";
import { countsText, gateSummary, gateVerdict } from "./states.js";
import { workspaceStart } from "./workspace.js";
import { describeChange, describeFigure } from "../../workflows/figures.js";

const MAX_WAVE_IDS = 12;

/**
 * The log line for one event, for pipes and CI: no colour, no cursor control,
 * nothing for events a reader would not miss (agent chatter, `running` states
 * that `attempt:start` already announces). `view` has the event applied.
 */
export function plainLine(view: RunView, event: Timed<RunEvent>): string | undefined {
  const text = describe(view, event);
  return text === undefined ? undefined : `[${clock(event.at - (view.startedAt ?? event.at))}] ${text}`;
}

function describe(view: RunView, event: Timed<RunEvent>): string | undefined {
  switch (event.type) {
    case "run:start":
      return `run ${event.runId} ${event.resumed ? "resumed" : "started"}: ${requestLine(event.request)} (${plural(event.plan.modules.length, "module")}, agent ${event.agent}, schedule ${event.schedule}, concurrency ${event.concurrency})`;
    case "wave": {
      const ids = event.modules.length > MAX_WAVE_IDS ? `${event.modules.slice(0, MAX_WAVE_IDS).join(", ")}, … ${event.modules.length - MAX_WAVE_IDS} more` : event.modules.join(", ");
      return `wave ${event.wave}${view.waves ? `/${view.waves}` : ""}: ${ids}`;
    }
    case "attempt:start":
      if (event.regate) return `${event.moduleId}: attempt ${event.attempt} started: the gate again on attempt ${event.regate}'s work, stopped in its gate (no agent)`;
      return `${event.moduleId}: attempt ${event.attempt} started (${event.kind === "implement" ? "" : `${event.kind}, `}${event.agent})`;
    case "attempt:worker":
      return `${event.moduleId}: attempt ${event.attempt} taken by worker ${event.worker}`;
    case "attempt:end":
      if (event.ok) return undefined;
      // A cancel with a cause (a queue worker lost) says it; a Ctrl-C's needs none.
      if (event.cancelled) return `${event.moduleId}: attempt ${event.attempt} cancelled${onWorker(event)}${event.failure === "WORKER_LOST" && event.error ? `: ${firstLine(event.error)}` : ""}`;
      return `${event.moduleId}: attempt ${event.attempt} failed${onWorker(event)}: ${view.modules.get(event.moduleId)?.error ?? firstLine(event.error)}`;
    case "module:state": {
      const m = view.modules.get(event.moduleId);
      // A merge is told with the state it leads to, once; the workspace line named the branch.
      const merged = m?.merged === undefined ? "" : `merged ${plural(m.merged, "file")}`;
      if (m) m.merged = undefined;
      if (event.state === "validating") return `${event.moduleId}: validating`;
      if (event.state === "done") return `${event.moduleId}: done${m?.gate ? ` (${m.gate})` : ""}${m?.worker ? ` on worker ${m.worker}` : ""}${merged ? `; ${merged}` : ""}`;
      if (merged && event.state !== "running") return `${event.moduleId}: ${merged} into ${view.workspace?.branch ?? "the integration branch"}`;
      if (event.state === "failed" || event.state === "blocked") return `${event.moduleId}: ${event.state}${event.reason ? ` (${event.reason})` : ""}`;
      return undefined;
    }
    case "gate":
      // A module gate before the module's first attempt is a refactoring's baseline, on the code as it is;
      // an attempt's own gate is told with the state it leads to.
      if (event.result.level === "module") return isBaseline(view, event.result.target) ? `${event.result.target}: baseline gate ${gateVerdict(event.result)}: ${gateSummary(event.result)}` : undefined;
      return `${event.result.level === "system" ? "system" : `layer ${event.result.target}`} gate ${gateVerdict(event.result)}${event.result.cancelled ? " before it finished (resume runs it again)" : ""}: ${gateSummary(event.result)}`;
    case "signal":
      return `${event.signal}: starting nothing new; running attempts and gates have ${duration(event.graceMs)} to finish (again to cancel now)`;
    case "run:end":
      return `run ${event.runId}: ${event.state} in ${duration(event.durationMs)}${event.sessions ? ` over ${event.sessions} sessions` : ""} — ${countsText(event.counts)}; ${tokens(event.usage)}, ${cost(event.usage.costUsd)}`;
    case "workspace":
      // Only the first: the run's end names the branch again in its closing lines. Its note (uncommitted changes, why the run is shared)
      // is the CLI's own line, written as the run starts for the live view too: said here as well, a plain run said it twice.
      return event.head === undefined && event.applied === undefined ? workspaceStart({ isolation: event.isolation, ...(event.branch ? { branch: event.branch } : {}), ...(event.base ? { base: event.base } : {}) }) : undefined;
    case "agent":
      return event.event.type === "progress" && event.event.warning ? `${event.moduleId}: ${firstLine(event.event.message)}` : undefined;
    case "merge":
      return undefined;
    case "bench":
      // optimize's figures as they are taken: the baseline (minutes of a build, silent before) and each passing attempt's.
      return event.phase === "before" ? `${event.moduleId}: benchmark before: ${describeFigure(event.value)} (\`${event.command}\`)` : `${event.moduleId}: benchmark ${describeChange(event.before, event.value)}`;
  }
}

/** ` on worker host:pid` for a queued attempt, unless its error names the worker already (a worker lost); local attempts name none. */
function onWorker(event: { worker?: string; error?: string }): string {
  return event.worker && !event.error?.includes(event.worker) ? ` on worker ${event.worker}` : "";
}

/** A module gate that comes before any attempt of the module: the refactor workflow's baseline. */
function isBaseline(view: RunView, moduleId: string): boolean {
  const m = view.modules.get(moduleId);
  return m !== undefined && m.attempt === 0 && m.state === "pending";
}
