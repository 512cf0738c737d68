export { excerptLog, EXCERPT_LINES } from "./excerpt.js";
export { mapLogToModules } from "./map.js";
export { parseLog } from "./parse.js";
export { readLog, type LogFile } from "./read.js";
export { LOG_FORMATS, type Frame, type LogError, type LogFormat, type LogMapping, type MappedFrame } from "./types.js";
