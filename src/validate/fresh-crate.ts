import { posix } from "node:path";

/**
 * The tests of a Rust module whose crate is still to be written (`implement` of a new crate):
 * none of its files exists, so no Cargo.toml names its package for `cargo test -p`. Its manifest's
 * path does, and a crate left out of the workspace's members fails it, as it should: the root's
 * `cargo test` would never build it. The crate's folder is that of the Cargo.toml the module owns,
 * else the one above the `src/` all its Rust files are under.
 */
export function freshCrateTest(files: readonly string[], exists: (file: string) => boolean): { run: string; from: string } | undefined {
  if (files.length === 0 || files.some(exists)) return undefined;
  const manifests = files.filter((f) => posix.basename(f) === "Cargo.toml").map((f) => posix.dirname(f));
  const sources = new Set(files.filter((f) => f.endsWith(".rs")).map((f) => /^(.+?)\/src\//.exec(f)?.[1] ?? ""));
  if (sources.size === 0 && manifests.length === 0) return undefined;
  const dirs = new Set(manifests.length ? manifests : sources);
  const dir = dirs.size === 1 ? [...dirs][0]! : "";
  // The root's own crate is the system gate's; a folder name with a space or quote would need quoting.
  if (!dir || dir === "." || !/^[\w./-]+$/.test(dir)) return undefined;
  return { run: `cargo test --manifest-path ${dir}/Cargo.toml`, from: `${dir}/Cargo.toml, once written` };
}
