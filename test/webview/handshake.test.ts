import assert from 'node:assert/strict';
import { withEditor } from './harness/editor-page.js';
import { quickstartView } from './harness/views.js';

const CAPS = { editable: true, canRun: true };

describe('webview handshake', () => {
  it('posts ready first, and nothing else until the host answers', async () => {
    await withEditor({}, async (editor) => {
      await editor.page.waitForTimeout(300);
      assert.deepEqual(await editor.posted(), [{ type: 'ready' }]);
      assert.equal(await editor.page.locator('ccwf-editor .loading').count(), 1, 'shows loading until init');
    });
  });

  it('draws the quickstart after init: every job as a node, every need as an edge', async () => {
    await withEditor({}, async (editor) => {
      const view = quickstartView();
      await editor.send({ type: 'init', view, capabilities: CAPS });
      await editor.waitForNodes(3);
      for (const job of ['fetch', 'train', 'report']) {
        const node = editor.node(job);
        assert.equal(await node.getAttribute('role'), 'button');
        assert.match((await node.getAttribute('aria-label')) ?? '', new RegExp(`^${job}, waiting`));
        assert.equal(await node.locator('text.heading').textContent(), job);
      }
      assert.equal(await editor.page.locator('ccwf-graph g.edge').count(), 2);
      assert.equal(await editor.page.locator('ccwf-graph g.edge[data-source="fetch"][data-target="train"] path.line').count(), 1);
      assert.deepEqual(await editor.page.locator('ccwf-job-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-job'))), ['fetch', 'train', 'report']);
      assert.deepEqual(await editor.posted(), [{ type: 'ready' }], 'drawing posts nothing');
    });
  });
});
