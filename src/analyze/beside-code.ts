import type { Mentions } from "./mentions.js";
import type { NameHit } from "./names.js";

/**
 * A module's name written as a plain word beside a code name that is another module's: "ShiftChangedEmail
 * has the wrong ward name", "`ShiftPlanner.Publish` publishes the drafts of other wards too". The class
 * or file says exactly where the code is; the common word ("ward") tells what it handles. Kept when it
 * opens the request ("ward: ShiftPlanner fails") or is written as a name (backticks, "the ward module").
 */
/** A class or function's name: CamelCase with a small letter before a capital, or snake_case (not an initialism, `MQTT`). */
const CODE_NAME = /^[A-Za-z][a-z0-9]+[A-Z][A-Za-z0-9]*$|^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/;

export function withoutWordsBesideCode(prose: string, names: NameHit[], mentions: Mentions): NameHit[] {
  const code = mentions.paths.filter((p) => CODE_NAME.test(p.text));
  if (code.length === 0) return names;
  const owners = new Set(code.flatMap((p) => p.ids));
  return names.filter((hit) => hit.kind !== "module" || hit.qualified || owners.has(hit.id) || !/^[a-z]+$/.test(hit.text) || prose.slice(0, hit.start).trim() === "");
}
