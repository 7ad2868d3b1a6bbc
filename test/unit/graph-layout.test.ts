import assert from 'node:assert/strict';
import type { GraphModel } from '../../src/core/graph/graph-model.js';
import { isLargeGraph, layoutGraph, type LaidOutGraph, type LayoutOptions } from '../../src/core/graph/elk-layout.js';
import { chain, fan, independent, mixed, mlPipeline, randomDag } from '../../bench/graph-shapes.js';

const EPS = 1e-6;

/**
 * What every layout must give, whichever engine drew it: finite boxes inside the graph, no two
 * jobs on top of each other, every edge routed from its source's border to its target's, and for
 * a DAG every job below the jobs it needs.
 */
function assertSound(model: GraphModel, laid: LaidOutGraph, { acyclic = true } = {}): void {
  assert.equal(laid.nodes.length, model.nodes.length);
  assert.ok(Number.isFinite(laid.width) && Number.isFinite(laid.height));
  for (const n of laid.nodes) {
    if (![n.x, n.y, n.width, n.height].every(Number.isFinite)) assert.fail(`${n.id} has no finite box`);
    if (!(n.width > 0 && n.height > 0)) assert.fail(`${n.id} has no size`);
    if (!(n.x >= -EPS && n.y >= -EPS && n.x + n.width <= laid.width + EPS && n.y + n.height <= laid.height + EPS)) assert.fail(`${n.id} is outside the graph`);
  }
  assertNoOverlaps(laid);
  const byId = new Map(laid.nodes.map((n) => [n.id, n]));
  for (const e of laid.edges) {
    const [s, t] = [byId.get(e.source)!, byId.get(e.target)!];
    if (e.points.length < 2) assert.fail(`${e.id} has no route`);
    for (const p of e.points) {
      const inside = Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= -EPS && p.y >= -EPS && p.x <= laid.width + EPS && p.y <= laid.height + EPS;
      if (!inside) assert.fail(`${e.id} leaves the graph`);
    }
    const [first, last] = [e.points[0]!, e.points.at(-1)!];
    if (!onBorder(first, s)) assert.fail(`${e.id} does not start on ${s.id}'s border`);
    if (!onBorder(last, t)) assert.fail(`${e.id} does not end on ${t.id}'s border`);
    if (!acyclic) continue;
    if (!(t.y > s.y + s.height)) assert.fail(`${t.id} is not below ${s.id}`);
    if (Math.abs(first.y - (s.y + s.height)) >= 1) assert.fail(`${e.id} does not leave ${s.id} at its bottom`);
    if (Math.abs(last.y - t.y) >= 1) assert.fail(`${e.id} does not enter ${t.id} at its top`);
  }
}

function onBorder(p: { x: number; y: number }, box: { x: number; y: number; width: number; height: number }): boolean {
  const within = (v: number, from: number, size: number) => v >= from - 1 && v <= from + size + 1;
  const near = (v: number, at: number) => Math.abs(v - at) < 1;
  return (
    ((near(p.y, box.y) || near(p.y, box.y + box.height)) && within(p.x, box.x, box.width)) ||
    ((near(p.x, box.x) || near(p.x, box.x + box.width)) && within(p.y, box.y, box.height))
  );
}

/** Jobs bucketed in a grid, so 10,000 jobs (even a chain, all in one column) cost far less than all pairs. */
function assertNoOverlaps(laid: LaidOutGraph): void {
  const CELL = 256;
  const cells = new Map<string, number[]>();
  laid.nodes.forEach((n, i) => {
    for (let cx = Math.floor(n.x / CELL); cx <= Math.floor((n.x + n.width) / CELL); cx++) {
      for (let cy = Math.floor(n.y / CELL); cy <= Math.floor((n.y + n.height) / CELL); cy++) {
        const key = `${cx},${cy}`;
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key)!.push(i);
      }
    }
  });
  for (const members of cells.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [laid.nodes[members[i]!]!, laid.nodes[members[j]!]!];
        const overlap = a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;
        if (overlap) assert.fail(`${a.id} and ${b.id} overlap`);
      }
    }
  }
}

/** `model` with every `every`-th edge also drawn backwards, and some self-loops: a broken file can make jobs need each other. */
function withCycles(model: GraphModel, every: number): GraphModel {
  const back = model.edges.filter((_, i) => i % every === 0).map((e) => ({ id: `back ${e.id}`, source: e.target, target: e.source }));
  const loops = model.nodes.filter((_, i) => i % (every * 3) === 0).map((n) => ({ id: `loop ${n.id}`, source: n.id, target: n.id }));
  return { nodes: model.nodes, edges: [...model.edges, ...back, ...loops] };
}

const SMALL: Record<string, () => GraphModel> = {
  'ML pipeline 8 x 8': () => mlPipeline(8, 8),
  'random DAG of 60': () => randomDag(60, 7),
  'fan of 40': () => fan(40),
  'chain of 100': () => chain(100),
  'mixed 120': () => mixed(120),
};

const LARGE: Record<string, () => GraphModel> = {
  'a random DAG of 1,000': () => randomDag(1000, 3),
  'an ML pipeline of 300 x 300': () => mlPipeline(300, 300),
  'a fan of 1,000': () => fan(1000),
  'a chain of 2,000': () => chain(2000),
  '1,000 independent jobs': () => independent(1000),
  'a mix of 2,000': () => mixed(2000),
  // Small, but too dense for ELK's edge routing.
  '15 jobs all needing the same 15': () => allToAll(15, 15),
};

