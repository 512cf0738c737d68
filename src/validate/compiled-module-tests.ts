import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { RustCrates } from "../spec/rust-paths.js";
import { CMAKE_BUILD_DIR, ctestFilter, type CtestTest } from "./cmake-tests.js";
import type { ModuleCheck } from "./test-runner.js";

/**
 * CMake's configure and build in `build/`, CMake's usual folder. A `build/` git does not ignore
 * gets a `.gitignore` of `*` when the gate makes it (as Meson does for its build folders), so that
 * an attempt's commit never takes in the build's output.
 */
export function cmakeBuild(root: string): string {
  const dir = CMAKE_BUILD_DIR;
  const build = `cmake -S . -B ${dir} && cmake --build ${dir}`;
  return gitIgnores(root, `${dir}/`) ? build : `{ test -d ${dir} || { mkdir ${dir} && echo '*' >${dir}/.gitignore; }; } && ${build}`;
}

function gitIgnores(root: string, path: string): boolean {
  return spawnSync("git", ["check-ignore", "-q", "--", path], { cwd: root, stdio: "ignore", timeout: 10_000 }).status === 0;
}

const C_SOURCE = /\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx)$/;
const C_TEST = /(?:^test_\w*|_tests?)\.(?:c|cc|cpp|cxx)$/;
const C_TEST_EXTS = [".c", ".cc", ".cpp", ".cxx"];

/**
 * A C/C++ module's ctest tests: those whose executable is built from a test file the module owns
 * (`tests/test_uart.c`, attached by `init --from-code`) or one found by name from its sources
 * (`src/uart.c` -> `tests/test_uart.c`, `tests/uart_test.cpp`), or named as that file is; run
 * with `ctest -R '^(test_uart)$'` after the build.
 */
export function ctestModule(root: string, files: readonly string[], ctest: string, all: readonly CtestTest[]): ModuleCheck | undefined {
  const testFiles = new Set(files.filter((f) => C_TEST.test(basename(f))));
  for (const file of files) {
    if (!C_SOURCE.test(file) || C_TEST.test(basename(file))) continue;
    const stem = basename(file, extname(file));
    const dir = dirname(file);
    for (const ext of C_TEST_EXTS) {
      const names = [`test_${stem}${ext}`, `${stem}_test${ext}`, `${stem}_tests${ext}`];
      for (const folder of ["tests", "test", dir, join(dir, "tests"), join(dir, "test")]) {
        for (const name of names) if (existsSync(join(root, folder, name))) testFiles.add(join(folder, name));
      }
    }
  }
  if (testFiles.size === 0) return undefined;
  const stems = new Set([...testFiles].map((f) => basename(f, extname(f))));
  const tests = all.filter((t) => t.sources.some((s) => testFiles.has(s)) || stems.has(t.name));
  if (tests.length === 0) return undefined;
  const first = [...testFiles].find((f) => tests.some((t) => t.sources.includes(f) || t.name === basename(f, extname(f))))!;
  return { run: `${ctest} -R ${ctestFilter([...new Set(tests.map((t) => t.name))])}`, from: first };
}

/**
 * A Rust module's tests: `cargo test -p <package>` for the one cargo package its files are in;
 * a module that is a part of its crate (not its `lib.rs`/`main.rs`) filters by its module path
 * (`cargo test -p shop-core cart::`), which its unit tests' names start with, and runs the crate's
 * integration tests it owns by target (`&& cargo test -p shop-core --test cart_flow`), whose names do not.
 */
export function cargoTest(crates: RustCrates, files: readonly string[]): { run: string; from: string } | undefined {
  const rust = files.filter((f) => f.endsWith(".rs"));
  const found = new Set(rust.map((f) => crates.crateOf(f)));
  const crate = found.size === 1 ? [...found][0] : undefined;
  if (!crate) return undefined;
  const from = crate.dir ? `${crate.dir}/Cargo.toml` : "Cargo.toml";
  const src = crate.dir ? `${crate.dir}/src/` : "src/";
  // Its integration tests (`tests/posting.rs`, as `init --from-code` attaches them), each a test target of its own.
  const tests = crate.dir ? `${crate.dir}/tests/` : "tests/";
  const targets = rust.flatMap((f) => (f.startsWith(tests) ? (/^(\w+)\.rs$/.exec(f.slice(tests.length))?.[1] ?? []) : []));
  const code = rust.filter((f) => f.startsWith(src));
  const whole = { run: `cargo test -p ${crate.name}`, from };
  if (code.length + targets.length < rust.length || code.some((f) => f === crate.lib || f === crate.main)) return whole;
  const tops = new Set(code.map((f) => f.slice(src.length).split("/")[0]!.replace(/\.rs$/, "")));
  const top = tops.size === 1 ? [...tops][0]! : undefined;
  if (!top || !/^\w+$/.test(top)) return whole;
  const integration = targets.length ? ` && cargo test -p ${crate.name} ${targets.map((t) => `--test ${t}`).join(" ")}` : "";
  return { run: `cargo test -p ${crate.name} ${top}::${integration}`, from };
}

