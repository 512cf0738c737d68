/**
 * Attempts that may change the project's one working tree, while they run. An agent
 * that finds its changes by diffing the tree (`filesSource: "tree"`) sees every other
 * writer's changes too, so the engine asks this whether any other ran at the same time.
 */
export class TreeWriters {
  private readonly open = new Set<{ others: number }>();

  /** Starts a writer; the function returned ends it and says how many others wrote while it ran. */
  begin(): () => number {
    const self = { others: this.open.size };
    // forEach rather than for-of: no iterator made for each attempt (the run's code runs below TurboFan, src/cli/heap.ts).
    this.open.forEach((other) => other.others++);
    this.open.add(self);
    return () => {
      this.open.delete(self);
      return self.others;
    };
  }
}
