import type { Command } from "commander";
import { Option } from "commander";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PACKAGE_ROOT } from "../../package.js";
import { UsageError } from "../../errors.js";
import { folderKind } from "../../folder-kind.js";
import { specTreeParts } from "../../spec/root.js";
import { initFromCode, type FromCodeFlags } from "./init-from-code.js";
import { commitSeed, isClean, makeExampleRepository } from "./init-repo.js";
import { shellQuote } from "../../exec/shell.js";

type InitFlags = FromCodeFlags & { example?: boolean; seed?: string; fromCode?: boolean };

const EXAMPLE = join(PACKAGE_ROOT, "examples", "ledger");
const TEMPLATE = join(PACKAGE_ROOT, "templates", "init");

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("scaffold a minimal .claude/ tree into DIR; --from-code derives it from DIR's code; --example copies the bundled example project")
    .argument("[dir]", "target folder", ".")
    .option("--example", "copy the bundled example project (examples/ledger) instead, as a git repository with one commit (so runs on it are isolated)")
    .option("--seed <name>", "apply a seed of the example (examples/ledger/seeds/: violation, bug) to DIR, a copy of the example, committed when DIR is a clean repository of its own (as --example makes it); with --example, to the new copy")
    .option("--from-code", "derive the tree from DIR's code: modules, dependencies and layers from its import graph (Python, TS/JS, Go, Java/Kotlin/Scala, Rust, Ruby, C#, PHP, C/C++, Swift, Elixir, Dart)")
    .addOption(new Option("--granularity <how>", "--from-code: a module per file, per folder, or auto (per folder when it is a package or has more than 6 files, unless it holds most of the project's code)").choices(["auto", "file", "folder"]).default("auto"))
    .option("--dry-run", "--from-code: print the tree it would write, write nothing")
    .option("-a, --agent <name>", "--from-code: a model pass after the static one; this agent (claude-code, anthropic, openai) reads each layer's code read-only and writes the modules' purposes")
    .option("--json", "--from-code: print the discovery as JSON")
    .option("--force", "write even when DIR already has a spec tree (.claude/system or .claude/layers; --from-code moves them to .claude.bak-<time>/ first)")
    .action(async (dir: string, opts: InitFlags) => {
      const target = resolve(dir);
      const kind = folderKind(target);
      if ("other" in kind) throw new UsageError(`Expected DIR to be a folder (new or existing), got \`${dir}\`, which is ${kind.other}`);
      if (opts.fromCode && (opts.example || opts.seed)) throw new UsageError(`${opts.example ? "--example" : "--seed"} and --from-code make two different trees: --from-code reads DIR's code, --example copies the bundled example (and --seed changes such a copy); give one`);
      if (opts.fromCode) return initFromCode(target, opts);
      // Said, not ignored: `init --dry-run` without --from-code would write the template.
      const fromCodeOnly = [opts.dryRun && "--dry-run", opts.json && "--json", opts.agent && `--agent ${opts.agent}`, opts.granularity && opts.granularity !== "auto" && `--granularity ${opts.granularity}`].filter(Boolean);
      if (fromCodeOnly.length) throw new UsageError(`${fromCodeOnly.join(", ")} go${fromCodeOnly.length === 1 ? "es" : ""} with --from-code (orchestrate init --from-code ${dir} ${fromCodeOnly[0]}); plain init writes a one-module template`);
      if (opts.seed && !opts.example) return applySeed(target, opts.seed);
      const existing = specTreeParts(target);
      if (existing.length > 0 && !opts.force) {
        throw new UsageError(`${target} already has a spec tree (${existing.join(", ")}); use --force to write over it`);
      }
      if (opts.example && existsSync(target) && readdirSync(target).length > 0 && !opts.force) {
        throw new UsageError(`${target} is not empty; the example goes into a new or empty folder (or use --force)`);
      }
      const seed = opts.seed ? seedDir(opts.seed) : undefined;
      const source = opts.example ? EXAMPLE : TEMPLATE;
      const skip = /[/\\](?:\.orchestrate|node_modules|__pycache__|seeds)(?:[/\\]|$)/;
      await undoOnFailure(target, async () => {
        mkdirSync(target, { recursive: true });
        cpSync(source, target, { recursive: true, force: true, filter: (src) => !skip.test(src.slice(source.length)) });
        if (seed) await overlaySeed(seed, target);
      });
      const shown = shownPath(target);
      process.stdout.write(
        opts.example
          ? `Copied the example project to ${shown}: ${await makeExampleRepository(target)}\nNext: npx orchestrate plan "implement system" --project ${shellQuote(shown)}\n`
          : `Created a .claude/ tree in ${shown}\n${await codeHint(target, shown)}Next: npx orchestrate check --project ${shellQuote(shown)}\n`,
      );
    });
}

