import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Store } from "../store/types.js";
import type { AgentServerContext } from "./server-config.js";
import { VERSION } from "../package.js";
import { registerMemoryTools } from "./memory-tools.js";
import { DESCRIBE_RUN, registerDescribeTools } from "./describe-tools.js";
import { registerPlannerTool } from "./planner-tool.js";
import { guarded, jsonResult } from "./results.js";
import { landedIn } from "../workspace/landed.js";

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
  registerMemoryTools(server, store, { runId: ctx.runId, moduleId: ctx.moduleId, now, landing: () => landedIn(ctx.root) });
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
