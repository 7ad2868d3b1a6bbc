/**
 * Horizontal placement for the large-graph layout: centres of the vertices of ordered rows.
 *
 * It minimises the sum over edge segments of weight * (dx)^2 with every row kept in order and
 * apart by at least the spacing, by solving one row at a time exactly while the others stay put
 * (block coordinate descent, so every pass can only improve the picture). A row's problem is a
 * weighted isotonic regression, solved in linear time by pool-adjacent-violators.
 */
import type { ProperGraph } from './layer-ordering.js';

const NODE_GAP = 24;
/** Between an edge passing through a row and its neighbours: edges need less room than jobs. */
const EDGE_GAP = 12;
/** Alternating downward and upward passes; later passes move things by less than a pixel. */
const PASSES = 8;

/**
 * Segment weights as in Gansner et al.'s dot: a segment between two dummies (the middle of a long
 * edge) pulls hardest, so long edges run straight instead of zigzagging through the rows.
 */
function weight(graph: ProperGraph, a: number, b: number): number {
  const dummies = (a >= graph.realCount ? 1 : 0) + (b >= graph.realCount ? 1 : 0);
  return dummies === 2 ? 8 : dummies === 1 ? 2 : 1;
}

export function placeVertices(graph: ProperGraph, rows: readonly (readonly number[])[], width: (v: number) => number): Float64Array {
  const x = new Float64Array(graph.layer.length);
  const offsets = rows.map((row) => {
    const o = new Float64Array(row.length);
    for (let i = 1; i < row.length; i++) {
      const [a, b] = [row[i - 1]!, row[i]!];
      const gap = a < graph.realCount && b < graph.realCount ? NODE_GAP : EDGE_GAP;
      o[i] = o[i - 1]! + (width(a) + width(b)) / 2 + gap;
    }
    // Start with every row packed and centred on 0.
    row.forEach((v, i) => (x[v] = o[i]! - o[row.length - 1]! / 2));
    return o;
  });
  const longest = rows.reduce((most, row) => Math.max(most, row.length), 0);
  const scratch = { target: new Float64Array(longest), weight: new Float64Array(longest), out: new Float64Array(longest) };
  for (let pass = 0; pass < PASSES; pass++) {
    for (let k = 0; k < rows.length; k++) {
      const l = pass % 2 === 0 ? k : rows.length - 1 - k;
      solveRow(graph, rows[l]!, offsets[l]!, x, scratch);
    }
  }
  return x;
}

interface Scratch {
  readonly target: Float64Array;
  readonly weight: Float64Array;
  readonly out: Float64Array;
}

/** With y = x - offset the spacing constraints become y nondecreasing along the row. */
function solveRow(graph: ProperGraph, row: readonly number[], offsets: Float64Array, x: Float64Array, s: Scratch): void {
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    let sum = 0;
    let total = 0;
    for (const side of [graph.up[v]!, graph.down[v]!]) {
      for (const n of side) {
        const w = weight(graph, v, n);
        sum += w * x[n]!;
        total += w;
      }
    }
    // A vertex with no neighbours (a lone job) only wants to stay where it is.
    s.target[i] = (total > 0 ? sum / total : x[v]!) - offsets[i]!;
    s.weight[i] = total > 0 ? total : 1e-6;
  }
  isotonic(row.length, s);
  for (let i = 0; i < row.length; i++) x[row[i]!] = s.out[i]! + offsets[i]!;
}

/** Pool adjacent violators: the nondecreasing sequence closest to `target` in weighted squares. */
function isotonic(n: number, s: Scratch): void {
  const sums: number[] = [];
  const weights: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    sums.push(s.weight[i]! * s.target[i]!);
    weights.push(s.weight[i]!);
    sizes.push(1);
    while (sums.length > 1 && sums.at(-2)! / weights.at(-2)! >= sums.at(-1)! / weights.at(-1)!) {
      const [sum, w, size] = [sums.pop()!, weights.pop()!, sizes.pop()!];
      sums[sums.length - 1]! += sum;
      weights[weights.length - 1]! += w;
      sizes[sizes.length - 1]! += size;
    }
  }
  let i = 0;
  sizes.forEach((size, b) => {
    const mean = sums[b]! / weights[b]!;
    for (let k = 0; k < size; k++) s.out[i++] = mean;
  });
}
