/**
 * The run's agent slots: every attempt (a module's, a layer gate's fix, a
 * diagnosis) holds one while its agent runs, so at most `size` agents are alive
 * whatever started them. Waiters are served in arrival order.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so nobody overtakes it.
      if (next) next();
      else this.free++;
    };
  }
}
