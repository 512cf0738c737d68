/**
 * Words of the same thing in English, German and Spanish, as a team writes its specs in one language and
 * its tickets in another ("Gutschriften fehlen im Rechnungsexport" against a spec of "invoices" and "credit
 * notes"; "night shift allowance is missing" against a spec of "Zuschläge"). Kept to the words of work
 * every business system has (invoices, customers, shifts, holidays), whose meaning does not depend on the
 * project; a German plural that changes its vowel is written out (`zuschläge`). Each group is one thing,
 * its English, German and Spanish words apart, so that only German words start or end a compound.
 */
const GROUPS: readonly string[] = [
  "invoice, invoices | rechnung | factura, facturas",
  "credit note | gutschrift | rectificativa, rectificativas",
  "customer, customers | kunde, kunden | cliente, clientes",
  "supplier, suppliers | lieferant | proveedor, proveedores",
  "order, orders | bestellung, auftrag, aufträge | pedido, pedidos",
  "file | datei | archivo, fichero",
  "export | export | exportación, exportar",
  "import | import, einlesen, eingelesen | importación, importar",
  "exchange rate | wechselkurs | tipo de cambio",
  "weekend | wochenende | fin de semana",
  "revenue | umsatz, umsätze | ingresos, ventas",
  "margin | marge | margen",
  "total, totals | summe, summen | total, totales",
  "line, lines | zeile | línea, líneas",
  "tax | steuer | impuesto",
  "vat | mehrwertsteuer | iva",
  "report, reports | bericht, auswertung | informe, informes",
  "check, checks | prüfung | comprobación",
  "alert, alerts | alarm | alerta, alertas",
  "partition | partition | partición",
  "load |  | carga",
  "memory | speicher | memoria",
  "mapping | zuordnung | mapeo",
  "column | spalte | columna, columnas",
  "duplicate, duplicates | doppelt, doppelte | duplicado, duplicados, duplica",
  "deduplicate, dedupe | deduplizieren | deduplicar",
  "run | lauf | ejecución",
  "clock change | zeitumstellung | cambio de hora",
  "receivable, receivables | forderung, forderungen | cuentas por cobrar",
  "shift, shifts | schicht, schichten, dienst | turno, turnos",
  "roster | dienstplan | cuadrante",
  "ward | station | planta",
  "leave | urlaub | vacaciones",
  "sick | krank, krankmeldung | baja",
  "holiday, holidays | feiertag | festivo, festivos",
  "allowance, allowances | zuschlag, zuschläge | complemento, complementos",
  "overtime | überstunden | horas extra",
  "swap | tausch, tauschen | intercambio",
  "rest | ruhezeit | descanso",
  "on-call, oncall | bereitschaft, rufbereitschaft | guardia",
  "employee, employees | mitarbeiter, mitarbeitende | empleado, empleados",
  "contract | vertrag, verträge | contrato",
  "calendar | kalender | calendario",
  "payroll | lohn, lohnabrechnung | nómina",
  "notification | benachrichtigung | notificación",
  "price, prices | preis, preise | precio, precios",
  "payment, payments | zahlung | pago, pagos",
  "refund | erstattung | reembolso",
  "product, products | produkt, artikel | producto, productos",
  "search | suche | búsqueda",
  "address | adresse | dirección",
  "nightly | nächtlich, nächtliche, nächtlichen | nocturno, nocturna",
  "daily | täglich, tägliche | diario, diaria",
  "monthly | monatlich, monatliche | mensual",
  "data | daten | datos",
  "quality | qualität | calidad",
  "null, nulls | nullwert, nullwerte | nulo, nulos",
];

/** Endings German and Spanish inflect with, tried off a word that is not in a group as written. */
const ENDINGS: Record<string, readonly string[]> = { de: ["en", "es", "n", "s", "e"], es: ["es", "s"] };

const BY_WORD = new Map<string, Set<string>>();
/** German and Spanish words by language: their inflections are read off (`rechnungen`), English's are the stemmer's. */
const FOREIGN: Record<string, Set<string>> = { de: new Set(), es: new Set() };
/** German words of four letters or more, which may start or end a German compound ("Rechnungs|export"). */
const PARTS: string[] = [];
for (const line of GROUPS) {
  const [en = "", de = "", es = ""] = line.split("|").map((side) => side.trim());
  const words = [...phrases(en), ...phrases(de), ...phrases(es)];
  for (const word of words) {
    const others = BY_WORD.get(word) ?? new Set<string>();
    for (const other of words) if (other !== word) others.add(other);
    BY_WORD.set(word, others);
  }
  for (const word of phrases(de)) FOREIGN.de!.add(word);
  for (const word of phrases(es)) FOREIGN.es!.add(word);
  PARTS.push(...phrases(de).filter((w) => w.length >= 4 && /^[\p{L}]+$/u.test(w)));
}

