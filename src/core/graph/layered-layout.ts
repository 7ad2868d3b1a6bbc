/**
 * Our own layered (Sugiyama-style) layout, for graphs too big for ELK to lay out while a person
 * waits (see isLargeGraph in large-graph.ts): longest-path layering, barycenter ordering, placement
 * by block coordinate descent, polyline edges. Each step costs about linear time in the jobs plus
 * the rows their edges cross (n log n for sorting); each connected component is laid out on its
 * own and the components are packed beside each other.
 */
import { nodeSize, type GraphModel } from './graph-model.js';
import { packComponents, type Size } from './component-packing.js';
import { buildProperGraph, orderLayers } from './layer-ordering.js';
import { placeVertices } from './layer-placement.js';
import { assignLayers } from './layering.js';
import { drawnEdges, type LaidOutEdge, type LaidOutGraph, type LaidOutNode, type Point } from './layout-types.js';

/** The same spacing as the ELK options, so both engines' pictures look alike. */
const LAYER_GAP = 40;
const COMPONENT_GAP = 24;
const PADDING = 16;
/** How far a self-loop (a job needing itself, a file error) sticks out of its node. */
const LOOP = 10;

interface Component {
  /** Node indices, in file order. */
  readonly nodes: number[];
  /** Edge indices, in file order. */
  readonly edges: number[];
}

interface ComponentLayout extends Size {
  /** Top-left corners, in `Component.nodes` order, relative to the component's box. */
  readonly nodes: Point[];
  /** In `Component.edges` order. */
  readonly routes: Point[][];
}

export function layoutLayered(model: GraphModel): LaidOutGraph {
  const index = new Map(model.nodes.map((n, i) => [n.id, i]));
  const sizes = model.nodes.map(nodeSize);
  const edges = drawnEdges(model);
  const pairs = edges.map((e) => [index.get(e.source)!, index.get(e.target)!] as const);
  const components = connectedComponents(model.nodes.length, pairs);
  const layouts = components.map((c) => layoutComponent(c, sizes, pairs));
  const corners = packComponents(layouts, COMPONENT_GAP);
  const at: Point[] = new Array(model.nodes.length);
  const routes: Point[][] = new Array(edges.length);
  let [width, height] = [0, 0];
  components.forEach((component, k) => {
    const [layout, corner] = [layouts[k]!, corners[k]!];
    const move = (p: Point): Point => ({ x: p.x + corner.x + PADDING, y: p.y + corner.y + PADDING });
    component.nodes.forEach((v, i) => (at[v] = move(layout.nodes[i]!)));
    component.edges.forEach((e, i) => (routes[e] = layout.routes[i]!.map(move)));
    width = Math.max(width, corner.x + layout.width);
    height = Math.max(height, corner.y + layout.height);
  });
  const nodes = model.nodes.map((node, i): LaidOutNode => ({ ...node, ...at[i]!, ...sizes[i]! }));
  const laidEdges = edges.map((edge, i): LaidOutEdge => ({ ...edge, points: routes[i]! }));
  return { ...(model.title === undefined ? {} : { title: model.title }), nodes, edges: laidEdges, width: width + 2 * PADDING, height: height + 2 * PADDING };
}

/** Union-find; components ordered by their first job in the file. */
function connectedComponents(count: number, pairs: ReadonlyArray<readonly [number, number]>): Component[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const root = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (const [s, t] of pairs) parent[root(s)] = root(t);
  const byRoot = new Map<number, Component>();
  for (let v = 0; v < count; v++) {
    const r = root(v);
    if (!byRoot.has(r)) byRoot.set(r, { nodes: [], edges: [] });
    byRoot.get(r)!.nodes.push(v);
  }
  pairs.forEach(([s], e) => byRoot.get(root(s))!.edges.push(e));
  return [...byRoot.values()];
}

