// CSI sequences (colours, cursor moves), OSC sequences (hyperlinks, titles) and
// two-byte escapes such as `ESC(B`, which libtest's coloured output emits.
const ANSI = /\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[()][0-9A-Za-z]|[@-Z\\-_])/g;

/** Removes terminal escape codes and carriage returns, so that anchored patterns see plain lines. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "").replace(/\r\n?/g, "\n");
}
