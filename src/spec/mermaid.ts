/**
 * Dependencies drawn as a Mermaid graph in the system spec or a layer spec:
 *
 * ```mermaid
 * flowchart LR
 *   A[Order API] --> B[Payments]
 *   B -.-> ledger
 *   A -- uses --> catalog
 * ```
 *
 * An arrow `A --> B` reads as "A depends on B" (a dotted `-.->`, a thick `==>`, a labelled
 * `-- uses -->` or `-->|uses|` too; `A <-- B` and a label `used by` read the other way). A node
 * is a module when its label or its id names one, as a "Depends On" item would. A graph whose
 * arrows mostly run against what the module specs say (`store --> orders` where orders' spec
 * depends on store: drawn as data flows) is read the other way round, and `check` says so.
 */

/** An arrow of a graph: `from` depends on `to`, as drawn (before any reading the other way). */
export interface DiagramEdge {
  from: DiagramNode;
  to: DiagramNode;
  /** 1-based line in the file. */
  line: number;
}

export interface DiagramNode {
  id: string;
  /** The text of its shape (`Order API` of `A[Order API]`), when it has one anywhere in the graph. */
  label?: string;
}

export interface Diagram {
  /** 1-based line of the opening fence. */
  line: number;
  edges: DiagramEdge[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*mermaid\b/i;
const GRAPH_HEADER = /^\s*(?:graph|flowchart)\b/i;
// Statements that draw no arrow: subgraphs, styling, comments, interaction.
const NOT_AN_EDGE = /^\s*(?:subgraph\b|end\s*$|classDef\b|class\b|style\b|linkStyle\b|click\b|direction\b|%%)/i;
const NODE_ID = /^[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*/;
// `-- uses -->`, `-. maybe .->`, `== must ==>`: an arrow with its text inside.
const TEXT_ARROW = /^(<?)(?:--|-\.|==)\s+([^\n]*?)\s+(-{2,}|\.-+|={2,})(>?)/;
// `-->`, `---`, `-.->`, `==>`, `<-->`, `--o`, `--x`, then an optional `|text|`.
const ARROW = /^(<?)(-{2,}|-\.+-|={2,})([>ox]?)(?:\s*\|([^|]*)\|)?/;
const INVISIBLE = /^~{3,}/;
const CLOSERS: Record<string, string> = { "[": "]", "(": ")", "{": "}", ">": "]" };
const REVERSED_LABEL = /\b(?:used|called|imported|consumed|required|needed|read)\s+by\b/i;

/** The flowcharts (`graph` / `flowchart`) drawn in a markdown text's ```` ```mermaid ```` blocks. */
export function mermaidDiagrams(text: string): Diagram[] {
  if (!/mermaid/i.test(text)) return [];
  const lines = text.split(/\r?\n/);
  const diagrams: Diagram[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: { text: string; line: number }[] = [];
    let j = i + 1;
    for (; j < lines.length && !closes(lines[j]!, fence); j++) body.push({ text: lines[j]!, line: j + 1 });
    const first = body.find((l) => l.text.trim() !== "" && !l.text.trim().startsWith("%%"));
    if (first && GRAPH_HEADER.test(first.text)) diagrams.push({ line: i + 1, edges: graphEdges(body, first) });
    i = j;
  }
  return diagrams;
}

function closes(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed[0] === fence[0] && /^(`+|~+)$/.test(trimmed);
}

function graphEdges(body: { text: string; line: number }[], header: { text: string; line: number }): DiagramEdge[] {
  const labels = new Map<string, string>();
  const drawn: { from: string; to: string; line: number }[] = [];
  for (const { text, line } of body) {
    // `graph TD; a --> b; b --> c`: statements after the header on its own line too.
    const statements = (line === header.line ? text.replace(GRAPH_HEADER, "").replace(/^\s*\w*/, "") : text).split(";");
    for (const statement of statements) {
      if (statement.trim() === "" || NOT_AN_EDGE.test(statement)) continue;
      for (const edge of statementEdges(statement.trim(), labels)) drawn.push({ ...edge, line });
    }
  }
  const node = (id: string): DiagramNode => (labels.has(id) ? { id, label: labels.get(id)! } : { id });
  return drawn.map((e) => ({ from: node(e.from), to: node(e.to), line: e.line }));
}

/**
 * The arrows of one statement, `a & b --> c --> d`, as [from, to] node ids (an undirected
 * `---` or a two-headed `<-->` says no direction: none); labels found are kept in `labels`.
 */
function statementEdges(statement: string, labels: Map<string, string>): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  let rest = statement;
  let previous: string[] | undefined;
  let pending: "forward" | "backward" | undefined;
  while (rest.length > 0) {
    const group: string[] = [];
    for (;;) {
      const node = readNode(rest, labels);
      if (!node) return edges;
      group.push(node.id);
      rest = node.rest.trimStart();
      if (!rest.startsWith("&")) break;
      rest = rest.slice(1).trimStart();
    }
    if (previous && pending) {
      for (const a of previous) for (const b of group) edges.push(pending === "forward" ? { from: a, to: b } : { from: b, to: a });
    }
    if (rest.length === 0) break;
    const arrow = readArrow(rest);
    if (!arrow) break;
    previous = group;
    pending = arrow.direction;
    rest = arrow.rest.trimStart();
  }
  return edges;
}

function readNode(text: string, labels: Map<string, string>): { id: string; rest: string } | undefined {
  const id = NODE_ID.exec(text)?.[0];
  if (!id) return undefined;
  let rest = text.slice(id.length);
  const closer = CLOSERS[rest[0] ?? ""];
  if (closer) {
    // `A[Order API]`, `B(Ledger)`, `C{Catalog}`, `D([Queue])`, `E[("Store")]`: to the bracket that closes the first.
    let depth = 0;
    let end = -1;
    for (let k = 0; k < rest.length; k++) {
      const ch = rest[k]!;
      if (ch === "[" || ch === "(" || ch === "{" || (k === 0 && ch === ">")) depth++;
      else if (ch === "]" || ch === ")" || ch === "}") depth--;
      if (depth === 0) {
        end = k;
        break;
      }
    }
    if (end < 0) return undefined;
    const label = cleanLabel(rest.slice(1, end));
    if (label && !labels.has(id)) labels.set(id, label);
    rest = rest.slice(end + 1);
  }
  rest = rest.replace(/^:::[\w-]+/, "");
  return { id, rest };
}

/** `"Order API<br/>(REST)"` -> `Order API`: the label's first line, without quotes, markup or the inner brackets of a shape. */
function cleanLabel(raw: string): string {
  return raw
    .replace(/^[[({/\\]+|[\])}/\\]+$/g, "")
    .split(/<br\s*\/?>|\\n/i)[0]!
    .replace(/^["'`]|["'`]$/g, "")
    .replace(/<[^>]+>|[*_`]/g, "")
    .trim();
}

function readArrow(text: string): { direction?: "forward" | "backward"; rest: string } | undefined {
  if (INVISIBLE.test(text)) return { rest: text.replace(INVISIBLE, "") };
  const withText = TEXT_ARROW.exec(text);
  if (withText) return { direction: direction(withText[1] === "<", withText[4] === ">", withText[2]!), rest: text.slice(withText[0].length) };
  const arrow = ARROW.exec(text);
  if (!arrow) return undefined;
  return { direction: direction(arrow[1] === "<", arrow[3] === ">", arrow[4] ?? ""), rest: text.slice(arrow[0].length) };
}

function direction(back: boolean, head: boolean, label: string): "forward" | "backward" | undefined {
  if (back === head) return undefined;
  const forward = head !== REVERSED_LABEL.test(label);
  return forward ? "forward" : "backward";
}
