import type { LayerNames } from "./layer-names.js";

/**
 * A rule between layers written in Spanish, Portuguese, French or German ("El dominio no debe
 * importar la infraestructura", "Le domaine ne doit pas importer l'infrastructure", "Die Domäne darf
 * die Infrastruktur nicht importieren"), put in the English words spec/layer-rules.ts reads ("the
 * domain must not import the infrastructure"); undefined for a sentence with none of those
 * languages' words for "must", "may", "import" or "depend". Words for common layers (`dominio`,
 * `Infrastruktur`) become the English ones, unless they are a layer's own name.
 */
export function englishRule(sentence: string, names: LayerNames): string | undefined {
  if (!CUE.test(sentence)) return undefined;
  let text = ` ${sentence.replace(/[’]/g, "'")} `;
  for (const [foreign, english] of LAYER_WORDS) text = text.replace(foreign, (word) => (names.named(word).length > 0 ? word : english));
  text = german(text);
  for (const [foreign, english] of PHRASES) text = typeof english === "string" ? text.replace(foreign, english) : text.replace(foreign, english);
  // Romance adjectives follow their noun: "capas externas" is "outer layers".
  return text.replace(/\s+/g, " ").replace(/\b(layers?) (inner|outer)\b/g, "$2 $1").trim();
}

