/**
 * Seeded workflow graph shapes for the layout bench and the layout tests: the shapes real
 * workflows take (fans, chains, random DAGs, layered ML pipelines, independent jobs), as
 * `GraphModel`s, so layout can be measured and checked without parsing YAML.
 */
import type { GraphEdge, GraphModel, GraphNode } from '../src/core/graph/graph-model.js';

/** mulberry32: small, fast and the same on every platform, so a seed names one graph. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function node(id: string): GraphNode {
  return { id, label: id, host: 'local', hostKind: 'local', command: 'true', status: 'waiting', fill: '#e0e0e0' };
}

function model(ids: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): GraphModel {
  const edges: GraphEdge[] = pairs.map(([source, target]) => ({ id: JSON.stringify([source, target]), source, target }));
  return { nodes: ids.map(node), edges };
}

/** `count` jobs with no needs. */
export function independent(count: number): GraphModel {
  return model(Array.from({ length: count }, (_, i) => `j${i}`), []);
}

/** j0 -> j1 -> ... */
export function chain(count: number): GraphModel {
  const ids = Array.from({ length: count }, (_, i) => `j${i}`);
  return model(ids, ids.slice(1).map((id, i) => [ids[i]!, id] as const));
}

/** start -> `count` jobs -> final. */
export function fan(count: number): GraphModel {
  const ids = Array.from({ length: count }, (_, i) => `j${i}`);
  return model(['start', ...ids, 'final'], ids.flatMap((id) => [['start', id] as const, [id, 'final'] as const]));
}

/**
 * Each job needs 0, 1 or 2 earlier jobs (one on average), picked uniformly: long edges across
 * many layers, the hardest common case for a layered layout.
 */
export function randomDag(count: number, seed = 1): GraphModel {
  const random = seededRandom(seed);
  const ids = Array.from({ length: count }, (_, i) => `j${i}`);
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 1; i < count; i++) {
    const needs = new Set<number>();
    const k = Math.floor(random() * 3);
    for (let n = 0; n < k; n++) needs.add(Math.floor(random() * i));
    for (const s of needs) pairs.push([ids[s]!, ids[i]!]);
  }
  return model(ids, pairs);
}

/**
 * fetch -> `prep` preprocess jobs -> `train` train jobs (each needing a few preprocess jobs) ->
 * analyse -> report: the ML pipeline shape with its wide middle layers.
 */
export function mlPipeline(prep: number, train: number, seed = 1): GraphModel {
  const random = seededRandom(seed);
  const preps = Array.from({ length: prep }, (_, i) => `prep${i}`);
  const trains = Array.from({ length: train }, (_, i) => `train${i}`);
  const pairs: Array<readonly [string, string]> = preps.map((p) => ['fetch', p] as const);
  for (const t of trains) {
    const needs = new Set([Math.floor(random() * prep), Math.floor(random() * prep), Math.floor(random() * prep)]);
    for (const p of needs) pairs.push([preps[p]!, t]);
    pairs.push([t, 'analyse']);
  }
  pairs.push(['analyse', 'report']);
  return model(['fetch', ...preps, ...trains, 'analyse', 'report'], pairs);
}

/** Several pipelines side by side plus chains and solo jobs: many connected components. */
export function mixed(count: number, seed = 1): GraphModel {
  const parts = [
    mlPipeline(Math.floor(count / 8), Math.floor(count / 8), seed),
    chain(Math.floor(count / 10)),
    randomDag(Math.floor(count / 2), seed + 1),
    independent(Math.floor(count / 10)),
  ];
  const nodes = parts.flatMap((m, p) => m.nodes.map((n) => node(`p${p}.${n.id}`)));
  const edges = parts.flatMap((m, p) => m.edges.map((e) => ({ id: `p${p}.${e.id}`, source: `p${p}.${e.source}`, target: `p${p}.${e.target}` })));
  return { nodes, edges };
}
