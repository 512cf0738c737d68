import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { McpServerConfig } from "../agents/types.js";
import { UsageError } from "../errors.js";

// How the agents' MCP server is started and told whose it is: apart from the server
// itself (agent-server.ts), so a run that only hands agents this config loads no MCP SDK.

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

/** How an agent starts this server: the entry from `dist/`, run by this Node, context in argv and env. */
export function agentServerConfig(root: string, runId: string, moduleId: string, opts: { planner?: boolean } = {}): McpServerConfig {
  return {
    type: "stdio",
    command: process.execPath,
    args: [agentServerEntry(), FLAGS.root, root, FLAGS.runId, runId, FLAGS.moduleId, moduleId, ...(opts.planner ? [PLANNER_FLAG] : [])],
    env: { [ENV.root]: root, [ENV.runId]: runId, [ENV.moduleId]: moduleId },
  };
}

let entry: string | undefined;

/**
 * The compiled entry beside this file. Run from `src/` (tests), there is no
 * compiled sibling, so the package's `dist/` build is used instead.
 */
function agentServerEntry(): string {
  // Found once: every attempt of a run asks, and the build does not move while it runs.
  if (entry === undefined) {
    const sibling = fileURLToPath(new URL("./agent-server-main.js", import.meta.url));
    entry = existsSync(sibling) ? sibling : fileURLToPath(new URL("../../dist/agent-mcp/agent-server-main.js", import.meta.url));
  }
  return entry;
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
