import type { Workflow } from "../run/workflow.js";
import { writeAnalysisReport } from "./analysis-report.js";

/** Read-only attempts (a change fails them), no layer or system gates; no CHANGELOG entry; one findings report for the run. */
export const analyze: Workflow = {
  readOnly: true,
  attempts: async () => ({ kind: "analyze", template: "analyze", readOnly: true }),
  report: (ctx) => writeAnalysisReport(ctx),
};
