import assert from 'node:assert/strict';
import { withEditor } from './harness/editor-page.js';
import { quickstartView } from './harness/views.js';

describe('robustness', () => {
  it('ignores malformed and unknown messages, before and after init', async () => {
    await withEditor({}, async (editor) => {
      const view = quickstartView();
      const junk: unknown[] = [
        null, 42, 'init', [], {}, { type: 'nope' }, { type: 'init' }, { type: 'init', view: {}, capabilities: {} },
        { type: 'view', view: { ...view, graph: { nodes: 'x', edges: [] } } },
        { type: 'runState', runId: 'r', jobs: [{ job: 'fetch', status: 'exploded', fill: '#fff' }] },
        { type: 'runState', jobs: [] }, { type: 'select', job: 7 }, { type: 'editFailed' }, { type: 'capabilities', capabilities: { editable: 'yes' } },
      ];
      for (const m of junk) await editor.send(m);
      await editor.page.waitForTimeout(50);
      assert.equal(await editor.page.locator('ccwf-editor .loading').count(), 1, 'still waiting for a real init');

      await editor.send({ type: 'init', view, capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(3);
      for (const m of junk) await editor.send(m);
      await editor.page.waitForTimeout(50);
      await editor.node('fetch').click();
      await editor.waitForPosted({ type: 'selectJob', job: 'fetch' });
      assert.equal(await editor.node('fetch').getAttribute('data-status'), 'waiting');
    });
  });

  it('draws an empty workflow and odd job names', async () => {
    await withEditor({}, async (editor) => {
      const empty = { version: 1, format: 'ccwf', graph: { nodes: [], edges: [] }, cells: [], hosts: ['local'], problems: [] };
      await editor.send({ type: 'init', view: empty, capabilities: { editable: true, canRun: true } });
      await editor.page.locator('ccwf-graph .message').waitFor();
      assert.match((await editor.page.locator('ccwf-graph .message').textContent()) ?? '', /No jobs yet/);

      const names = ['a"b', '<script>', 'x'.repeat(120), '日本語のジョブ'];
      const nodes = names.map((id) => ({ id, label: id, host: 'local', hostKind: 'local', command: 'echo', status: 'waiting', fill: '#e0e0e0' }));
      const edges = [{ id: JSON.stringify([names[0], names[1]]), source: names[0]!, target: names[1]! }];
      const cells = names.map((name, i) => ({ name, host: 'local', hostKind: 'local', commandKey: 'run', command: 'echo', needs: i === 1 ? [names[0]] : [], line: i }));
      await editor.send({ type: 'view', view: { ...empty, version: 2, graph: { nodes, edges }, cells } });
      await editor.waitForNodes(4);
      assert.equal(await editor.page.locator('ccwf-graph g.node[data-job="<script>"] text.heading').textContent(), '<script>');
    });
  });
});