/** For a folder that has code already: the template is an example, --from-code reads the code. */
async function codeHint(target: string, shown: string): Promise<string> {
  const { listSourceFiles } = await import("../../discover/files.js");
  const n = listSourceFiles(target).files.length;
  if (n === 0) return "";
  return `${shown === "." ? "This folder" : shown} has ${n === 1 ? "1 source file" : `${n} source files`}: the template's one module (greeting) is an example; \`orchestrate init --from-code ${shown} --force\` derives the modules from the code instead\n`;
}

/**
 * Runs `make` and, when it fails, leaves `target` as it was found: a folder that did not
 * exist is removed, an empty one emptied again. A folder with content (`--force`) is not touched.
 */
async function undoOnFailure(target: string, make: () => Promise<void>): Promise<void> {
  const existed = existsSync(target);
  const before = existed ? new Set(readdirSync(target)) : new Set<string>();
  try {
    await make();
  } catch (error) {
    if (!existed) rmSync(target, { recursive: true, force: true });
    else if (before.size === 0) for (const entry of readdirSync(target)) rmSync(join(target, entry), { recursive: true, force: true });
    throw error;
  }
}

function seedDir(name: string): string {
  const dir = join(EXAMPLE, "seeds", name);
  if (!existsSync(dir)) {
    const known = readdirSync(join(EXAMPLE, "seeds")).filter((n) => !n.endsWith(".md"));
    throw new UsageError(`Unknown seed \`${name}\`; seeds: ${known.join(", ")}`);
  }
  return dir;
}

/**
 * A seed's files are copied over the target; a `*.patch` at its top is applied with
 * `git apply` instead, so a seed records only what it changes.
 */
async function overlaySeed(dir: string, target: string): Promise<void> {
  const patches = readdirSync(dir).filter((name) => name.endsWith(".patch"));
  const { applyPatch } = await import("../../agents/replay.js");
  // Patches first: one that does not apply leaves the target as it was (git apply is all or nothing).
  for (const patch of patches) {
    try {
      await applyPatch(join(dir, patch), target);
    } catch (error) {
      throw new UsageError(`The seed does not apply to ${target}: ${(error as Error).message.split("\n")[0]} (a seed with a patch applies to a copy whose modules are implemented)`);
    }
  }
  cpSync(dir, target, { recursive: true, force: true, filter: (src) => !patches.some((p) => src === join(dir, p)) });
}

/** A seed applied to a copy of the example that exists already (and has, say, been implemented). */
async function applySeed(target: string, name: string): Promise<void> {
  const dir = seedDir(name);
  if (!existsSync(join(target, ".claude"))) throw new UsageError(`${target} has no .claude/ folder: a seed applies to a copy of the example (orchestrate init --example DIR)`);
  // A seed is the example's recorded work changed: on another project it would only add (and commit) files of no use there.
  const lacking = readdirSync(join(EXAMPLE, ".claude"), { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".md"))
    .sort()
    .filter((path) => !existsSync(join(target, ".claude", path)));
  if (lacking.length > 0) {
    const first = `.claude/${lacking[0]!.split("\\").join("/")}`;
    throw new UsageError(`${target} is not a copy of the example: it lacks the example's ${first}${lacking.length > 1 ? ` and ${lacking.length - 1} more of its specs` : ""}; a seed applies to a copy of the example (orchestrate init --example DIR)`);
  }
  const clean = await isClean(target);
  await overlaySeed(dir, target);
  const committed = await commitSeed(target, name, clean);
  const about = join(EXAMPLE, "seeds", `${name}.md`);
  const first = existsSync(about) ? readFileSync(about, "utf8").split("\n").find((l) => l.trim() && !l.startsWith("#")) : undefined;
  process.stdout.write(`Applied seed \`${name}\` to ${shownPath(target)}${first ? `: ${first.trim()}` : ""}${committed ? ` (${committed})` : ""}\n`);
}

function shownPath(target: string): string {
  const near = relative(process.cwd(), target);
  return near === "" ? "." : near.startsWith("..") ? target : near;
}
