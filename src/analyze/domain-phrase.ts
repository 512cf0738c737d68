import type { SpecTree } from "../spec/types.js";
import { opening } from "./layer-domain-word.js";
import { singular } from "./text.js";

const cache = new WeakMap<SpecTree, { sentence: string; summaries: string[] }>();

/**
 * The request's nouns that stand in a phrase the system spec's opening sentence uses for the things the
 * product deals with: in "FleetBeacon manages ... refrigerated trailers, EV chargers and water meters",
 * "reboot command times out for sleepy water meters" speaks of the devices, not of the `metering` module
 * whose name "meters" meets. The word after its modifier is the thing; the modifier alone names nothing.
 */
export function domainPhraseNouns(text: string, spec: SpecTree): ReadonlySet<string> {
  let known = cache.get(spec);
  if (known === undefined) {
    // A module declared in the system spec carries it for its agent: only the module's own text counts.
    const system = spec.system.body.trim();
    const summaries = spec.modules.map((m) => {
      const own = system ? m.body.split(system).join(" ") : m.body;
      const description = typeof m.frontMatter.description === "string" ? m.frontMatter.description : "";
      const named = [...m.provides, ...m.files].map((n) => n.replace(/([a-z0-9])([A-Z])/g, "$1 $2")).join(" . ");
      return ` ${words(`${own} ${description} . ${named}`).join(" ")} `;
    });
    cache.set(spec, (known = { sentence: ` ${words(opening(spec.system.body)).join(" ")} `, summaries }));
  }
  const out = new Set<string>();
  if (known.sentence.trim() === "") return out;
  const request = words(text);
  for (let i = 0; i + 1 < request.length; i++) {
    const phrase = ` ${request[i]} ${request[i + 1]} `;
    // A phrase a module's own spec, Provides or paths use is that module's thing too ("the bitrate ladder" of transcoding).
    if (request[i]!.length > 2 && request[i + 1]!.length > 2 && known.sentence.includes(phrase) && !known.summaries.some((s) => s.includes(phrase))) out.add(request[i + 1]!);
  }
  return out;
}

/** Lower-case words in the singular, for a phrase to meet whatever number it is written in. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []).map(singular);
}
