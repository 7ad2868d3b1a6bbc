import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { withEditor } from './harness/editor-page.js';
import { quickstartView, viewOf } from './harness/views.js';

const REASON = 'Running jobs is disabled in Restricted Mode.';
const CLOUDMESH = new URL('../fixtures/cloudmesh/workflow-abc.yaml', import.meta.url).pathname;

describe('capabilities', () => {
  it('canRun false disables every run button, with the reason as tooltip', async () => {
    await withEditor({}, async (editor) => {
      await editor.send({ type: 'init', view: quickstartView(), capabilities: { editable: true, canRun: false, runDisabledReason: REASON } });
      await editor.waitForNodes(3);
      for (const label of ['Run job', 'Run from here', 'Cancel']) {
        const buttons = editor.page.locator(`ccwf-job-cell vscode-button[aria-label="${label}"]`);
        assert.equal(await buttons.count(), 3);
        for (const b of await buttons.all()) {
          assert.equal(await b.getAttribute('disabled'), '', `${label} disabled`);
          assert.equal(await b.getAttribute('title'), REASON);
          assert.equal(await b.evaluate((el) => el.parentElement!.title), REASON, 'the wrapper shows the tooltip');
        }
      }
      const run = editor.page.locator('ccwf-editor vscode-button[aria-label="Run workflow"]');
      assert.equal(await run.getAttribute('disabled'), '');
      assert.equal(await run.getAttribute('title'), REASON);
      await run.click({ force: true });
      await editor.cell('train').locator('vscode-button[aria-label="Run job"]').click({ force: true });
      assert.equal((await editor.posted()).some((m) => m.type === 'command'), false);

      // Trust granted: the buttons come alive without a new view.
      await editor.send({ type: 'capabilities', capabilities: { editable: true, canRun: true } });
      await editor.page.waitForTimeout(50);
      assert.equal(await editor.cell('train').locator('vscode-button[aria-label="Run job"]').getAttribute('disabled'), null);
      assert.equal(await editor.cell('train').locator('vscode-button[aria-label="Open log"]').getAttribute('disabled'), null);
    });
  });

  it('editable false hides every edit control', async () => {
    await withEditor({}, async (editor) => {
      await editor.send({ type: 'init', view: quickstartView(), capabilities: { editable: false, canRun: true } });
      await editor.waitForNodes(3);
      const count = (selector: string) => editor.page.locator(selector).count();
      assert.equal(await count('ccwf-job-cell vscode-textfield'), 0);
      assert.equal(await count('ccwf-job-cell vscode-textarea'), 0);
      assert.equal(await count('ccwf-job-cell vscode-single-select'), 0);
      assert.equal(await count('[aria-label="Rename job"]'), 0);
      assert.equal(await count('[aria-label="Delete job"]'), 0);
      assert.equal(await count('[aria-label="Add dependency"]'), 0);
      assert.equal(await count('[aria-label^="Remove dependency"]'), 0);
      assert.equal(await count('ccwf-add-job'), 0);
      assert.equal(await count('ccwf-graph circle.port'), 0);
      assert.equal(await editor.cell('fetch').locator('pre.code').textContent(), 'fetch.sh');
      assert.equal(await count('ccwf-editor .banner'), 1, 'says it is read-only');

      // Graph gestures that would edit do nothing.
      await editor.node('train').click();
      await editor.page.keyboard.press('Delete');
      await editor.page.keyboard.press('F2');
      await editor.page.waitForTimeout(50);
      assert.equal((await editor.posted()).some((m) => m.type === 'edit'), false);
    });
  });

  it('a cloudmesh-cc workflow says it is read-only here and offers to convert', async () => {
    await withEditor({}, async (editor) => {
      const view = viewOf(readFileSync(CLOUDMESH, 'utf8'));
      assert.equal(view.format, 'cloudmesh');
      await editor.send({ type: 'init', view, capabilities: { editable: false, canRun: false, runDisabledReason: REASON } });
      await editor.waitForNodes(view.graph.nodes.length);
      const banner = editor.page.locator('ccwf-editor .banner');
      assert.match((await banner.textContent()) ?? '', /cloudmesh-cc workflow — read-only here/);
      await banner.locator('vscode-button[aria-label="Convert to .ccwf"]').click();
      await editor.waitForPosted({ type: 'command', command: 'convert' });
    });
  });
});
