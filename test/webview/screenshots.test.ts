// Pictures of the editor in the light and dark themes, for a person to look at
// (test-results/webview/). They assert only that the page stays clean while drawing.
import { mkdirSync, readFileSync } from 'node:fs';
import type { JobLiveState } from '../../src/protocol/messages.js';
import { withEditor, type EditorPage } from './harness/editor-page.js';
import type { Theme } from './harness/palettes.js';
import { bigWorkflowText, mixedWorkflowText, quickstartView, viewOf } from './harness/views.js';

const CLOUDMESH = new URL('../fixtures/cloudmesh/workflow-abc.yaml', import.meta.url).pathname;

const OUT = new URL('../../test-results/webview/', import.meta.url).pathname;

const RUN: readonly JobLiveState[] = [
  { job: 'fetch', status: 'done', fill: '#81c784', durationMs: 1800, tail: ['downloaded 3 files', 'wrote raw/ (12 MB)'] },
  { job: 'clean', status: 'done', fill: '#81c784', durationMs: 4200 },
  { job: 'features', status: 'done', fill: '#81c784', durationMs: 61_000 },
  { job: 'train-a', status: 'running', fill: '#64b5f6', progress: 62, durationMs: 95_000, tail: ['epoch 3/5 loss=0.412', 'epoch 4/5 loss=0.377'] },
  { job: 'train-b', status: 'failed', fill: '#e57373', durationMs: 12_000, tail: ['Traceback (most recent call last):', 'RuntimeError: CUDA out of memory'] },
  { job: 'evaluate', status: 'submitted', fill: '#ffd54f' },
];

async function shoot(editor: EditorPage, name: string): Promise<void> {
  // Let fonts (codicons) load and transitions settle.
  await editor.page.evaluate(() => document.fonts.ready);
  await editor.page.waitForTimeout(400);
  await editor.page.screenshot({ path: `${OUT}${name}.png` });
}

describe('screenshots', () => {
  before(() => mkdirSync(OUT, { recursive: true }));

  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`hybrid workflow mid-run (${theme})`, async () => {
      await withEditor({ theme }, async (editor) => {
        const view = viewOf(mixedWorkflowText, 1, [
          { message: 'The script "evaluate.ipynb" does not exist next to the workflow.', line: 28, severity: 'warning' },
        ]);
        await editor.send({ type: 'init', view, capabilities: { editable: true, canRun: true } });
        await editor.waitForNodes(7);
        await editor.send({ type: 'runState', runId: 'r1', jobs: RUN, reset: true });
        await editor.node('train-a').click();
        await shoot(editor, `${theme}-hybrid-running`);
      });
    });

    it(`quickstart, read-only run disabled (${theme})`, async () => {
      await withEditor({ theme, width: 1100, height: 700 }, async (editor) => {
        await editor.send({ type: 'init', view: quickstartView(), capabilities: { editable: true, canRun: false, runDisabledReason: 'Running is disabled in Restricted Mode.' } });
        await editor.waitForNodes(3);
        await shoot(editor, `${theme}-quickstart`);
      });
    });
  }

  it('hybrid workflow mid-run (high contrast)', async () => {
    await withEditor({ theme: 'high-contrast' }, async (editor) => {
      await editor.send({ type: 'init', view: viewOf(mixedWorkflowText), capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(7);
      await editor.send({ type: 'runState', runId: 'r1', jobs: RUN, reset: true });
      await editor.node('train-a').click();
      await shoot(editor, 'high-contrast-hybrid-running');
    });
  });

  it('cloudmesh-cc workflow, read-only (dark)', async () => {
    await withEditor({ theme: 'dark', width: 1100, height: 640 }, async (editor) => {
      const view = viewOf(readFileSync(CLOUDMESH, 'utf8'));
      await editor.send({ type: 'init', view, capabilities: { editable: false, canRun: false, runDisabledReason: 'Convert the workflow to run it from here.' } });
      await editor.waitForNodes(view.graph.nodes.length);
      await shoot(editor, 'dark-cloudmesh-readonly');
    });
  });

  it('narrow editor stacks the panes (light)', async () => {
    await withEditor({ theme: 'light', width: 620, height: 900 }, async (editor) => {
      await editor.send({ type: 'init', view: viewOf(mixedWorkflowText), capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(7);
      await editor.send({ type: 'runState', runId: 'r1', jobs: RUN, reset: true });
      await editor.send({ type: 'select', job: 'evaluate' });
      await shoot(editor, 'light-narrow');
    });
  });

  it('editing: rename, delete confirmation, adding a dependency, a failed edit (dark)', async () => {
    await withEditor({ theme: 'dark', height: 900 }, async (editor) => {
      await editor.send({ type: 'init', view: viewOf(mixedWorkflowText), capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(7);
      await editor.node('fetch').click();
      await editor.page.keyboard.press('F2');
      await editor.cell('fetch').locator('.rename vscode-textfield input').fill('fetch');
      await editor.node('clean').focus();
      await editor.page.keyboard.press('Delete');
      await editor.cell('features').locator('[aria-label="Add dependency"]').click();
      await editor.send({ type: 'editFailed', reason: 'There is already a job named “clean”.' });
      await editor.cell('fetch').scrollIntoViewIfNeeded();
      await shoot(editor, 'dark-editing');
    });
  });

  it('1,000 jobs, fitted (dark)', async function () {
    this.timeout(120_000);
    await withEditor({ theme: 'dark' }, async (editor) => {
      const view = viewOf(bigWorkflowText(1000));
      await editor.send({ type: 'init', view, capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(1000, 110_000);
      await editor.send({ type: 'runState', runId: 'r', reset: true, jobs: view.graph.nodes.slice(0, 400).map((n, i) => ({ job: n.id, status: i < 300 ? 'done' : i % 7 === 0 ? 'failed' : 'running', fill: '#fff', progress: 50 })) });
      await shoot(editor, 'dark-1000-jobs');
      await editor.page.locator('ccwf-editor [aria-label="Zoom in"]').click({ clickCount: 6 });
      await shoot(editor, 'dark-1000-jobs-zoomed');
    });
  });
});
