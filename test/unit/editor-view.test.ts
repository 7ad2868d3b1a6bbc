import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildView, jobAt } from '../../src/extension/editor/build-view.js';
import { parseFromWebview } from '../../src/protocol/messages.js';
import { EXAMPLES } from './helpers.js';

const QUICKSTART = readFileSync(join(EXAMPLES, 'quickstart/quickstart.ccwf'), 'utf8');

describe('workflow editor view', () => {
  it('lists the quickstart jobs as cells in run order with their commands, needs and lines', () => {
    const { view } = buildView(QUICKSTART, 7);
    assert.equal(view.version, 7);
    assert.equal(view.format, 'ccwf');
    assert.deepEqual(view.cells.map((c) => [c.name, c.commandKey, c.command, c.needs, c.line]), [
      ['fetch', 'script', 'fetch.sh', [], 6],
      ['train', 'script', 'train.py', ['fetch'], 9],
      ['report', 'script', 'report.ipynb', ['train'], 17],
    ]);
    assert.deepEqual(view.graph.edges.map((e) => [e.source, e.target]), [['fetch', 'train'], ['train', 'report']]);
    assert.deepEqual(view.problems, []);
  });

  it('orders cells by dependencies, not by file order, and puts a cycle last', () => {
    const { view } = buildView('jobs:\n  c: {run: c, needs: [b]}\n  b: {run: b, needs: [a]}\n  a: {run: a}\n  x: {run: x, needs: [y]}\n  y: {run: y, needs: [x]}\n', 1);
    assert.deepEqual(view.cells.map((c) => c.name), ['a', 'b', 'c', 'x', 'y']);
    assert.ok(view.problems.some((p) => p.severity === 'error' && /cycle/i.test(p.message)));
  });

  it('reports problems with their line and still draws what it could read', () => {
    const { view } = buildView('jobs:\n  a:\n    run: echo a\n  b:\n    needs: [aa]\n    run: echo b\n', 1);
    assert.deepEqual(view.cells.map((c) => c.name), ['a', 'b']);
    const problem = view.problems.find((p) => /aa/.test(p.message));
    assert.ok(problem, JSON.stringify(view.problems));
    assert.equal(problem.line, 4);
  });

  it('marks cloudmesh-cc workflows so the editor shows them read-only', () => {
    const text = readFileSync(new URL('../fixtures/cloudmesh/workflow-abc.yaml', import.meta.url), 'utf8');
    const { view } = buildView(text, 1);
    assert.equal(view.format, 'cloudmesh');
    assert.ok(view.cells.length >= 3);
  });

  it('finds the job under the text cursor', () => {
    const { workflow } = buildView(QUICKSTART, 1);
    assert.equal(jobAt(workflow, QUICKSTART.indexOf('train.py')), 'train');
    assert.equal(jobAt(workflow, QUICKSTART.indexOf('  fetch:') + 3), 'fetch');
    assert.equal(jobAt(workflow, 0), undefined);
  });
});

describe('messages from the webview', () => {
  it('accepts each well-formed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'edit', edit: { op: 'addJob', name: 'n', run: 'echo', needs: ['a'] } },
      { type: 'edit', edit: { op: 'setField', job: 'a', key: 'run', value: 'x' } },
      { type: 'edit', edit: { op: 'setField', job: 'a', key: 'description' } },
      { type: 'selectJob', job: 'a' },
      { type: 'openInText' },
      { type: 'command', command: 'runJob', job: 'a' },
      { type: 'error', message: 'boom' },
    ]) assert.deepEqual(parseFromWebview(m), m);
  });

  it('rejects malformed and hostile ones', () => {
    for (const m of [undefined, null, 1, 'ready', [], {}, { type: 'READY' }, { type: 'edit' },
      { type: 'edit', edit: { op: 'addJob', name: '' } }, { type: 'edit', edit: { op: 'addJob', name: 'x', needs: 'a' } },
      { type: 'edit', edit: { op: 'setField', job: 'a', key: 'env', value: 'x' } },
      { type: 'edit', edit: { op: 'renameJob', from: 'a' } }, { type: 'selectJob', job: 3 },
      { type: 'command', command: 'workbench.action.terminal.sendSequence' }, { type: 'command', command: 'runJob', job: {} },
      { type: 'edit', edit: { op: '__proto__' } }]) {
      assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
    }
  });
});