/** The groups' words of more than one word ("tipo de cambio", "credit note"), each as a pattern taking a plural. */
const PHRASES: Array<[RegExp, string]> = [...BY_WORD.keys()]
  .filter((w) => w.includes(" "))
  .map((w) => [new RegExp(`(?<![\\p{L}])${w.split(" ").map((part) => `${part}(?:s|es)?`).join("\\s+")}(?![\\p{L}])`, "iu"), w]);

/**
 * The other languages' words for the phrases of a text ("los tipos de cambio" -> exchange rate, wechselkurs):
 * a request's words are looked up one by one, and "cambio" alone is no exchange rate.
 */
export function phraseGlosses(text: string): string[] {
  return PHRASES.filter(([re]) => re.test(text)).flatMap(([, phrase]) => [...BY_WORD.get(phrase)!]);
}

/** A side's words, a comma between them: "credit note" and "tipo de cambio" are one word each. */
function phrases(side: string): string[] {
  return side.split(",").map((w) => w.trim()).filter(Boolean);
}

/** A word as a group has it: as written, or without an inflection's ending (`rechnungen` -> rechnung). */
function known(word: string): string | undefined {
  if (BY_WORD.has(word)) return word;
  for (const language of ["de", "es"]) {
    for (const ending of ENDINGS[language]!) {
      const base = word.slice(0, -ending.length);
      if (base.length >= 4 && word.endsWith(ending) && FOREIGN[language]!.has(base)) return base;
    }
  }
  return undefined;
}

/**
 * The glossary's words a word of a spec holds: its form in a group (`bestellungen` -> bestellung), or the
 * words of a German compound when one of them is a group's (`rechnungsexport` -> rechnung, export;
 * `urlaubsanträge` -> urlaub, anträge; `lernfortschritt` none). A word of a group as written holds nothing more.
 */
export function compoundParts(word: string): readonly string[] {
  // Most words of a spec begin and end as no German or Spanish word of a group does: told by two lookups.
  if (word.length < 5 || (!HEADS.has(word.slice(0, 4)) && !TAILS.has(word.slice(-4))) || BY_WORD.has(word)) return [];
  let parts = SPLIT.get(word);
  if (parts === undefined) {
    const base = known(word);
    parts = base ? [base] : word.length >= 8 ? split(word) : [];
    if (SPLIT.size < 100_000) SPLIT.set(word, parts);
  }
  return parts;
}

/** The first four letters of the German and Spanish words, and the last four of those a compound may end in. */
const HEADS = new Set([...FOREIGN.de!, ...FOREIGN.es!].map((w) => w.slice(0, 4)));
const TAILS = new Set(PARTS.filter((w) => w.length >= 6).map((w) => w.slice(-4)));

/** Memoised: the spec index splits every long word of every spec. */
const SPLIT = new Map<string, readonly string[]>();

function split(word: string): string[] {
  // The longest German word that starts or ends it: "Bereitschafts|dienst" is bereitschaft's, not dienst's alone.
  let best: string[] = [];
  let longest = 0;
  for (const part of PARTS) {
    if (part.length <= longest) continue;
    if (word.startsWith(part)) {
      // A linking letter between the words (Rechnung-s-export, Kunde-n-stamm), unless a word begins there (Lohn|steuer).
      const after = word.slice(part.length);
      const rest = PARTS.some((p) => after.startsWith(p)) ? after : after.replace(/^(?:s|n|en|es)(?=[\p{L}]{4})/u, "");
      if (rest.length >= 4) [best, longest] = [[part, rest], part.length];
    } else if (part.length >= 6 && word.endsWith(part) && word.length - part.length >= 4) {
      // A shorter word at the end is too often the end of another ("Ver|suche").
      [best, longest] = [[word.slice(0, -part.length).replace(/(?<=[\p{L}]{4})s$/u, ""), part], part.length];
    }
  }
  return best;
}

/** Other words for `word` (lower-cased) in the other languages, and for the parts of a compound. */
export function glosses(word: string): string[] {
  const whole = known(word);
  if (whole) return [...BY_WORD.get(whole)!];
  const out: string[] = [];
  for (const part of compoundParts(word)) {
    out.push(part);
    const k = known(part);
    if (k) out.push(...BY_WORD.get(k)!);
  }
  return out;
}
