/**
 * Layer assignment for the large-graph layout (see layered-layout.ts): which row each job goes
 * in. Vertices are 0..count-1 and edges [source, target] pairs without self-loops.
 */

export interface Layering {
  /** Row of each vertex, 0 at the top. */
  readonly layer: Int32Array;
  readonly layerCount: number;
  /** Per edge: it closes a cycle, so it is laid out from target to source (only a broken file has one). */
  readonly reversed: readonly boolean[];
}

export function assignLayers(count: number, edges: ReadonlyArray<readonly [number, number]>): Layering {
  const { reversed, finish } = breakCycles(count, edges);
  const ins: number[][] = Array.from({ length: count }, () => []);
  const outs: number[][] = Array.from({ length: count }, () => []);
  edges.forEach(([s, t], i) => {
    const [from, to] = reversed[i] ? [t, s] : [s, t];
    outs[from]!.push(to);
    ins[to]!.push(from);
  });
  const layer = new Int32Array(count);
  // Longest path from the sources: every job sits one row below the lowest job it needs.
  for (let i = count - 1; i >= 0; i--) {
    const v = finish[i]!;
    for (const u of ins[v]!) layer[v] = Math.max(layer[v]!, layer[u]! + 1);
  }
  // That leaves every source in row 0, far above the job that needs it. Moving a vertex with more
  // outgoing than incoming edges down to just above its highest successor shortens the edges in
  // total (the idea behind network-simplex layering, in one cheap pass). Sinks first, so a vertex
  // sees the final rows of its successors.
  for (const v of finish) {
    if (outs[v]!.length <= ins[v]!.length) continue;
    let highest = Infinity;
    for (const w of outs[v]!) highest = Math.min(highest, layer[w]!);
    layer[v] = Math.max(layer[v]!, highest - 1);
  }
  let layerCount = 0;
  for (const l of layer) layerCount = Math.max(layerCount, l + 1);
  return { layer, layerCount, reversed };
}

/**
 * Depth-first search in file order; an edge back to a vertex still on the stack closes a cycle
 * and is reversed. Reversing exactly those edges leaves a DAG in which every edge runs from a
 * later-finishing vertex to an earlier one, so reverse finishing order is a topological order.
 * Iterative: a chain of 10,000 jobs must not overflow the stack (as ELK's recursion does).
 */
function breakCycles(count: number, edges: ReadonlyArray<readonly [number, number]>): { reversed: boolean[]; finish: number[] } {
  const outEdges: number[][] = Array.from({ length: count }, () => []);
  edges.forEach(([s], i) => outEdges[s]!.push(i));
  const reversed = new Array<boolean>(edges.length).fill(false);
  const finish: number[] = [];
  const state = new Uint8Array(count); // 0 unseen, 1 on the stack, 2 finished
  const stack: number[] = [];
  const next: number[] = [];
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    stack.push(root);
    next.push(0);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const v = stack[top]!;
      const k = next[top]!;
      if (k === outEdges[v]!.length) {
        state[v] = 2;
        finish.push(v);
        stack.pop();
        next.pop();
        continue;
      }
      next[top] = k + 1;
      const e = outEdges[v]![k]!;
      const w = edges[e]![1];
      if (state[w] === 1) reversed[e] = true;
      else if (state[w] === 0) {
        state[w] = 1;
        stack.push(w);
        next.push(0);
      }
    }
  }
  return { reversed, finish };
}

/** The most edge segments between two adjacent rows; an edge spanning k rows counts in each gap. */
export function busiestGap(layering: Layering, edges: ReadonlyArray<readonly [number, number]>): number {
  const load = new Int32Array(layering.layerCount + 1);
  for (const [s, t] of edges) {
    const [a, b] = [layering.layer[s]!, layering.layer[t]!];
    load[Math.min(a, b)]!++;
    load[Math.max(a, b)]!--;
  }
  let [running, most] = [0, 0];
  for (const change of load) most = Math.max(most, (running += change));
  return most;
}
