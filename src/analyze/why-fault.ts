import type { Asking, TypeWord } from "./asking.js";
import { FAULT } from "./fault-words.js";

/**
 * A why-question that reports a fault asks to have it fixed, as the statement of it would: "why is the
 * controlled drug running balance for methadone negative at the Ilkley clinic?", "why are PDFs over 100 MB
 * never shown in the channel?" (debug). One about why the code is built as it is asks for an explanation:
 * "why is matching done in batches ...?", "why are some sessions counted twice in the daily rollup?"
 * (analyze, as every earlier set labels them). A result wrong in itself (negative, empty, zero) is a fault
 * wherever it is asked about; a word of a fault ("never", "twice", "still") only with a figure beside it,
 * a case observed rather than a behaviour wondered at.
 */
export function faultAsked(words: readonly TypeWord[], ask: Asking): { at: number; text: string } | undefined {
  if (!ask.text.startsWith("why")) return undefined;
  let fault: number | undefined;
  let figure = false;
  for (let k = ask.from; k < ask.end; k++) {
    const word = words[k]?.word ?? "";
    if (WRONG.has(word)) return { at: k, text: `why ... ${word}` };
    if (fault === undefined && FAULT.has(word)) fault = k;
    if (/^\d/.test(word)) figure = true;
  }
  return fault !== undefined && figure ? { at: fault, text: `why ... ${words[fault]?.word}` } : undefined;
}

/** Results wrong in themselves, as a state: "negative", "empty", "zero", "nothing". */
const WRONG = new Set(["negative", "empty", "zero", "blank", "null", "infinite", "garbled", "corrupted", "corrupt",
  // What came out of it: "why does the calendar show €39 for a day where search returns nothing?".
  "nothing"]);
