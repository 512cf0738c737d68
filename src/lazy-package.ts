import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded when it is first used, not when the module naming it loads: for a large
 * package that code on every command's path needs only now and then (marked, for markdown the
 * quick reader cannot read). Synchronous, so the code using it stays so: `require` loads an ES
 * module package too, on the Node versions package.json's `engines` allows (20.19 and later).
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
