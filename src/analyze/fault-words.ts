/**
 * The words that report a fault in a statement (see `symptom.ts`), and the participles of the
 * passives that report one ("settings are lost"): shared by the symptom cues and the clause grammar
 * that tells a statement's subject from a command's object.
 */

/** Words that report a fault wherever they stand after a statement's subject. */
export const FAULT = new Set([
  "never", "still", "always", "twice", "lose", "loses", "losing", "lost", "ignore", "ignores", "ignored", "ignoring",
  "miss", "misses", "missed", "missing", "drop", "drops", "dropped", "dropping", "reject", "rejects", "rejected",
  "differ", "differs", "differed", "overlap", "overlaps", "overlapped", "overlapping", "repeat", "repeats", "repeated",
  "jump", "jumps", "jumped", "skip", "skips", "skipped", "happen", "happens", "happened",
  "vanish", "vanishes", "vanished", "disappear", "disappears", "disappeared", "flicker", "flickers", "flickering",
  "corrupt", "corrupts", "corrupted", "corruption", "stuck", "garbled", "garbage",
  "duplicate", "duplicates", "duplicated", "overwrite", "overwrites", "overwritten", "overwriting",
  "disagree", "disagrees", "disagreed", "mismatch", "mismatches", "mismatched", "inconsistent", "invalid", "malformed",
  // A state that does not change when it should: "vents stay open in the rain", "the copy stays in transit forever".
  "stay", "stays", "stayed", "remain", "remains", "remained", "forever", "overshoot", "overshoots", "overshooting",
  // Timing that wanders off or apart: "SCC captions drift by ~1 s per 10 min", "clients desync after a rollback".
  "drift", "drifts", "drifted", "drifting", "desync", "desyncs", "desynced",
  // Motion that will not settle: "the robot oscillates in a straight aisle", "the chart jitters on hover".
  "oscillate", "oscillates", "oscillating", "jitter", "jitters", "jittering", "jittery", "wobble", "wobbles", "wobbling",
  // What ended of itself: "Gmail sync stopped after the token refresh" (a command says "stop").
  "stopped",
  // What happens despite what should prevent it: "signed URLs expire after 5 min although we set 6h".
  "although", "despite",
  // A figure too high or too low: "bot traffic is inflating weekly active users", "the roll-up overcounts seats".
  "inflate", "inflates", "inflated", "inflating", "overcount", "overcounts", "overcounted", "overcounting", "undercount", "undercounts",
  "undercounted", "undercounting", "overstate", "overstates", "overstated", "understate", "understates", "understated",
  // How often a fault comes back: "the off-course alert goes off constantly".
  "constantly",
  // What is gone of itself: "importing a backup from 1.x wipes My filters".
  "wipe", "wipes", "wiped",
  // Sound that comes out wrong: "G.729 calls sound robotic since the transcoding change".
  "robotic", "distorted", "muffled", "crackling", "crackly",
  // What is left over or spills past its bounds: "an A40 merge leaves the appointments orphaned", "letters overflow onto a second page".
  "orphaned", "overflow", "overflows", "overflowed", "overflowing",
  // Whom a fault reaches, telling it: "drivers complain they get offers for riders 15 minutes away".
  "complain", "complains", "complained", "complaining",
  // What starts over of itself: "the hub reboots every few hours when the buffer is full" (a command says "reboot").
  "reboots", "rebooted",
]);
/** Faults of a few words: "instead of", "out of order", "no longer", "off by", "all the time", "arrive without". */
export const FAULT_PHRASE = [["instead", "of"], ["even", "though"], ["out", "of", "order"], ["out", "of", "sync"], ["no", "longer"], ["off", "by"], ["all", "the", "time"], ["every", "time"],
  // What comes in lacking a part of it: "delivery orders arrive without the modifiers".
  ["arrive", "without"], ["arrives", "without"], ["arrived", "without"], ["come", "in", "without"], ["comes", "in", "without"], ["came", "in", "without"],
  // A figure against the one it should match: "MRR for March is double what Stripe shows".
  ["double", "what"], ["half", "what"], ["triple", "what"], ["twice", "what"],
  // What ends of itself on some event: "timers in cook mode stop when I switch tabs".
  ["stop", "when"], ["stops", "when"], ["stop", "after"], ["stops", "after"],
  // How often, against how often it should: "fish bite way too often in the rain".
  ["too", "often"], ["too", "many", "times"],
  // A fault fixed once that returns: "YouTube ads are back since yesterday".
  ["are", "back"], ["is", "back"],
  // Part of what comes out is lost at its edge: "the summary PDF cuts off the capital gains section".
  ["cuts", "off"], ["cutting", "off"],
  // Where the reporter puts the fault: "the solver is fine, the problem is travel".
  ["problem", "is"], ["issue", "is"], ["problem", "was"], ["issue", "was"]];

/** A statement's passive or "get" verb: "settings are lost", "users get logged out", "VAT is computed on the discounted price". */
export const PASSIVE = new Set(["is", "are", "was", "were", "get", "gets", "got", "gotten", "getting", "been"]);
/** Participles that say what something is, not what is done to it: "is based on", "is supposed to". */
export const DESCRIBING = new Set(["based", "implemented", "used", "called", "named", "located", "defined", "supposed", "needed", "required", "expected",
  "wanted", "planned", "allowed", "meant", "intended", "interested", "done", "finished", "involved", "related", "concerned"]);
export const IRREGULAR_PARTICIPLE = new Set(["sent", "lost", "set", "split", "shown", "made", "kept", "left", "put", "cut", "hit", "spent",
  "paid", "held", "sold", "told", "found", "taken", "given", "seen", "shut", "stuck", "thrown", "broken", "stolen", "drawn",
  "frozen", "chosen", "hidden", "forgotten", "overwritten", "eaten", "run", "read", "dropped", "stopped", "skipped", "mapped", "logged", "kicked", "charged", "reset"]);

/** A past participle: "respected", "sent"; not one that says what something is ("based", "supposed"). */
export function isParticiple(word: string): boolean {
  return !DESCRIBING.has(word) && (IRREGULAR_PARTICIPLE.has(word) || /^[a-z]{2,}ed$/.test(word));
}
