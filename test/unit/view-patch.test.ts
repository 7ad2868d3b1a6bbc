import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildView } from '../../src/extension/editor/build-view.js';
import { applyViewPatch, diffView } from '../../src/protocol/view-patch.js';
import { EXAMPLES } from './helpers.js';

const QUICKSTART = readFileSync(join(EXAMPLES, 'quickstart/quickstart.ccwf'), 'utf8');
const bigText = (n: number, edit = (name: string) => name) =>
  `name: big\njobs:\n${Array.from({ length: n }, (_, i) => `  ${edit(`j${i}`)}:\n    run: echo j${i}\n${i > 0 ? `    needs: [j${i - 1}]\n` : ''}`).join('')}`;

/** The patch from `a` to `b` (JSON round trip, as it crosses postMessage), applied to `a`. */
function roundTrip(a: string, b: string) {
  const [before, after] = [buildView(a, 1).view, buildView(b, 2).view];
  const patch = diffView(before, after);
  return { before, after, patch, applied: patch && applyViewPatch(before, JSON.parse(JSON.stringify(patch))) };
}

describe('view patches', () => {
  it('say a command edit in one job of a thousand in a few hundred bytes, and apply to exactly the new view', () => {
    const { before, after, patch, applied } = roundTrip(bigText(1000), bigText(1000).replace('echo j500\n', 'echo j500 --fast\n'));
    assert.ok(patch);
    assert.ok(JSON.stringify(patch).length < 1000, `patch of ${JSON.stringify(patch).length} bytes`);
    assert.deepEqual(Object.keys(patch).sort(), ['base', 'cells', 'nodes', 'version']);
    assert.deepEqual(applied, after);
    // Everything unchanged is the old object: the webview skips redrawing it.
    assert.equal(applied!.graph.edges, before.graph.edges);
    assert.equal(applied!.graph.nodes[499], before.graph.nodes[499]);
    assert.notEqual(applied!.graph.nodes[500], before.graph.nodes[500]);
  });

  it('carry renames, new jobs, hosts and problems, and come to the same view', () => {
    for (const next of [
      bigText(50, (n) => (n === 'j0' ? 'j0x' : n)), // j1 now needs a missing job: a problem, an edge less
      bigText(51),
      QUICKSTART.replace('fetch:', 'fetch2:'),
      QUICKSTART.replace('script: train.py', 'script: fit.py'),
    ]) {
      const base = next.startsWith('name: big') ? bigText(50) : QUICKSTART;
      const { after, applied } = roundTrip(base, next);
      assert.deepEqual(applied, after);
    }
  });

  it('are refused for another view, and not made when the title changes', () => {
    const { patch, before } = roundTrip(QUICKSTART, QUICKSTART.replace('script: train.py', 'script: fit.py'));
    assert.equal(applyViewPatch({ ...before, version: 5 }, patch!), undefined);
    assert.equal(applyViewPatch(before, { ...patch!, cells: { changed: [[99, before.cells[0]!]] } }), undefined);
    assert.equal(diffView(buildView(bigText(3), 1).view, buildView(bigText(3).replace('name: big', 'name: other'), 2).view), undefined);
  });
});