function layoutComponent(component: Component, sizes: readonly Size[], pairs: ReadonlyArray<readonly [number, number]>): ComponentLayout {
  const size = (v: number) => sizes[component.nodes[v]!]!;
  // Most jobs of a big workflow may be independent: skip the machinery for them.
  if (component.edges.length === 0) return { ...size(0), nodes: [{ x: 0, y: 0 }], routes: [] };
  const local = new Map(component.nodes.map((v, i) => [v, i]));
  const ends = component.edges.map((e) => [local.get(pairs[e]![0])!, local.get(pairs[e]![1])!] as const);
  const between = ends.filter(([s, t]) => s !== t);
  const layering = assignLayers(component.nodes.length, between);
  const graph = buildProperGraph(component.nodes.length, layering, between);
  const rows = orderLayers(graph, layering.layerCount);
  const realCount = component.nodes.length;
  const centre = placeVertices(graph, rows, (v) => (v < realCount ? size(v).width : 0));
  // Rows as tall as their tallest job; jobs top-aligned so a row reads as a line.
  const rowHeight = rows.map((row) => row.reduce((tallest, v) => (v < realCount ? Math.max(tallest, size(v).height) : tallest), 0));
  const rowTop: number[] = [];
  for (let l = 0, top = 0; l < rows.length; top += rowHeight[l++]! + LAYER_GAP) rowTop.push(top);
  const boxes = component.nodes.map((_, v) => ({ x: centre[v]! - size(v).width / 2, y: rowTop[graph.layer[v]!]!, ...size(v) }));
  const ports = portPositions(graph.chains, boxes, centre);
  let chain = 0;
  const routes = ends.map(([s, t]): Point[] => {
    if (s === t) return selfLoop(boxes[s]!);
    const c = chain++;
    const vertices = graph.chains[c]!;
    const points: Point[] = [{ x: ports.out[c]!, y: boxes[vertices[0]!]!.y + boxes[vertices[0]!]!.height }];
    for (const d of vertices.slice(1, -1)) {
      const l = graph.layer[d]!;
      points.push({ x: centre[d]!, y: rowTop[l]! }, { x: centre[d]!, y: rowTop[l]! + rowHeight[l]! });
    }
    points.push({ x: ports.in[c]!, y: boxes[vertices.at(-1)!]!.y });
    // A cycle-closing edge was laid out upside down; its route must still start at its source.
    return layering.reversed[c] ? points.reverse() : points;
  });
  return normalise(boxes, routes);
}

/**
 * Where each edge leaves its upper job's bottom and enters its lower job's top: spread along the
 * border in the order of the other ends, so a job with many edges does not funnel them all
 * through one point and edges leave without crossing each other. Both lists are indexed like `chains`.
 */
function portPositions(chains: readonly number[][], boxes: readonly (Point & Size)[], centre: Float64Array): { out: number[]; in: number[] } {
  const out: number[] = [];
  const into: number[] = [];
  const spread = (side: 'out' | 'in') => {
    const byVertex = new Map<number, number[]>();
    chains.forEach((c, i) => {
      const v = side === 'out' ? c[0]! : c.at(-1)!;
      if (!byVertex.has(v)) byVertex.set(v, []);
      byVertex.get(v)!.push(i);
    });
    for (const [v, list] of byVertex) {
      const other = (i: number) => centre[side === 'out' ? chains[i]![1]! : chains[i]!.at(-2)!]!;
      list.sort((a, b) => other(a) - other(b) || a - b);
      list.forEach((i, k) => ((side === 'out' ? out : into)[i] = boxes[v]!.x + (boxes[v]!.width * (k + 1)) / (list.length + 1)));
    }
  };
  spread('out');
  spread('in');
  return { out, in: into };
}

/** Out of the bottom, round the right-hand side, into the top. */
function selfLoop(box: Point & Size): Point[] {
  const [inside, outside] = [box.x + box.width - LOOP, box.x + box.width + LOOP];
  const [bottom, top] = [box.y + box.height, box.y];
  return [
    { x: inside, y: bottom },
    { x: inside, y: bottom + LOOP },
    { x: outside, y: bottom + LOOP },
    { x: outside, y: top - LOOP },
    { x: inside, y: top - LOOP },
    { x: inside, y: top },
  ];
}

/** Moves everything so the component's box (jobs and edges) starts at 0,0. */
function normalise(boxes: readonly (Point & Size)[], routes: Point[][]): ComponentLayout {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  const include = (x: number, y: number) => {
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  };
  for (const b of boxes) include(b.x, b.y), include(b.x + b.width, b.y + b.height);
  for (const route of routes) for (const p of route) include(p.x, p.y);
  const move = (p: Point): Point => ({ x: p.x - left, y: p.y - top });
  return { width: right - left, height: bottom - top, nodes: boxes.map(move), routes: routes.map((r) => r.map(move)) };
}
