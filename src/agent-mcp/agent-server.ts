import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { McpServerConfig } from "../agents/types.js";
import type { Store } from "../store/types.js";
import { UsageError } from "../errors.js";
import { VERSION } from "../package.js";
import { registerMemoryTools } from "./memory-tools.js";
import { DESCRIBE_RUN, registerDescribeTools } from "./describe-tools.js";
import { registerPlannerTool } from "./planner-tool.js";
import { guarded, jsonResult } from "./results.js";

/** Whose server it is: one agent attempt's project, run and module. */
export interface AgentServerContext {
  /** Project root (absolute). */
  root: string;
  runId: string;
  moduleId: string;
  /** A planning attempt's server: `submit_plan` is offered. */
  planner?: boolean;
}

const ENV = { root: "ORCHESTRATE_PROJECT", runId: "ORCHESTRATE_RUN_ID", moduleId: "ORCHESTRATE_MODULE" } as const;
const PLANNER_FLAG = "--planner";
const FLAGS = { root: "--project", runId: "--run", moduleId: "--module" } as const;

const todoSchema = z.object({ content: z.string().min(1), status: z.enum(["pending", "in_progress", "completed"]) });

/**
 * The MCP server every agent gets as `orchestrate`: project memory, the module's
 * todo list, and progress reports, all kept in the project's store.
 */
export function createAgentMcpServer(store: Store, ctx: AgentServerContext, now: () => number = Date.now): McpServer {
  const server = new McpServer(
    { name: "orchestrate-agent", version: VERSION },
    { instructions: `Project memory and progress for module \`${ctx.moduleId}\` in run ${ctx.runId}. Read memories before you start; write what the next attempt or module should know; keep your todo list current.` },
  );
  registerMemoryTools(server, store, { runId: ctx.runId, moduleId: ctx.moduleId, now });
  if (ctx.runId === DESCRIBE_RUN) registerDescribeTools(server, store, now);
  if (ctx.planner) registerPlannerTool(server, store, ctx.runId, now);

  const todos = () => ({ todos: store.readTodos(ctx.runId, ctx.moduleId).map(({ content, status }) => ({ content, status })) });
  server.registerTool(
    "todo_write",
    {
      description: `Replace this module's (\`${ctx.moduleId}\`) todo list with \`todos\`, in order. Send the whole list every time.`,
      inputSchema: { todos: z.array(todoSchema) },
    },
    guarded(({ todos: list }: { todos: z.infer<typeof todoSchema>[] }) => {
      store.writeTodos(ctx.runId, ctx.moduleId, list);
      return jsonResult(todos());
    }),
  );
  server.registerTool("todo_read", { description: `Read this module's (\`${ctx.moduleId}\`) todo list.` }, guarded(() => jsonResult(todos())));

  server.registerTool(
    "report_progress",
    {
      description: "Report progress on this module: a short message and, if you can tell, the percent done. Shown in the run's live view.",
      inputSchema: { message: z.string().min(1), percent: z.number().min(0).max(100).optional() },
    },
    guarded(({ message, percent }: { message: string; percent?: number | undefined }) => {
      store.appendEvent(ctx.runId, "agent:progress", { message, ...(percent !== undefined ? { percent } : {}) }, now(), ctx.moduleId);
      return jsonResult({ recorded: true });
    }),
  );
  return server;
}

/** How an agent starts this server: the entry from `dist/`, run by this Node, context in argv and env. */
export function agentServerConfig(root: string, runId: string, moduleId: string, opts: { planner?: boolean } = {}): McpServerConfig {
  return {
    type: "stdio",
    command: process.execPath,
    args: [agentServerEntry(), FLAGS.root, root, FLAGS.runId, runId, FLAGS.moduleId, moduleId, ...(opts.planner ? [PLANNER_FLAG] : [])],
    env: { [ENV.root]: root, [ENV.runId]: runId, [ENV.moduleId]: moduleId },
  };
}

/**
 * The compiled entry beside this file. Run from `src/` (tests), there is no
 * compiled sibling, so the package's `dist/` build is used instead.
 */
function agentServerEntry(): string {
  const sibling = fileURLToPath(new URL("./agent-server-main.js", import.meta.url));
  return existsSync(sibling) ? sibling : fileURLToPath(new URL("../../dist/agent-mcp/agent-server-main.js", import.meta.url));
}

/** The context from `--project DIR --run ID --module ID`, else the `ORCHESTRATE_*` environment. */
export function agentContextFrom(argv: readonly string[], env: NodeJS.ProcessEnv): AgentServerContext {
  const pick = (key: keyof typeof FLAGS): string => {
    const i = argv.indexOf(FLAGS[key]);
    const value = i >= 0 ? argv[i + 1] : env[ENV[key]];
    if (!value) throw new UsageError(`Expected \`${FLAGS[key]} <value>\` or the environment variable ${ENV[key]}, got nothing`);
    return value;
  };
  return { root: resolve(pick("root")), runId: pick("runId"), moduleId: pick("moduleId"), ...(argv.includes(PLANNER_FLAG) ? { planner: true } : {}) };
}
