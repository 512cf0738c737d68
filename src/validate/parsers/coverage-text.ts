// Coverage summaries that runners print. Each reader returns every total it finds;
// parseCoverageOutput takes the mean where there are several (e.g. one per go package).

const NUMBER = "(\\d+(?:\\.\\d+)?)";
const CELL = ` *${NUMBER} *\\|`;

/** istanbul's text table (Jest, Vitest with v8 or istanbul): `All files | % Stmts | % Branch | % Funcs | % Lines |`. */
const ISTANBUL = new RegExp(`^All files *\\|${CELL}${CELL}${CELL} *${NUMBER} *\\|`, "gm");
/** `node --test --experimental-test-coverage`: `# all files | line % | branch % | funcs % |`, or `ℹ` before it. */
const NODE = new RegExp(`^[#ℹ] all files *\\|${CELL}`, "gm");
/** coverage.py's report, alone or through pytest-cov: `TOTAL  Stmts  Miss  [Branch  BrPart]  Cover`. */
const PYTHON = /^TOTAL +(\d+) +(\d+) +(?:\d+ +\d+ +)?\d+(?:\.\d+)?%/gm;
/** `go test -cover`: `coverage: 57.1% of statements`, once per package. */
const GO = /\bcoverage: (\d+(?:\.\d+)?)% of statements/g;

export function istanbulTotals(output: string): number[] {
  return [...output.matchAll(ISTANBUL)].map((m) => Number(m[4]));
}

export function nodeTotals(output: string): number[] {
  return [...output.matchAll(NODE)].map((m) => Number(m[1]));
}

/**
 * Percent of statements from the Stmts and Miss columns, rather than the Cover column,
 * which with `--branch` blends in branches and is rounded to whole percents.
 */
export function pythonTotals(output: string): number[] {
  return [...output.matchAll(PYTHON)].flatMap(([, stmts, miss]) =>
    Number(stmts) === 0 ? [] : [((Number(stmts) - Number(miss)) / Number(stmts)) * 100],
  );
}

/** Go prints no statement counts, so packages are weighted equally (packages without tests print no line). */
export function goTotals(output: string): number[] {
  return [...output.matchAll(GO)].map((m) => Number(m[1]));
}
