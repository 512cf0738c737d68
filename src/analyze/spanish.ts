/**
 * A request written in Spanish ("el informe no incluye las facturas de Núremberg"), as a team whose
 * specs are in English may still write its tickets: its words that say what kind of work it asks for,
 * in English, as `german.ts` gives German's, so the type rules read it as an English one ("... does not
 * include ..."). The domain's words are left to the spec index.
 */
export function spanishTypeWords(text: string): string {
  if (!isSpanish(text)) return text;
  return text.replace(PHRASE, (m) => PHRASES[m.toLowerCase().replace(/\s+/g, " ")] ?? m).replace(/[\p{L}]+/gu, (w) => WORDS[w.toLowerCase()] ?? w);
}

/** Words only Spanish uses among the languages requests come in; two of them make a request Spanish. */
const MARKERS: ReadonlySet<string> = new Set(("el la los las del al de un que una unos unas por para con cuando pero hay se su sus es son " +
  "está están muy ya también porque cómo qué dónde cuándo sin desde").split(" "));

function isSpanish(text: string): boolean {
  const seen = new Set((text.toLowerCase().match(/[\p{L}]+/gu) ?? []).filter((w) => MARKERS.has(w)));
  return seen.size >= 2;
}

/** Phrases whose words alone would say something else: "no funciona" is "does not work", "en vez de" is "instead of". */
const PHRASES: Record<string, string> = {
  "no funciona": "does not work",
  "en vez de": "instead of",
  "en vez del": "instead of the",
  "en lugar de": "instead of",
  "se queda sin memoria": "runs out of memory",
  "se cuelga": "hangs",
  "se calcula": "is calculated",
  "se calculan": "are calculated",
  "tarda mucho": "takes too long",
  "es lento": "is slow",
  "es lenta": "is slow",
  "no incluye": "does not include",
  "no aparece": "does not appear",
  "no aparecen": "do not appear",
  "no llega": "does not arrive",
  "no llegan": "do not arrive",
};
const PHRASE = new RegExp(`(?<![\\p{L}])(?:${Object.keys(PHRASES).map((p) => p.replace(/ /g, "\\s+")).join("|")})(?![\\p{L}])`, "giu");

/** Words that carry a request's kind (a fault, slowness, a command, a question), and the grammar around them. */
const WORDS: Record<string, string> = {
  no: "not", es: "is", son: "are", está: "is", están: "are", cuando: "when", aunque: "although", siempre: "always",
  falla: "fails", fallan: "fail", error: "error", incorrecto: "wrong", incorrecta: "wrong", mal: "wrong", duplica: "duplicates",
  duplicado: "duplicated", duplicados: "duplicated", pierde: "loses", pierden: "lose", falta: "is missing", faltan: "are missing",
  vacío: "empty", vacía: "empty", lento: "slow", lenta: "slow", tarda: "takes", bloquea: "blocks",
  añadir: "add", agregar: "add", añade: "add", agrega: "add", implementar: "implement", crear: "create", refactorizar: "refactor",
  optimizar: "optimize", acelerar: "speed up", explicar: "explain", explica: "explain", revisar: "review", revisa: "review",
  actualizar: "upgrade", arreglar: "fix", arregla: "fix", corregir: "fix", corrige: "fix", eliminar: "remove",
  por: "for", favor: "please", cómo: "how", qué: "what", por_qué: "why", dónde: "where",
};
