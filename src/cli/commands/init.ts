import type { Command } from "commander";
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PACKAGE_ROOT } from "../../package.js";
import { UsageError } from "../../errors.js";

const EXAMPLE = join(PACKAGE_ROOT, "examples", "ledger");
const TEMPLATE = join(PACKAGE_ROOT, "templates", "init");

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("scaffold a minimal .claude/ tree (or, with --example, copy the bundled example project) into DIR")
    .argument("[dir]", "target folder", ".")
    .option("--example", "copy the bundled example project (examples/ledger) instead")
    .option("--seed <name>", "with --example: also apply a seed from examples/ledger/seeds/ (violation, bug)")
    .option("--force", "write even when DIR already has a .claude/ folder")
    .action((dir: string, opts: { example?: boolean; seed?: string; force?: boolean }) => {
      const target = resolve(dir);
      if (existsSync(join(target, ".claude")) && !opts.force) {
        throw new UsageError(`${target} already has a .claude/ folder; use --force to write over it`);
      }
      if (opts.example && existsSync(target) && readdirSync(target).length > 0 && !opts.force) {
        throw new UsageError(`${target} is not empty; the example goes into a new or empty folder (or use --force)`);
      }
      if (opts.seed && !opts.example) throw new UsageError("--seed applies to the example project: use it with --example");
      const seed = opts.seed ? join(EXAMPLE, "seeds", opts.seed) : undefined;
      if (seed && !existsSync(seed)) {
        const known = readdirSync(join(EXAMPLE, "seeds")).filter((name) => !name.endsWith(".md"));
        throw new UsageError(`Unknown seed \`${opts.seed}\`; seeds: ${known.join(", ")}`);
      }
      mkdirSync(target, { recursive: true });
      const skip = /[/\\](?:\.orchestrate|node_modules|__pycache__|seeds)(?:[/\\]|$)/;
      cpSync(opts.example ? EXAMPLE : TEMPLATE, target, { recursive: true, force: true, filter: (src) => !skip.test(src.slice(EXAMPLE.length)) });
      if (seed) cpSync(seed, target, { recursive: true, force: true });
      const near = relative(process.cwd(), target);
      const shown = near === "" ? "." : near.startsWith("..") ? target : near;
      process.stdout.write(
        opts.example
          ? `Copied the example project to ${shown}\nNext: npx orchestrate plan "implement system" --project ${shown}\n`
          : `Created a .claude/ tree in ${shown}\nNext: npx orchestrate check --project ${shown}\n`,
      );
    });
}
