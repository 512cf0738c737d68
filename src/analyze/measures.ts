/**
 * Amounts of time in a request ("every few minutes", "during peak hours", "an hour late",
 * "a 15 minute slot") say when or how long, not where: they are not looked up in the spec
 * index, where "hours" would meet `HourlyRollup` and "times" a bot's "reaction time". A unit
 * that names a thing ("the time zone", "response time", "hourly rollups") is looked up.
 */
const UNIT = /^(?:ms|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|nights?|weeks?|weekends?|months?|years?|mornings?|evenings?|times?)$/;

/** Words up to two places before a unit that make it an amount or a moment. */
const MEASURE = new Set([
  "a", "an", "one", "every", "each", "few", "several", "couple", "many", "per", "last", "next", "past", "same", "all",
  "during", "within", "after", "for", "in", "over", "since", "until", "under", "about", "around", "nearly", "almost",
]);

/** The words of `words` (as written, in order) that are not amounts of time. */
export function withoutMeasures(words: readonly string[]): string[] {
  return words.filter((word, at) => {
    if (!UNIT.test(word.toLowerCase())) return true;
    const before = words.slice(Math.max(0, at - 2), at).map((w) => w.toLowerCase());
    return !before.some((w) => MEASURE.has(w) || /^\d/.test(w));
  });
}
