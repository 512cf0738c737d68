import { createNoSandbox } from "../../src/sandbox/none.js";
import { sandboxConformance } from "./conformance.js";

sandboxConformance("none", (options) => createNoSandbox(options));
