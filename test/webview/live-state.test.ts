import assert from 'node:assert/strict';
import { withEditor, type EditorPage } from './harness/editor-page.js';
import { quickstartText, quickstartView, viewOf } from './harness/views.js';

const CAPS = { editable: true, canRun: true };

async function openQuickstart(editor: EditorPage): Promise<void> {
  await editor.send({ type: 'init', view: quickstartView(), capabilities: CAPS });
  await editor.waitForNodes(3);
}

const status = (editor: EditorPage, job: string) => editor.node(job).getAttribute('data-status');

describe('live run state', () => {
  it('recolours nodes and shows progress, duration and output without a new layout', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const layouts = await editor.layoutRequests();
      assert.equal(layouts, 1);
      const fill = () => editor.node('train').locator('rect.frame').evaluate((r) => getComputedStyle(r).fill);
      const waitingFill = await fill();

      await editor.send({
        type: 'runState', runId: 'r1', reset: true, jobs: [
          { job: 'fetch', status: 'done', fill: '#81c784', durationMs: 1234, tail: ['wrote data.csv'] },
          { job: 'train', status: 'running', fill: '#64b5f6', progress: 40, durationMs: 5000, tail: ['epoch 2/5'] },
        ],
      });
      await editor.page.waitForFunction(() => document.querySelector('ccwf-editor')?.shadowRoot?.querySelector('ccwf-graph')
        ?.shadowRoot?.querySelector('g.node[data-job="train"]')?.getAttribute('data-status') === 'running');
      assert.equal(await status(editor, 'fetch'), 'done');
      assert.notEqual(await fill(), waitingFill, 'the running node is tinted');
      const bar = editor.node('train').locator('rect.bar');
      const track = editor.node('train').locator('rect.track');
      const ratio = Number(await bar.getAttribute('width')) / Number(await track.getAttribute('width'));
      assert.ok(Math.abs(ratio - 0.4) < 0.01, `bar at 40%, got ${ratio}`);
      assert.equal(await editor.node('train').locator('text.duration').textContent(), '5.0s');
      assert.match((await editor.node('train').getAttribute('aria-label')) ?? '', /running 40%/);
      assert.match((await editor.cell('train').locator('vscode-badge').textContent()) ?? '', /running 40%/);
      assert.equal(await editor.cell('fetch').locator('pre.output').textContent(), 'wrote data.csv');

      // Batches merge; `reset` starts over.
      await editor.send({ type: 'runState', runId: 'r1', jobs: [{ job: 'train', status: 'done', fill: '#81c784', durationMs: 9000 }] });
      await editor.page.waitForTimeout(50);
      assert.equal(await status(editor, 'train'), 'done');
      assert.equal(await status(editor, 'fetch'), 'done');
      assert.equal(await editor.node('train').locator('rect.bar').count(), 0);
      await editor.send({ type: 'runState', runId: 'r2', reset: true, jobs: [{ job: 'report', status: 'submitted', fill: '#ffd54f' }] });
      await editor.page.waitForTimeout(50);
      assert.deepEqual([await status(editor, 'fetch'), await status(editor, 'train'), await status(editor, 'report')], ['waiting', 'waiting', 'submitted']);
      assert.equal(await editor.layoutRequests(), layouts, 'run state never lays out again');
    });
  });

  it('a new view lays out again only when the graph’s shape changed', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const text = quickstartText();
      // Same jobs, edges and sizes: a changed description and script.
      await editor.send({ type: 'view', view: viewOf(text.replace('script: train.py', 'script: fit.py').replace('Fit a line', 'Fit a curve'), 2) });
      await editor.page.waitForTimeout(150);
      assert.equal(await editor.cell('train').locator('vscode-textfield.code-field input').inputValue(), 'fit.py');
      assert.equal(await editor.layoutRequests(), 1);

      // A new job changes the shape.
      await editor.send({ type: 'view', view: viewOf(`${text}  publish:\n    needs: [report]\n    run: echo done\n`, 3) });
      await editor.waitForNodes(4);
      assert.equal(await editor.layoutRequests(), 2);
      assert.equal(await editor.page.locator('ccwf-graph g.edge').count(), 3);
    });
  });
});

describe('views after typing', () => {
  const transformOf = (editor: EditorPage, job: string) => editor.node(job).getAttribute('transform');

  it('applies the changes from the last view (viewPatch); one made for another view asks for everything again', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const after = viewOf(quickstartText().replace('script: train.py', 'script: fit.py'), 2);
      const index = after.cells.findIndex((c) => c.name === 'train');
      await editor.send({ type: 'viewPatch', patch: { base: 1, version: 2, cells: { changed: [[index, after.cells[index]]] } } });
      const field = editor.cell('train').locator('vscode-textfield.code-field input');
      await editor.page.waitForTimeout(150);
      assert.equal(await field.inputValue(), 'fit.py');
      assert.deepEqual(await editor.posted(), [{ type: 'ready' }]);

      // Base 1 no longer matches the view held (version 2): dropped, and `ready` again.
      await editor.send({ type: 'viewPatch', patch: { base: 1, version: 3, cells: { all: [] } } });
      await editor.waitForPosted({ type: 'ready' });
      assert.deepEqual(await editor.posted(), [{ type: 'ready' }, { type: 'ready' }]);
      assert.equal(await editor.page.locator('ccwf-job-cell').count(), 3, 'the bad patch changed nothing');
      assert.equal(await editor.layoutRequests(), 1);
    });
  });

  it('puts a renamed job where the old name stood, without a new layout if the shape is the same', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const where = await transformOf(editor, 'fetch');
      // The webview's own rename changes the needs too: same shape, so no new layout.
      await editor.send({ type: 'view', view: viewOf(quickstartText().replaceAll('fetch:', 'fetcx:').replace('needs: [fetch]', 'needs: [fetcx]'), 2) });
      await editor.waitForNodes(3);
      await editor.node('fetcx').waitFor();
      assert.equal(await transformOf(editor, 'fetcx'), where);
      assert.equal(await editor.page.locator('ccwf-graph g.edge[data-source="fetcx"][data-target="train"]').count(), 1);
      assert.equal(await editor.layoutRequests(), 1);
    });
  });

  it('draws a renamed key at once where it stood while the new shape is laid out', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const where = await transformOf(editor, 'train');
      // Typing in the key alone: report's need dangles, an edge goes, the shape changes.
      // No layout answers from now on: only the provisional placement can draw the new name.
      // (Text, not a function: the test runner's transpiler would add helpers the page lacks.)
      await editor.page.evaluate('Worker.prototype.postMessage = function () {}');
      await editor.send({ type: 'view', view: viewOf(quickstartText().replace('train:', 'trainx:'), 2) });
      await editor.node('trainx').waitFor();
      assert.equal(await transformOf(editor, 'trainx'), where);
      assert.equal(await editor.page.locator('ccwf-graph g.edge').count(), 1);
    });
  });
});
