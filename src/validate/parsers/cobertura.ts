const ROOT = /<coverage\b([^>]*)>/;

function attribute(attributes: string, name: string): number | undefined {
  const match = new RegExp(`\\s${name}="([\\d.]+)"`).exec(attributes);
  return match ? Number(match[1]) : undefined;
}

/**
 * Line coverage of a Cobertura XML report (coverage.py's `coverage.xml`, istanbul's
 * `cobertura-coverage.xml`), read from the root element: `lines-covered` over
 * `lines-valid` where both are there, since `line-rate` is rounded to four places.
 */
export function readCobertura(text: string): number | undefined {
  const root = ROOT.exec(text)?.[1];
  if (root === undefined) return undefined;
  const valid = attribute(root, "lines-valid");
  const covered = attribute(root, "lines-covered");
  if (valid !== undefined && covered !== undefined && valid > 0) return (covered / valid) * 100;
  const rate = attribute(root, "line-rate");
  return rate === undefined ? undefined : rate * 100;
}

export const looksLikeCobertura = (text: string): boolean => ROOT.test(text);
