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
    .option("--force", "write even when DIR already has a .claude/ folder")
    .action((dir: string, opts: { example?: boolean; force?: boolean }) => {
      const target = resolve(dir);
      if (existsSync(join(target, ".claude")) && !opts.force) {
        throw new UsageError(`${target} already has a .claude/ folder; use --force to write over it`);
      }
      if (opts.example && existsSync(target) && readdirSync(target).length > 0 && !opts.force) {
        throw new UsageError(`${target} is not empty; the example goes into a new or empty folder (or use --force)`);
      }
      mkdirSync(target, { recursive: true });
      cpSync(opts.example ? EXAMPLE : TEMPLATE, target, { recursive: true, force: true, filter: (src) => !/[/\\](?:\.orchestrate|node_modules|__pycache__)(?:[/\\]|$)/.test(src) });
      const near = relative(process.cwd(), target);
      const shown = near === "" ? "." : near.startsWith("..") ? target : near;
      process.stdout.write(
        opts.example
          ? `Copied the example project to ${shown}\nNext: npx orchestrate plan "implement system" --project ${shown}\n`
          : `Created a .claude/ tree in ${shown}\nNext: npx orchestrate check --project ${shown}\n`,
      );
    });
}
