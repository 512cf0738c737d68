/**
 * The name a module's front matter gives it (`name: payment-service`, as Claude Code subagent
 * files do) is another name of the module: its id stays the file name's (`PAYMENTS_AGENT.md`
 * -> `payments`), so ids in state, plans and branches do not change when a name is added.
 * A name reads alike in any case and with any separators (`Payment Service`, `payment_service`).
 * A name that reads as another module's id, or that two modules give themselves, names none.
 */
export interface ModuleNames {
  /** The name squashed (lower case, no separators) -> module id. */
  squashed: Map<string, string>;
  /** The name as written -> module id. */
  exact: Map<string, string>;
}

/** `Payment-Service` -> `paymentservice`. */
export function squashName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/** The front matter `name` of a module, when it is a string other than its id. */
export function frontMatterName(m: { id: string; frontMatter: Record<string, unknown> }): string | undefined {
  const name = m.frontMatter.name;
  if (typeof name !== "string") return undefined;
  const trimmed = name.trim();
  return trimmed && trimmed !== m.id ? trimmed : undefined;
}

const cached = new WeakMap<readonly object[], ModuleNames>();

export function moduleNames(modules: readonly { id: string; frontMatter: Record<string, unknown> }[]): ModuleNames {
  const known = cached.get(modules);
  if (known) return known;
  const ids = new Set(modules.map((m) => squashName(m.id)));
  const taken = new Map<string, string | null>();
  for (const m of modules) {
    const name = frontMatterName(m);
    if (!name) continue;
    const key = squashName(name);
    if (!key || ids.has(key)) continue;
    taken.set(key, taken.has(key) && taken.get(key) !== m.id ? null : m.id);
  }
  const squashed = new Map([...taken].filter((e): e is [string, string] => e[1] !== null));
  const exact = new Map<string, string>();
  for (const m of modules) {
    const name = frontMatterName(m);
    if (name && squashed.get(squashName(name)) === m.id) exact.set(name, m.id);
  }
  const names = { squashed, exact };
  cached.set(modules, names);
  return names;
}

/**
 * The module `written` names through a front matter `name`, if any; `exact` (names in prose)
 * takes the name only as written.
 */
export function moduleByName(written: string, names: ModuleNames | undefined, exact = false): string | undefined {
  if (!names) return undefined;
  return exact ? names.exact.get(written) : names.squashed.get(squashName(written));
}
