// A module resolve hook for tests: prints each module the process loads to stderr, one per line.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write(`loaded ${result.url}\n`);
  return result;
}
