/**
 * The "proper" layered graph of the large-graph layout (edges only between adjacent rows, long
 * edges split by dummy vertices) and the left-to-right order inside each row.
 */
import type { Layering } from './layering.js';

export interface ProperGraph {
  /** Vertices 0..realCount-1 are jobs; the rest are dummies, one per row a long edge crosses. */
  readonly realCount: number;
  readonly layer: readonly number[];
  /** Neighbours in the row above / below. */
  readonly up: readonly number[][];
  readonly down: readonly number[][];
  /** Per input edge: its vertices from the upper end to the lower end. */
  readonly chains: readonly number[][];
}

export function buildProperGraph(realCount: number, layering: Layering, edges: ReadonlyArray<readonly [number, number]>): ProperGraph {
  const layer = Array.from(layering.layer);
  const up: number[][] = Array.from({ length: realCount }, () => []);
  const down: number[][] = Array.from({ length: realCount }, () => []);
  const chains = edges.map(([s, t], i) => {
    const [top, bottom] = layering.reversed[i] ? [t, s] : [s, t];
    const chain = [top];
    for (let l = layer[top]! + 1; l < layer[bottom]!; l++) {
      chain.push(layer.length);
      layer.push(l);
      up.push([]);
      down.push([]);
    }
    chain.push(bottom);
    for (let k = 1; k < chain.length; k++) {
      down[chain[k - 1]!]!.push(chain[k]!);
      up[chain[k]!]!.push(chain[k - 1]!);
    }
    return chain;
  });
  return { realCount, layer, up, down, chains };
}

/** Barycenter sweeps: enough to untangle workflow graphs; more rarely pays for its time. */
const MAX_SWEEPS = 12;
/** Stop after this many sweeps in a row that did not reduce the crossings. */
const PATIENCE = 3;

/**
 * Rows, each a list of vertices left to right. Starts from file order (dummies follow their
 * edge), then alternates downward and upward barycenter sweeps, keeping the order with the
 * fewest crossings. Sorting is stable, so jobs the graph does not order keep their file order
 * and a small edit to the file does not reshuffle the picture.
 */
export function orderLayers(graph: ProperGraph, layerCount: number): number[][] {
  const rows: number[][] = Array.from({ length: layerCount }, () => []);
  graph.layer.forEach((l, v) => rows[l]!.push(v));
  const pos = new Float64Array(graph.layer.length);
  const key = new Float64Array(graph.layer.length);
  const index = () => rows.forEach((row) => row.forEach((v, i) => (pos[v] = i)));
  index();
  let best = rows.map((row) => [...row]);
  let fewest = crossings(rows, graph.down, pos);
  for (let sweep = 0, stale = 0; sweep < MAX_SWEEPS && stale < PATIENCE && fewest > 0; sweep++) {
    const downward = sweep % 2 === 0;
    for (let k = 1; k < layerCount; k++) {
      const l = downward ? k : layerCount - 1 - k;
      rows[l] = byBarycenter(rows[l]!, downward ? graph.up : graph.down, pos, key, rows[downward ? l - 1 : l + 1]!.length);
      rows[l]!.forEach((v, i) => (pos[v] = i));
    }
    const count = crossings(rows, graph.down, pos);
    if (count < fewest) {
      fewest = count;
      best = rows.map((row) => [...row]);
      stale = 0;
    } else stale++;
  }
  return best;
}

/** Positions are scaled to 0..1 so rows of different lengths compare. */
function byBarycenter(row: readonly number[], neighbours: readonly number[][], pos: Float64Array, key: Float64Array, otherLength: number): number[] {
  row.forEach((v, i) => {
    const ns = neighbours[v]!;
    let sum = 0;
    for (const n of ns) sum += pos[n]! + 0.5;
    // A vertex with no neighbours on that side stays where it is.
    key[v] = ns.length > 0 ? sum / ns.length / otherLength : (i + 0.5) / row.length;
  });
  return [...row].sort((a, b) => key[a]! - key[b]!);
}

/**
 * Crossings between all adjacent rows: per pair, the inversions of the lower ends when edges are
 * listed by upper end (Barth, Jünger and Mutzel), counted with a Fenwick tree in O(E log V).
 */
export function crossings(rows: readonly (readonly number[])[], down: readonly number[][], pos: Float64Array): number {
  let total = 0;
  for (let l = 0; l + 1 < rows.length; l++) {
    const size = rows[l + 1]!.length;
    const tree = new Int32Array(size + 1);
    let seen = 0;
    for (const u of rows[l]!) {
      const ends = down[u]!.map((w) => pos[w]!).sort((a, b) => a - b);
      for (const p of ends) {
        // Earlier edges whose lower end is right of p cross this one.
        let atOrLeft = 0;
        for (let i = p + 1; i > 0; i -= i & -i) atOrLeft += tree[i]!;
        total += seen - atOrLeft;
        for (let i = p + 1; i <= size; i += i & -i) tree[i]!++;
        seen++;
      }
    }
  }
  return total;
}
