import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Plan } from "../plan/types.js";
import type { Store } from "../store/types.js";
import { TASK_TYPES, type TaskType } from "../analyze/types.js";
import { planRequest } from "../plan/request.js";
import { withPlanner } from "../planner/index.js";
import { loadSpec } from "../spec/load.js";
import { UsageError } from "../errors.js";
import { VERSION } from "../package.js";
import type { LiveRuns } from "./runs.js";
import { registerMemoryTools } from "../agent-mcp/memory-tools.js";
import { landedIn } from "../workspace/landed.js";
import { guarded, jsonResult, textResult } from "../agent-mcp/results.js";
import { runReport, runStatus } from "./status.js";

export interface OrchestrateServerDeps {
  /** Project root (absolute). */
  root: string;
  /** The project's store, open for the server's life; runs open their own. */
  store: Store;
  /** Runs this process started; shared by every session of an HTTP server. */
  runs: LiveRuns;
}

type Request = { request: string; type?: TaskType | undefined; log?: string | undefined; scope?: string | undefined; planner?: boolean | undefined };
type RunRequest = Request & { yes?: boolean | undefined };

const request = {
  request: z.string().min(1).describe('what to do, e.g. "implement system", "fix the order book"'),
  type: z.enum(TASK_TYPES).optional().describe("task type, instead of detecting it from the request"),
  log: z.string().min(1).optional().describe("an error log (path in the project) whose stack traces decide a debug request's scope"),
  scope: z.string().min(1).optional().describe("scope, instead of reading it from the request: system, layer/<id> or module/<id>[,module/<id>...]"),
  planner: z.boolean().optional().describe("true: a planner model writes each module's task first (config `planner`, else the run's model agent); false: none even when configured; default: the config decides"),
};
const runRequest = {
  ...request,
  yes: z.boolean().optional().describe("run every module when the request matched no module (plan warning SCOPE_FALLBACK); otherwise such a run is refused"),
};
const runIdArg = z.string().min(1);

/**
 * orchestrate itself as MCP tools: plan, run (in the background, in this
 * process), status, resume, cancel, report, and the project memory.
 */
export function createOrchestrateMcpServer(deps: OrchestrateServerDeps): McpServer {
  const { root, store, runs } = deps;
  const server = new McpServer({ name: "orchestrate", version: VERSION }, { instructions: `Plans and runs coding agents over the project at ${root}. Runs go on in the background: start one with run, then poll status.` });
  const plan = async ({ request: text, type, log, scope, planner }: Request): Promise<Plan> => {
    const spec = loadSpec(root);
    const routed = planRequest(spec, text, { ...(type ? { type } : {}), ...(log ? { log } : {}), ...(scope ? { scope } : {}), logInsideOnly: true });
    return withPlanner(spec, routed, { ...(planner !== undefined ? { planner } : {}), typeGiven: type !== undefined, store });
  };

  server.registerTool(
    "plan",
    { description: "Analyse a request against the spec tree and return the plan: scope, layers, modules, waves, critical path, warnings.", inputSchema: request, annotations: { readOnlyHint: true } },
    guarded(async (args: Request) => jsonResult(await plan(args))),
  );
  server.registerTool(
    "run",
    { description: "Plan the request and start running agents on its modules in the background. Returns the run id at once; poll status until it ends. A request that matched no module (plan warning SCOPE_FALLBACK), or only by a misspelled name (SCOPE_SPELLING), is refused unless `scope` or `yes` is given.", inputSchema: runRequest },
    guarded(async (args: RunRequest) => {
      const planned = await plan(args);
      // No terminal to ask on: running every module must be asked for, as `--yes` does on the CLI.
      const fallback = planned.warnings.find((w) => w.code === "SCOPE_FALLBACK");
      if (fallback && args.yes !== true) throw new UsageError(`${fallback.message}; pass \`yes: true\` to run every module`);
      const typo = planned.warnings.find((w) => w.code === "SCOPE_SPELLING");
      if (typo && args.yes !== true) throw new UsageError(`${typo.message}; pass \`yes: true\` to run it, or \`scope\``);
      return jsonResult({ runId: await runs.start(planned) });
    }),
  );
  server.registerTool(
    "status",
    { description: "A run's state and its modules' states and attempts (default: the latest run). `live` says whether it runs in this server now.", inputSchema: { runId: runIdArg.optional() }, annotations: { readOnlyHint: true } },
    guarded(async ({ runId }: { runId?: string | undefined }) => {
      const status = await runStatus(store, root, runId);
      return jsonResult({ ...status, live: runs.has(status.runId) });
    }),
  );
  server.registerTool(
    "resume",
    {
      description: "Continue a run (default: the latest unfinished one) in the background without redoing finished modules. Returns its id. A run queued on Redis goes on on its queue, unless `local`.",
      inputSchema: {
        runId: runIdArg.optional(),
        local: z.boolean().optional().describe("a queued run goes on in this server's process, its jobs left on its queue withdrawn first (as `orchestrate resume --no-queue`): the way out when its Redis is gone; `line` or `warning` in the result says what became of its jobs"),
      },
    },
    guarded(async ({ runId, local }: { runId?: string | undefined; local?: boolean | undefined }) => jsonResult(await runs.resume(runId, { local: local === true }))),
  );
  server.registerTool(
    "cancel",
    { description: "Stop a run this server started or resumed: nothing new starts, running agents get a grace period, then are cancelled. Resume it later.", inputSchema: { runId: runIdArg } },
    guarded(({ runId }: { runId: string }) => {
      runs.stop(runId);
      return jsonResult({ runId, stopping: true });
    }),
  );
  server.registerTool(
    "report",
    {
      description: "The hierarchical report of a run (default: the latest): layers, modules, attempts, durations, totals; markdown or JSON.",
      inputSchema: { runId: runIdArg.optional(), format: z.enum(["md", "json"]).optional().describe("md (default) or json") },
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ runId, format }: { runId?: string | undefined; format?: "md" | "json" | undefined }) => {
      const report = await runReport(store, root, runId, format ?? "md");
      return typeof report === "string" ? textResult(report) : jsonResult(report);
    }),
  );
  registerMemoryTools(server, store, { withDelete: true, landing: () => landedIn(root) });
  return server;
}
