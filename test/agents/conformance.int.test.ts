import { agentConformance } from "./conformance.js";
import { anthropicHarness, claudeCodeHarness, commandHarness, openaiHarness, simulateHarness } from "./conformance-harnesses.js";

// One contract, every agent: the model agents against the scripted protocol server, claude-code
// as the real Claude Code binary against the scripted Messages API (test/helpers).
agentConformance("simulate", simulateHarness);
agentConformance("command", commandHarness);
agentConformance("anthropic", anthropicHarness);
agentConformance("openai", openaiHarness);
agentConformance("claude-code", claudeCodeHarness);
