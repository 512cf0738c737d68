import { spanishTypeWords } from "./spanish.js";

/**
 * A request written in German ("Zertifikat wird nicht erstellt, obwohl der Kurs abgeschlossen ist"),
 * as a team whose specs are in German writes its tickets: its words that say what kind of work it asks
 * for, in English, so the type rules read it as they read an English one ("... is not created, although
 * ..."). Only those words: the rest are the domain's, and the spec index reads them as written.
 */
export function typeWordsInEnglish(text: string): string {
  if (!isGerman(text)) return spanishTypeWords(text);
  return text
    .replace(PHRASE, (m) => PHRASES[m.toLowerCase().replace(/\s+/g, " ")] ?? m)
    // "Krankmeldung überschreibt den Urlaub nicht": the verb came first, the negation closes the clause.
    .replace(/(?<![\p{L}])nicht(?=\s*(?:[,.;!?]|$))/giu, "not working")
    .replace(/[\p{L}]+/gu, (w) => WORDS[w.toLowerCase()] ?? w);
}

/** Words only German uses among the languages requests come in; two of them make a request German. */
const MARKERS: ReadonlySet<string> = new Set(("nicht ist sind wird werden wurde wurden der den dem das ein eine einen einer und oder " +
  "obwohl bei beim vom zum zur für bitte warum wie kann können zeigt geht nach auf immer schon noch auch nur ich wir statt " +
  // "am Wochenende", "im Export": English's "am" and "im" meet a second marker only in German.
  "am im mit von seit als wenn dass sich fehlt fehlen jeden jede die").split(" "));

function isGerman(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const seen = new Set(words.filter((w) => MARKERS.has(w)));
  // One marker and a word spelt as only German spells ("überschreibt ... nicht", "Größe").
  return seen.size >= 2 || (seen.size === 1 && words.some((w) => /[äöüß]/.test(w)));
}

/** Phrases whose words alone would say something else: "geht nicht" is "doesn't work", not "goes not". */
const PHRASES: Record<string, string> = {
  "geht nicht": "does not work",
  "funktioniert nicht": "does not work",
  "klappt nicht": "does not work",
  "stürzt ab": "crashes",
  "bricht ab": "fails",
  "läuft ab": "expires",
  "stimmt nicht": "is wrong",
  "kommt nicht": "does not arrive",
  "kommen nicht": "do not arrive",
  "lässt sich nicht": "cannot be",
  "lassen sich nicht": "cannot be",
  "dauert ewig": "takes forever",
  "dauert zu lange": "takes too long",
  "schlägt fehl": "fails",
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
  // Separable verbs split by the clause ("schlägt der Check jeden Montag fehl"): the particle carries the fault.
  schlägt: "does", fehl: "fail", erscheint: "appears", erscheinen: "appear", negativ: "negative", doppelte: "duplicate",
  statt: "instead of", seit: "since", ewig: "forever", überschreibt: "overrides", startet: "starts",
  prüfe: "review", überprüfe: "review", gesamte: "whole", ganze: "whole", ganzen: "whole", gesamten: "whole",
  veröffentlicht: "published", veröffentlichen: "publish", eingelesen: "read", übertragen: "carried over",
  // A command's verb, which German puts last ("Tests für export_datev schreiben").
  setzen: "set up", schreiben: "write", aktualisieren: "upgrade", erstellen: "create", anlegen: "add",
  entfernen: "remove", löschen: "delete", beheben: "fix", reparieren: "fix", korrigieren: "fix", optimieren: "optimize",
  beschleunigen: "speed up", umbauen: "refactor", migrieren: "migrate", testen: "test",
};

