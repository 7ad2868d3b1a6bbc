import assert from 'node:assert/strict';
import { packComponents } from '../../src/core/graph/component-packing.js';
import { buildProperGraph, crossings, orderLayers } from '../../src/core/graph/layer-ordering.js';
import { assignLayers, busiestGap } from '../../src/core/graph/layering.js';
import { randomDag } from '../../bench/graph-shapes.js';

type Pairs = Array<readonly [number, number]>;

const rowsOf = (order: readonly (readonly number[])[]) => {
  const pos = new Float64Array(order.flat().length);
  order.forEach((row) => row.forEach((v, i) => (pos[v] = i)));
  return pos;
};

describe('large-graph layout: layering', () => {
  it('puts each job one row below the lowest job it needs', () => {
    const { layer, layerCount, reversed } = assignLayers(4, [[0, 1], [1, 2], [0, 3], [2, 3]]);
    assert.deepEqual([...layer], [0, 1, 2, 3]);
    assert.equal(layerCount, 4);
    assert.deepEqual(reversed, [false, false, false, false]);
  });

  it('moves a job with more dependents than needs down to just above its highest dependent', () => {
    // 0 -> 1 -> 2 -> 3; 4 feeds only 3; 5 feeds 3 and needs nothing; 6 feeds 2 and 3 (2 out, 0 in).
    const { layer } = assignLayers(7, [[0, 1], [1, 2], [2, 3], [4, 3], [5, 3], [6, 2], [6, 3]]);
    assert.equal(layer[4], 2);
    assert.equal(layer[5], 2);
    assert.equal(layer[6], 1);
    // A job that needs two and is needed by none stays as high as it can.
    assert.equal(assignLayers(3, [[0, 2], [1, 2]]).layer[2], 1);
  });

  it('reverses just enough edges to break cycles, and none in a DAG', () => {
    const cyclic = assignLayers(3, [[0, 1], [1, 2], [2, 0]]);
    assert.equal(cyclic.reversed.filter(Boolean).length, 1);
    const model = randomDag(500, 9);
    const index = new Map(model.nodes.map((n, i) => [n.id, i]));
    const pairs: Pairs = model.edges.map((e) => [index.get(e.source)!, index.get(e.target)!]);
    const { layer, reversed } = assignLayers(500, pairs);
    assert.ok(reversed.every((r) => !r));
    for (const [s, t] of pairs) assert.ok(layer[t]! > layer[s]!);
  });

  it('handles a cycle through 50,000 jobs without overflowing the stack', () => {
    const pairs: Pairs = Array.from({ length: 50_000 }, (_, i) => [i, (i + 1) % 50_000]);
    const { reversed, layerCount } = assignLayers(50_000, pairs);
    assert.equal(reversed.filter(Boolean).length, 1);
    assert.equal(layerCount, 50_000);
  });

  it('counts the edge segments between the busiest pair of rows', () => {
    const allToAll: Pairs = [0, 1, 2].flatMap((s) => [3, 4, 5].map((t) => [s, t] as const));
    assert.equal(busiestGap(assignLayers(6, allToAll), allToAll), 9);
    // 0 -> 1 -> 2 -> 3 and 0 -> 3 crossing every gap.
    const long: Pairs = [[0, 1], [1, 2], [2, 3], [0, 3]];
    assert.equal(busiestGap(assignLayers(4, long), long), 2);
  });
});

describe('large-graph layout: ordering', () => {
  it('counts crossings between adjacent rows', () => {
    const down = [[3], [2], [], []];
    assert.equal(crossings([[0, 1], [2, 3]], down, rowsOf([[0, 1], [2, 3]])), 1);
    assert.equal(crossings([[0, 1], [3, 2]], down, rowsOf([[0, 1], [3, 2]])), 0);
    // Edges sharing an end do not cross.
    assert.equal(crossings([[0, 1], [2]], [[2], [2], []], rowsOf([[0, 1], [2]])), 0);
  });

  it('untangles a twisted graph and splits long edges into one dummy per row', () => {
    // 0 -> 3, 1 -> 2 twisted; 0 -> 4 spans two rows.
    const pairs: Pairs = [[0, 3], [1, 2], [3, 4], [0, 4]];
    const layering = assignLayers(5, pairs);
    const graph = buildProperGraph(5, layering, pairs);
    assert.deepEqual(graph.chains.map((c) => c.length), [2, 2, 2, 3]);
    const rows = orderLayers(graph, layering.layerCount);
    assert.equal(crossings(rows, graph.down, rowsOf(rows)), 0);
  });

  it('leaves jobs the graph does not order in file order', () => {
    const pairs: Pairs = [1, 2, 3, 4, 5].map((t) => [0, t]);
    const layering = assignLayers(6, pairs);
    assert.deepEqual(orderLayers(buildProperGraph(6, layering, pairs), layering.layerCount), [[0], [1, 2, 3, 4, 5]]);
  });
});

describe('large-graph layout: packing components', () => {
  it('packs boxes without overlap, the first at the origin, small ones beside a tall one', () => {
    const boxes = [{ width: 100, height: 2000 }, ...Array.from({ length: 60 }, () => ({ width: 80, height: 50 }))];
    const at = packComponents(boxes, 20);
    assert.deepEqual(at[0], { x: 0, y: 0 });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b, p, q] = [boxes[i]!, boxes[j]!, at[i]!, at[j]!];
        assert.ok(p.x + a.width <= q.x || q.x + b.width <= p.x || p.y + a.height <= q.y || q.y + b.height <= p.y, `${i} overlaps ${j}`);
      }
    }
    assert.ok(at.slice(1).every((p) => p.y < 2000), 'small boxes fill the space beside the tall one');
  });
});
