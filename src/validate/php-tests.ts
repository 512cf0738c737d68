import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** What PHPUnit (or Pest) runs for the whole project and for one module. */
export interface PhpTests {
  system: string;
  from: string;
  moduleOf: (files: readonly string[]) => { run: string; from: string } | undefined;
}

const CONFIGS = ["phpunit.xml", "phpunit.xml.dist", "phpunit.dist.xml"];

/**
 * `vendor/bin/pest` where composer.json requires Pest, else `vendor/bin/phpunit` where it
 * requires PHPUnit or a PHPUnit configuration file is at the root; undefined otherwise.
 */
export function phpTests(root: string, composerJson: string): PhpTests | undefined {
  const packages = composerPackages(composerJson);
  const config = CONFIGS.find((f) => existsSync(join(root, f)));
  const pest = packages.has("pestphp/pest");
  if (!pest && !packages.has("phpunit/phpunit") && !config) return undefined;
  const bin = pest ? "vendor/bin/pest" : "vendor/bin/phpunit";
  const from = pest ? "composer.json (pestphp/pest)" : packages.has("phpunit/phpunit") ? "composer.json (phpunit/phpunit)" : config!;
  return { system: bin, from, moduleOf: (files) => moduleTests(root, bin, pest, files) };
}

/**
 * A module's test files: the `*Test.php` it owns (`init --from-code` attaches them) and those
 * found by name from its classes, in the mirror of `src/` under `tests/` or `tests/Unit/`
 * (`src/Domain/Money.php` -> `tests/Domain/MoneyTest.php`). One file is run by its path; more
 * are one PHPUnit run filtered to their classes, or one Pest run each.
 */
function moduleTests(root: string, bin: string, pest: boolean, files: readonly string[]): { run: string; from: string } | undefined {
  const found = new Set(files.filter((f) => /Test\.php$/.test(f) && /(?:^|\/)tests?\//.test(f)));
  for (const file of files) {
    if (!file.endsWith(".php") || found.has(file)) continue;
    const stem = basename(file, ".php");
    const rest = dirname(file).replace(/^(?:src|app|lib)(?:\/|$)/, "");
    for (const base of ["tests", "tests/Unit", "tests/Feature", "test"]) {
      const candidate = join(base, rest, `${stem}Test.php`);
      if (existsSync(join(root, candidate))) found.add(candidate);
    }
  }
  const tests = [...found].sort();
  if (tests.length === 0) return undefined;
  const from = tests[0]!;
  if (tests.length === 1) return { run: `${bin} ${from}`, from };
  if (pest) return { run: tests.map((t) => `${bin} ${t}`).join(" && "), from };
  const classes = tests.map((t) => basename(t, ".php"));
  return { run: `${bin} --filter '(${classes.join("|")})::'`, from };
}

function composerPackages(text: string): Set<string> {
  try {
    const json = JSON.parse(text) as { require?: Record<string, unknown>; "require-dev"?: Record<string, unknown> };
    return new Set([...Object.keys(json.require ?? {}), ...Object.keys(json["require-dev"] ?? {})]);
  } catch {
    return new Set();
  }
}