// Words only these languages' rules have: their modals and verbs of importing and depending (not "no", which English has too).
const CUE = /(?:^|[\s(])(?:não|nunca|sólo|solo|só|somente|apenas|solamente|debe|deben|debería|deberían|deve|devem|deveria|puede|pueden|pode|podem|ne|n'|doit|doivent|devrait|peut|peuvent|darf|dürfen|soll|sollen|kann|können|importar|importer|importieren|depender|dépendre|abhängen|hängt|importiert|importa|importan|importam|importe|importent|depende|dependen|dependem|dépend|dépendent)(?=[\s.,;:!?)]|$)/i;

const W = String.raw`(?=[\s.,;:!?)'"]|$)`;
const word = (alternatives: string) => new RegExp(String.raw`(?<=[\s('"])(?:${alternatives})${W}`, "gi");

/** Common layers' names in the four languages, as English, which layer-names.ts reads as a layer's id or its start (`application` for `app`). */
const LAYER_WORDS: [RegExp, string][] = [
  [word("dominio|domínio|domaine|domäne"), "domain"],
  [word("aplicación|aplicacion|aplicação|aplicacao|aplicaciones|anwendung"), "application"],
  [word("infraestructura|infraestrutura|infrastruktur"), "infrastructure"],
  [word("presentación|presentacion|apresentação|apresentacao|présentation|präsentation"), "presentation"],
  [word("persistencia|persistência|persistance|persistenz"), "persistence"],
  [word("núcleo|nucleo|noyau|kern"), "core"],
  [word("datos|dados|données|daten"), "data"],
  [word("servicios|serviços|dienste"), "services"],
  [word("interfaz|schnittstelle"), "interface"],
];

const MODAL_DE = String.raw`(?:darf|dürfen|soll|sollen|kann|können)`;
const VERB_DE: Record<string, string> = { importieren: "import", verwenden: "use", benutzen: "use", nutzen: "use", kennen: "know about", aufrufen: "call" };

/** German puts the verb last ("X darf Y nicht importieren", "X darf nur von Y abhängen"): English order first. */
function german(text: string): string {
  const verbs = Object.keys(VERB_DE).join("|");
  const rules: [RegExp, (...m: string[]) => string][] = [
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+nichts\s+(${verbs})\s*$`, "i"), (_, s, v) => `${s} ${VERB_DE[v!.toLowerCase()]}s nothing`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+keine\s+(?:anderen\s+)?schichten\s+(${verbs})\s*$`, "i"), (_, s, v) => `${s} must not ${VERB_DE[v!.toLowerCase()]} any other layers`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+(nie|niemals|nicht|nur)\s+von\s+(.+?)\s+abhängen\s*$`, "i"), (_, s, m, o) => `${s} ${modalDe(m!)} depend on ${o}`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+(nur)\s+(.+?)\s+(${verbs})\s*$`, "i"), (_, s, m, o, v) => `${s} ${modalDe(m!)} ${VERB_DE[v!.toLowerCase()]} ${o}`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+(.+?)\s+(nie|niemals|nicht)\s+(${verbs})\s*$`, "i"), (_, s, o, m, v) => `${s} ${modalDe(m!)} ${VERB_DE[v!.toLowerCase()]} ${o}`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+(nie|niemals|nicht)\s+(.+?)\s+(${verbs})\s*$`, "i"), (_, s, m, o, v) => `${s} ${modalDe(m!)} ${VERB_DE[v!.toLowerCase()]} ${o}`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+von\s+(.+?)\s+abhängen\s*$`, "i"), (_, s, o) => `${s} may depend on ${o}`],
    [new RegExp(String.raw`^(.*?)\s${MODAL_DE}\s+(.+?)\s+(${verbs})\s*$`, "i"), (_, s, o, v) => `${s} may ${VERB_DE[v!.toLowerCase()]} ${o}`],
    [/^(.*?)\shängt\s+von\s+nichts\s+ab\s*$/i, (_, s) => `${s} depends on nothing`],
    [/^(.*?)\shängt\s+nur\s+von\s+(.+?)\s+ab\s*$/i, (_, s, o) => `${s} may only depend on ${o}`],
    [/^(.*?)\simportiert\s+nichts\s*$/i, (_, s) => `${s} imports nothing`],
  ];
  for (const [pattern, english] of rules) if (pattern.test(text)) return text.replace(pattern, english as (substring: string, ...args: string[]) => string);
  return text;
}

function modalDe(m: string): string {
  return /^nur$/i.test(m) ? "may only" : /^nie/i.test(m) ? "must never" : "must not";
}

const VERB_ROMANCE = String.raw`importar|importer|usar|utilizar|utiliser|conocer|conhecer|connaître|llamar\s+a|appeler`;
const ROMANCE_VERB: Record<string, string> = { importar: "import", importer: "import", usar: "use", utilizar: "use", utiliser: "use", conocer: "know about", conhecer: "know about", connaître: "know about", "llamar a": "call", appeler: "call" };
const verbOf = (v: string) => ROMANCE_VERB[v.toLowerCase().replace(/\s+/g, " ")] ?? v;
const DEP = String.raw`(?:depender|dépendre)\s+(?:de\s+la|de|del|da|do|das|dos|du|des|d')`;

/** Spanish, Portuguese and French modals, verbs and small words, longest phrases first. */
const PHRASES: [RegExp, string | ((...m: string[]) => string)][] = [
  // "ne peut dépendre que de X", "ne doit importer que X": "may only".
  [new RegExp(String.raw`\bne\s+(?:peut|peuvent|doit|doivent)\s+(?:(${VERB_ROMANCE})|dépendre)\s+que\s+(?:de\s+|d'|du\s+|des\s+)?`, "gi"), (_, v) => (v ? ` may only ${verbOf(v)} ` : " may only depend on ")],
  [/\bn'importe(?:nt)?\s+(?:rien|aucune(?:\s+autre)?\s+couche)\b/gi, " imports nothing"],
  [/\bne\s+dépend(?:ent)?\s+(?:de\s+rien|d'aucune(?:\s+autre)?\s+couche)/gi, " depends on nothing"],
  [/\b(?:no|não)\s+(?:importa|importan|importam)\s+(?:nada|ninguna(?:\s+otra)?\s+capa|nenhuma(?:\s+outra)?\s+camada)\b/gi, " imports nothing"],
  [/\b(?:no|não)\s+(?:depende|dependen|dependem)\s+(?:de\s+nada|de\s+ninguna(?:\s+otra)?\s+capa|de\s+nenhuma(?:\s+outra)?\s+camada)\b/gi, " depends on nothing"],
  [/\bne\s+(?:doit|doivent|devrait|devraient)\s+jamais\b/gi, " must never"],
  [/\bne\s+(?:peut|peuvent|pourra)\s+jamais\b/gi, " can never"],
  [/\bne\s+(?:doit|doivent|devrait|devraient)\s+pas\b/gi, " must not"],
  [/\bne\s+(?:peut|peuvent|pourra)\s+pas\b/gi, " cannot"],
  [/\bnunca\s+(?:debe|deben|debería|deberían|deve|devem|deveria)\b/gi, " must never"],
  [/\bnunca\s+(?:puede|pueden|pode|podem)\b/gi, " can never"],
  [/\b(?:no|não)\s+(?:debe|deben|debería|deberían|deve|devem|deveria)\b/gi, " must not"],
  [/\b(?:no|não)\s+(?:puede|pueden|pode|podem)\b/gi, " cannot"],
  [/(?<=\s)(?:sólo|solo|solamente|só|somente|apenas|seulement)\s+(?:puede|pueden|pode|podem|debe|deben|deve|devem|peut|peuvent)\b/gi, " may only"],
  [/\b(?:puede|pueden|pode|podem|peut|peuvent)\b/gi, " may"],
  [/\b(?:debe|deben|deve|devem|doit|doivent)\b/gi, " must"],
  [new RegExp(String.raw`(?<=\s)${DEP}(?=\s)`, "gi"), " depend on"],
  [/(?<=\s)(?:depende|dependen|dependem|dépend|dépendent)\s+(?:de\s+la|de|del|da|do|das|dos|du|des|d')(?=\s)/gi, " depends on"],
  [new RegExp(String.raw`(?<=\s)(${VERB_ROMANCE})(?=\s)`, "gi"), (_, v) => ` ${verbOf(v!)}`],
  [/(?<=\s)(?:importa|importan|importam|importe|importent)(?=\s)/gi, " imports"],
  [/(?<=\s)(?:nada|rien)(?=[\s.]|$)/gi, " nothing"],
  [/(?<=\s)(?:ninguna\s+otra\s+capa|nenhuma\s+outra\s+camada|aucune\s+autre\s+couche)(?=\s|$)/gi, " no other layer"],
  [/(?<=\s)(?:cualquier(?:\s+otra)?\s+capa|qualquer(?:\s+outra)?\s+camada|n'importe\s+quelle\s+couche)(?=\s|$)/gi, " any other layer"],
  [/(?<=\s)(?:capas|camadas|couches|schichten)(?=\s|$)/gi, " layers"],
  [/(?<=\s)(?:capa|camada|couche|schicht)(?=\s|$)/gi, " layer"],
  [/(?<=\s)(?:internas?|internos?|internes?|innere[n]?|interiores?)(?=\s|$)/gi, " inner"],
  [/(?<=\s)(?:externas?|externos?|externes?|äußere[n]?|exteriores?)(?=\s|$)/gi, " outer"],
  [/(?<=\s)(?:excepto|salvo|exceto|sauf|excepté|außer)(?=\s)/gi, " except"],
  [/(?<=\s)(?:y|e|et|und)(?=\s)/gi, " and"],
  [/(?<=\s)(?:o|ou|oder)(?=\s)/gi, " or"],
  [/(?<=[\s(])(?:el|la|los|las|lo|os|as|le|les|der|die|das|den|dem)(?=\s)/gi, " the"],
  [/(?<=[\s(])l'/gi, " the "],
  [/(?<=\s)(?:de|del|da|do|des|du|von)(?=\s)/gi, " of"],
  [/(?<=[\s(])(?:ninguna|ningún|ninguno|nenhuma|nenhum|aucune|aucun|keine?)(?=\s)/gi, " no"],
];
