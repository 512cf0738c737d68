import type { Workflow } from "../run/workflow.js";

/** The engine's own loop: attempt, module gate, retry. Its entries say what the module is for, in its spec's words. */
export const implement: Workflow = {
  attempts: async () => ({ kind: "implement" }),
  docs: { section: "Added", entry: ({ module }) => (module.purpose ? { summary: module.purpose } : {}), readme: true },
};
