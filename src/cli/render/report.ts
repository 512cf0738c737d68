export { reportJson, reportMarkdown } from "../../report/markdown.js";
export type { AttemptReport, GateReport, LayerReport, ModuleReport, ReportInput, ReportJson, Totals } from "../../report/markdown.js";
