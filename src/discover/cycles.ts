/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so a
 * long chain cannot overflow the stack). Components of more than one node are cycles.
 */
export function stronglyConnected(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; out: string[]; i: number }[] = [];
    const open = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, out: [...(edges.get(node) ?? [])], i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const top = work.at(-1)!;
      if (top.i < top.out.length) {
        const to = top.out[top.i++]!;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** One cycle through the component's members, for the message: `a -> b -> a`. */
export function cycleWithin(component: string[], edges: Map<string, Set<string>>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const path = [start];
  const seen = new Set([start]);
  for (let at = start; ; ) {
    const next = [...(edges.get(at) ?? [])].filter((n) => members.has(n)).sort();
    if (next.includes(start) && path.length > 1) return [...path, start];
    const step = next.find((n) => !seen.has(n)) ?? next[0];
    if (!step || seen.has(step)) return [...path, step ?? start];
    path.push(step);
    seen.add(step);
    at = step;
  }
}
