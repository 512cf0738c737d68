import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Store } from "../store/types.js";
import { submissionShape, type Submission } from "../planner/submission.js";
import { guarded, jsonResult } from "./results.js";

/**
 * `submit_plan`: the planner model's answer, kept in the project's store under the
 * planning id, where the engine reads it back once the attempt ends. The engine, not
 * this tool, checks it against the tree: a wrong plan goes back in a second attempt.
 */
export function registerPlannerTool(server: McpServer, store: Store, planningId: string, now: () => number): void {
  server.registerTool(
    "submit_plan",
    {
      description: "Submit your plan for the request: the task type, the modules in scope with each module's own task and acceptance criteria, and a short rationale. Call it once, at the end; a later call replaces an earlier one.",
      inputSchema: submissionShape,
    },
    guarded((input: Submission) => {
      store.savePlanSubmission(planningId, input, now());
      return jsonResult({ recorded: true, modules: input.modules.map((m) => m.id) });
    }),
  );
}
