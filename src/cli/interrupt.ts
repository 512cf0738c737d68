/**
 * Ctrl-C (or SIGTERM) while `run` or `resume` gets ready: planning, the planner model, the
 * sandbox probe, the question, opening the workspace. Without a handler Node ends the process
 * without a word; with one that did nothing the user could not tell whether it stopped. As a
 * started run does, the first signal says what happens and stops at the next step (the planner's
 * model call is cancelled through `signal`); the second stops at once. Both exit 130. Once the run
 * is driven, `handOff` passes the signals to its own handler (the orchestrator's `stop`).
 */
export class StartInterrupt {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | undefined;
  private target: ((signal: NodeJS.Signals) => void) | undefined;

  /**
   * @param left what a stop now leaves behind, said in the lines: "nothing was recorded ..." for a
   * new run, the run as it was for `resume`.
   */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly left: string,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    process.on("SIGINT", this.onSignal).on("SIGTERM", this.onSignal);
  }

  /** Aborted at the first signal: for a step that can be cut short (the planner's model call). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal, once one came before the run started. */
  get interrupted(): NodeJS.Signals | undefined {
    return this.received;
  }

  /** From now on the signals are `target`'s; a signal that came already is not passed on (`interrupted` tells it). */
  handOff(target: (signal: NodeJS.Signals) => void): void {
    this.target = target;
  }

  /** The last line of a run stopped before it started. */
  stoppedLine(): string {
    return `Interrupted (${this.received ?? "SIGINT"}) before the run started; ${this.left}\n`;
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal).off("SIGTERM", this.onSignal);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.target) return this.target(signal);
    if (this.received) {
      this.out.write(`${signal}: stopped at once before the run started; ${this.left}\n`);
      this.exit(130);
      return;
    }
    this.received = signal;
    this.out.write(`${signal}: stopping before the run starts (again to stop at once)\n`);
    this.controller.abort();
  };
}
