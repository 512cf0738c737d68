// init --from-code's static pass: list, read, parse imports, group, layer, write nothing.
// Generated Python projects of 1,000 and 10,000 files in packages of 10 that import each
// other along a layered DAG, plus tests. Target: under 5 s for 10,000 files.
// Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { discover } from "../dist/discover/index.js";

const TARGET_MS = 5_000;

/** `files` Python files: packages `pkg/p<i>/` of 10 modules, each importing two modules of earlier packages. */
function project(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "orchestrate-bench-discover-"));
  const packages = Math.ceil(files / 11);
  let written = 0;
  for (let p = 0; p < packages && written < files; p++) {
    const dir = path.join(root, "pkg", `p${p}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "__init__.py"), "");
    written++;
    for (let m = 0; m < 10 && written < files; m++, written++) {
      const deps = p === 0 ? [] : [0, 1].map((k) => `from pkg.p${(p * 7 + k * 13) % p}.m${(m + k) % 10} import Thing${(m + k) % 10}`);
      const body = Array.from({ length: 8 }, (_, f) => `def helper_${f}(x):\n    """Helper ${f}."""\n    return x + ${f}\n`).join("\n");
      fs.writeFileSync(path.join(dir, `m${m}.py`), `"""Module ${m} of package ${p}."""\nimport os\n${deps.join("\n")}\n\nclass Thing${m}:\n    pass\n\n${body}`);
    }
  }
  return root;
}

export default async function run() {
  const results = [];
  for (const files of [1_000, 10_000]) {
    const root = project(files);
    const samples = [];
    let modules = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      modules = discover(root).modules.length;
      samples.push(performance.now() - t);
    }
    fs.rmSync(root, { recursive: true, force: true });
    const median = [...samples].sort((a, b) => a - b)[1];
    results.push({ files, modules, median_ms: Math.round(median), per_file_ms: +(median / files).toFixed(3), target_ms: files === 10_000 ? TARGET_MS : undefined, ok: files !== 10_000 || median < TARGET_MS });
  }
  return { name: "init --from-code static pass", results };
}
