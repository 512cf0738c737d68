// Documentation update latency: editing [Unreleased] in a 5,000-line CHANGELOG.md and
// writing it atomically, as the engine does after every operation.
// Target: p99 under 20 ms (DESIGN.md's budget for a documentation update is 200 ms).
// Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeFileAtomic } from "../dist/docs/atomic.js";
import { addUnreleased, formatModuleEntry, updateChangelog } from "../dist/docs/changelog.js";

const LINES = 5_000;
const ITERATIONS = 200;
const TARGET_P99_MS = 20;
const SECTIONS = ["Added", "Changed", "Fixed"];

/** A Keep a Changelog file of about `lines` lines: many versions, link references at the bottom. */
function changelog(lines) {
  const head = ["# Changelog", "", "All notable changes to this project will be documented in this file.", ""];
  const body = ["## [Unreleased]", "", "### Added", "", "- Work in progress.", ""];
  const links = ["[unreleased]: https://github.com/example/app/compare/v1.0.0...HEAD"];
  for (let v = 0; head.length + body.length + links.length < lines; v++) {
    const version = `1.${Math.floor(v / 10)}.${v % 10}`;
    body.push(`## [${version}] - 2024-${String((v % 12) + 1).padStart(2, "0")}-15`, "");
    for (const section of SECTIONS) {
      body.push(`### ${section}`, "");
      for (let i = 0; i < 3; i++) body.push(`- ${section} item ${i} of ${version}, with \`code\` and a [link](https://example.com/${v}/${i}).`);
      body.push("");
    }
    links.push(`[${version}]: https://github.com/example/app/compare/v${version}...v${version}-next`);
  }
  return [...head, ...body, ...links].join("\n") + "\n";
}

function entries(i) {
  const text = formatModuleEntry({
    module: `module${i}`, layer: "core", summary: "Balanced posting validation",
    files: [`src/module${i}.ts`, `test/module${i}.test.ts`], tests: { passed: 12, total: 12 }, coverage: 91,
  });
  return [{ section: SECTIONS[i % SECTIONS.length], text }];
}

function summarize(op, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return { op, n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)), unit: "ms" };
}

async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-bench-docs-"));
  try {
    const file = path.join(dir, "CHANGELOG.md");
    const source = changelog(LINES);
    const lines = source.split("\n").length - 1;
    fs.writeFileSync(file, source);
    const edit = [];
    const editWrite = [];
    const update = [];
    let text = source;
    for (let i = 0; i < ITERATIONS; i++) {
      edit.push(await time(() => addUnreleased(source, entries(i))));
      editWrite.push(await time(async () => {
        text = addUnreleased(text, entries(i));
        await writeFileAtomic(file, text);
      }));
    }
    for (let i = 0; i < ITERATIONS; i++) update.push(await time(() => updateChangelog(file, entries(i))));
    const results = [
      summarize("addUnreleased", edit),
      summarize("addUnreleased+writeFileAtomic", editWrite),
      summarize("updateChangelog (read+edit+write)", update),
    ].map((r) => ({ ...r, targetP99: TARGET_P99_MS, ok: r.p99 < TARGET_P99_MS }));
    return { name: "docs", lines, bytes: Buffer.byteLength(source), results };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await run();
  console.log(`CHANGELOG.md: ${summary.lines} lines, ${summary.bytes} bytes`);
  for (const r of summary.results) {
    console.log(`${r.op.padEnd(34)} n=${r.n}  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ${r.ok ? "ok" : "OVER TARGET"}`);
  }
  console.log(JSON.stringify({ ...summary, at: new Date().toISOString(), node: process.version }));
}
