/**
 * A request written in German ("Zertifikat wird nicht erstellt, obwohl der Kurs abgeschlossen ist"),
 * as a team whose specs are in German writes its tickets: its words that say what kind of work it asks
 * for, in English, so the type rules read it as they read an English one ("... is not created, although
 * ..."). Only those words: the rest are the domain's, and the spec index reads them as written.
 */
export function typeWordsInEnglish(text: string): string {
  if (!isGerman(text)) return text;
  return text.replace(PHRASE, (m) => PHRASES[m.toLowerCase().replace(/\s+/g, " ")] ?? m).replace(/[\p{L}]+/gu, (w) => WORDS[w.toLowerCase()] ?? w);
}

/** Words only German uses among the languages requests come in; two of them make a request German. */
const MARKERS: ReadonlySet<string> = new Set(("nicht ist sind wird werden wurde wurden der den dem das ein eine einen einer und oder " +
  "obwohl bei beim vom zum zur für bitte warum wie kann können zeigt geht nach auf immer schon noch auch nur ich wir statt").split(" "));

function isGerman(text: string): boolean {
  const seen = new Set((text.toLowerCase().match(/[\p{L}]+/gu) ?? []).filter((w) => MARKERS.has(w)));
  return seen.size >= 2;
}

/** Phrases whose words alone would say something else: "geht nicht" is "doesn't work", not "goes not". */
const PHRASES: Record<string, string> = {
  "geht nicht": "does not work",
  "funktioniert nicht": "does not work",
  "klappt nicht": "does not work",
  "stürzt ab": "crashes",
  "kann man": "can we",
  "können wir": "can we",
};
const PHRASE = new RegExp(`\\b(?:${Object.keys(PHRASES).map((p) => p.replace(/ /g, "\\s+")).join("|")})\\b`, "giu");

/** Words that carry a request's kind (a fault, slowness, a command, a question), and the grammar around them. */
const WORDS: Record<string, string> = {
  nicht: "not", kein: "no", keine: "no", keinen: "no",
  ist: "is", sind: "are", wird: "is", werden: "are", wurde: "was", wurden: "were", bleibt: "stays", bleiben: "stay",
  falsch: "wrong", falsche: "wrong", falschen: "wrong", falscher: "wrong", falsches: "wrong", fehler: "error",
  fehlt: "is missing", fehlen: "are missing", abgelehnt: "rejected", obwohl: "although", immer: "always", doppelt: "twice",
  leer: "empty", hängt: "hangs", langsam: "slow", dauert: "takes",
  hinzufügen: "add", ergänzen: "add", einbauen: "add", implementieren: "implement", refaktorieren: "refactor",
  erkläre: "explain", erklären: "explain", prüfen: "review", überprüfen: "review",
  warum: "why", wieso: "why", wie: "how", was: "what",
  angezeigt: "shown", erstellt: "created", berechnet: "calculated", verschickt: "sent", gesendet: "sent", zeigt: "shows",
  einstellen: "configure", bitte: "please",
};
