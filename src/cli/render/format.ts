export * from "../../report/format.js";
