import type { NameHit } from "./names.js";

/**
 * A module's name written as a command-line option (`tonehost render --session live.tonehost`) names
 * the option, not the module: the command it is given to is what the request is about.
 */
export function withoutOptionNames(prose: string, names: NameHit[]): NameHit[] {
  return names.filter((hit) => !/(?:^|\s)--$/.test(prose.slice(Math.max(0, hit.start - 3), hit.start)));
}
