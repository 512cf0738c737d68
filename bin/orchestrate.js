#!/usr/bin/env node
// The CLI's bundle (scripts/build-cli.mjs, built from dist/ by `npm run build`): a few dozen
// files to load rather than the ~200 modules of dist/cli/main.js. A run (or resume) loads the
// run's own bundle (dist/cli/run-main.js's): ~35 files where the CLI's split its modules into
// ~100. Either bundle runs any command line naming `run`; help stays with the CLI's, which
// loads no SQLite for it.
const args = process.argv.slice(2);
const running = (args[0] === "run" || args[0] === "resume") && !args.some((a) => a === "-h" || a === "--help");
// `plan` starts without TurboFan: below 2,000 modules its hot code runs once per spec (parsing,
// resolving, writing the cache and the JSON), and TurboFan compiled it on V8's background thread for
// more than it saved. A larger tree gets it back once listed (src/cli/heap.ts tuneForPlan says more).
// `run` too: its start-up and cold load of the specs are `plan`'s (tuneForListedRun). Not `resume`, which lists no tree.
// And its regular expressions are compiled to machine code at their first use, not first to V8's
// bytecode and then again to machine code at their second: a cold `plan` compiles some 400 of them
// (each once for one-byte and once for two-byte text, as a spec with an emoji is), and compiling them
// twice was about 4 % of the instructions of a cold `plan` of 1,000 specs (perf39).
if (args[0] === "plan" || args[0] === "run") {
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--max-opt=2");
  if (args[0] === "plan") setFlagsFromString("--no-regexp-tier-up");
}
const { main } = running ? await import("../dist/bundle/run/cli.js") : await import("../dist/bundle/cli.js");

// `orchestrate run ... | head -2` or quitting `less` closes the pipe early. That is not an
// error, and it must not end the process: a run would be left `running` with its agents cut
// off. The rest of the output is discarded and the command ends as it would have.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (_chunk, encoding, callback) => {
      const done = typeof encoding === "function" ? encoding : callback;
      if (done) queueMicrotask(() => done());
      return true;
    };
  });
}

process.exitCode = await main(args);
