// Runs every benchmark in bench/ in turn and prints its results. `npm run bench` builds first.
import { readdirSync } from "node:fs";

const only = process.argv.slice(2);
const files = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs")
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
for (const [i, file] of files.entries()) {
  // A benchmark that deleted thousands of files leaves the disk busy for a moment; let it settle.
  if (i > 0) await new Promise((resolve) => setTimeout(resolve, 3000));
  const { default: run } = await import(new URL(file, import.meta.url).href);
  const t = performance.now();
  const { name, results, ...rest } = await run();
  console.log(`\n## ${name} (${file}, ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  for (const [key, value] of Object.entries(rest)) console.log(`${key}: ${JSON.stringify(value)}`);
  console.table(results);
}
