// Cost of redaction on the paths it sits on: a store write's texts, an attempt's prompt, a
// gate's output. Target: well under the engine's 1 ms per-module overhead. Needs `npm run build`.
import { createRedactor } from "../dist/redact/index.js";

function sample(name, text, redact, runs) {
  for (let i = 0; i < 50; i++) redact(text); // warm up the regex compiler
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    redact(text);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  const r = (ms) => Math.round(ms * 1000) / 1000;
  return { case: name, chars: text.length, p50: r(at(0.5)), p99: r(at(0.99)), unit: "ms" };
}

export default async function run() {
  // A realistic environment: a few dozen variables, four of them secrets.
  const env = { ...process.env, ANTHROPIC_API_KEY: "sk-ant-api03-" + "x".repeat(95), OPENAI_API_KEY: "sk-proj-" + "y".repeat(80), GITHUB_TOKEN: "ghp_" + "z".repeat(36), DB_PASSWORD: "correct horse battery" };
  const r = createRedactor({ env });
  let n = 0;
  const summary = "Implemented portfolio.py: positions, average cost and P&L; 14 tests pass.";
  const prompt = "## Spec\n\n" + "The module keeps positions per account and reports realised and unrealised P&L. ".repeat(300);
  const gate = JSON.stringify({ ok: false, checks: [{ name: "tests", output: "FAIL test_portfolio.py::test_avg_cost - AssertionError\n".repeat(200) }] });
  const leaky = `error: request failed with key ${env.ANTHROPIC_API_KEY}\n` + "trace line\n".repeat(100);
  const results = [
    sample("attempt summary (store write)", summary, r.text, 5000),
    sample("event JSON, nothing to redact", JSON.stringify({ type: "attempt:end", summary, ok: true }), r.json, 5000),
    // A run's events differ one from the next: the redactor's memory of its last clean text does not answer.
    sample("100 event JSONs, each one new", JSON.stringify({ type: "module:state", runId: "20261205-042109-dd20", moduleId: "m0", layer: "foundation", state: "running", attempt: 1 }), (t) => {
      for (let i = 0; i < 100; i++) r.json(t.replace("m0", `m${++n}`));
    }, 1000),
    sample("prompt, 25 KB", prompt, r.text, 1000),
    sample("gate JSON, 11 KB", gate, r.json, 1000),
    sample("error with a key in it", leaky, r.text, 2000),
  ];
  return { name: "redaction", results };
}