function allToAll(a: number, b: number): GraphModel {
  const { nodes } = independent(a + b);
  const edges = [];
  for (let i = 0; i < a; i++) for (let j = a; j < a + b; j++) edges.push({ id: `${i} ${j}`, source: `j${i}`, target: `j${j}` });
  return { nodes, edges };
}

async function layoutTwice(model: GraphModel, options: LayoutOptions): Promise<LaidOutGraph> {
  const laid = await layoutGraph(model, options);
  assert.deepEqual(await layoutGraph(model, options), laid, 'layout is not deterministic');
  return laid;
}

describe('graph layout at every size', () => {
  for (const [name, make] of Object.entries(SMALL)) {
    it(`ELK lays out a small graph (${name}) soundly, and so does the large-graph layout`, async () => {
      const model = make();
      assert.equal(isLargeGraph(model), false);
      assertSound(model, await layoutTwice(model, {}));
      assertSound(model, await layoutTwice(model, { engine: 'layered' }));
    });
  }

  for (const [name, make] of Object.entries(LARGE)) {
    it(`the large-graph layout takes ${name} and lays it out soundly`, async () => {
      const model = make();
      assert.equal(isLargeGraph(model), true);
      assertSound(model, await layoutTwice(model, {}));
    });
  }

  it('lays out a random DAG of 10,000 jobs soundly', async () => {
    const model = randomDag(10_000, 1);
    assert.equal(isLargeGraph(model), true);
    assertSound(model, await layoutGraph(model));
  });

  it('survives cycles and self-loops, small and large, without hanging or throwing', async () => {
    const cases: Array<[GraphModel, LayoutOptions]> = [
      [withCycles(mlPipeline(4, 4), 3), {}],
      [withCycles(mlPipeline(4, 4), 3), { engine: 'layered' }],
      [withCycles(randomDag(2000, 5), 7), {}],
      // One cycle through 10,000 jobs: a recursive search would overflow the stack.
      [{ nodes: chain(10_000).nodes, edges: [...chain(10_000).edges, { id: 'back', source: 'j9999', target: 'j0' }] }, {}],
    ];
    for (const [model, options] of cases) assertSound(model, await layoutGraph(model, options), { acyclic: false });
  });

  it('draws a cycle-closing edge upwards from its source and a self-loop beside its job', async () => {
    const { nodes } = independent(3);
    const edges = [['j0', 'j1'], ['j1', 'j2'], ['j2', 'j0'], ['j1', 'j1']].map(([source, target]) => ({ id: `${source} ${target}`, source: source!, target: target! }));
    const laid = await layoutGraph({ nodes, edges }, { engine: 'layered' });
    const [j0, , j2] = laid.nodes;
    const back = laid.edges.find((e) => e.id === 'j2 j0')!;
    assert.ok(j2!.y > j0!.y);
    assert.ok(Math.abs(back.points[0]!.y - j2!.y) < EPS, 'leaves the top of its source');
    assert.ok(Math.abs(back.points.at(-1)!.y - (j0!.y + j0!.height)) < EPS, 'enters the bottom of its target');
    const loop = laid.edges.find((e) => e.id === 'j1 j1')!;
    assert.ok(loop.points.some((p) => p.x > laid.nodes[1]!.x + laid.nodes[1]!.width), 'goes round the side of its job');
  });

  it('keeps edges to missing jobs out, and lays out an empty graph and parallel edges', async () => {
    const model: GraphModel = {
      nodes: independent(2).nodes,
      edges: [
        { id: 'a', source: 'j0', target: 'j1' },
        { id: 'b', source: 'j0', target: 'j1' },
        { id: 'ghost', source: 'j0', target: 'nobody' },
      ],
    };
    const laid = await layoutGraph(model, { engine: 'layered' });
    assert.deepEqual(laid.edges.map((e) => e.id), ['a', 'b']);
    assert.notDeepEqual(laid.edges[0]!.points, laid.edges[1]!.points, 'parallel edges drawn on top of each other');
    const empty = await layoutGraph({ nodes: [], edges: [] }, { engine: 'layered' });
    assert.deepEqual([empty.nodes, empty.edges], [[], []]);
    assert.ok(Number.isFinite(empty.width) && Number.isFinite(empty.height));
  });

  it('spreads the edges of a job along its border instead of through one point', async () => {
    const laid = await layoutGraph(fan(500));
    const starts = laid.edges.filter((e) => e.source === 'start').map((e) => e.points[0]!.x);
    assert.equal(new Set(starts).size, starts.length);
  });

  it('packs independent jobs into a block rather than one long row', async () => {
    const laid = await layoutGraph(independent(1000));
    assert.ok(laid.width / laid.height > 0.5 && laid.width / laid.height < 4, `${laid.width} x ${laid.height}`);
  });

  it('keeps jobs the graph does not order in file order', async () => {
    const laid = await layoutGraph(fan(500));
    const xs = laid.nodes.filter((n) => n.id !== 'start' && n.id !== 'final').map((n) => n.x);
    assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  });
});
