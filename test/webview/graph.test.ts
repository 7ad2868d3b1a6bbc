import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { withEditor, type EditorPage } from './harness/editor-page.js';
import { quickstartView } from './harness/views.js';

const CAPS = { editable: true, canRun: true };

async function openQuickstart(editor: EditorPage): Promise<void> {
  await editor.send({ type: 'init', view: quickstartView(), capabilities: CAPS });
  await editor.waitForNodes(3);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from`, moves in steps to `to`, releases: a real drag. */
async function drag(editor: EditorPage, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const mouse = editor.page.mouse;
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move(to.x, to.y, { steps: 8 });
  await mouse.up();
}

describe('graph pane', () => {
  it('selects a clicked job: posts selectJob, highlights the node and its cell', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.node('train').click();
      await editor.waitForPosted({ type: 'selectJob', job: 'train' });
      assert.match((await editor.node('train').getAttribute('class')) ?? '', /\bselected\b/);
      assert.equal(await editor.cell('train').getAttribute('selected'), '');
      assert.equal(await editor.cell('fetch').getAttribute('selected'), null);
      // The edges of the selected job are highlighted.
      assert.equal(await editor.page.locator('ccwf-graph g.edge.related').count(), 2);
    });
  });

  it('selects on the host’s request without posting back', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.send({ type: 'select', job: 'report' });
      await editor.page.waitForFunction(() => document.querySelector('ccwf-editor')?.shadowRoot?.querySelector('ccwf-notebook')
        ?.shadowRoot?.querySelector('ccwf-job-cell[data-job="report"]')?.hasAttribute('selected'));
      assert.match((await editor.node('report').getAttribute('class')) ?? '', /\bselected\b/);
      await editor.send({ type: 'select', job: 'no-such-job' });
      await editor.page.waitForTimeout(100);
      assert.equal(await editor.page.locator('ccwf-job-cell[selected]').count(), 0);
      assert.deepEqual((await editor.posted()).filter((m) => m.type === 'selectJob'), []);
    });
  });

  it('dragging from a job’s output port onto another job posts addNeed', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.node('fetch').hover();
      await drag(editor, await centre(editor.node('fetch').locator('circle.port')), await centre(editor.node('report')));
      await editor.waitForPosted({ type: 'edit', edit: { op: 'addNeed', job: 'report', need: 'fetch' } });
      assert.equal(await editor.page.locator('ccwf-graph .link-preview').count(), 0, 'the preview line is gone');

      // Escape drops a dependency being drawn.
      const before = (await editor.posted()).length;
      await editor.node('fetch').hover();
      const port = await centre(editor.node('fetch').locator('circle.port'));
      const target = await centre(editor.node('report'));
      await editor.page.mouse.move(port.x, port.y);
      await editor.page.mouse.down();
      await editor.page.mouse.move(target.x, target.y, { steps: 5 });
      assert.equal(await editor.page.locator('ccwf-graph .link-preview').count(), 1);
      await editor.page.keyboard.press('Escape');
      await editor.page.mouse.up();
      assert.equal(await editor.page.locator('ccwf-graph .link-preview').count(), 0);
      assert.equal((await editor.posted()).length, before);
    });
  });

  it('shift-dragging a job works too; a drop that would close a cycle posts nothing', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.page.keyboard.down('Shift');
      await drag(editor, await centre(editor.node('fetch')), await centre(editor.node('report')));
      await editor.page.keyboard.up('Shift');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'addNeed', job: 'report', need: 'fetch' } });

      // report -> fetch would make fetch need report, which needs fetch.
      const before = (await editor.posted()).length;
      await editor.node('report').hover();
      const port = await centre(editor.node('report').locator('circle.port'));
      const target = await centre(editor.node('fetch'));
      await editor.page.mouse.move(port.x, port.y);
      await editor.page.mouse.down();
      await editor.page.mouse.move(target.x, target.y, { steps: 8 });
      assert.match((await editor.node('fetch').getAttribute('class')) ?? '', /drop-refused/);
      await editor.page.mouse.up();
      await editor.page.waitForTimeout(100);
      assert.equal((await editor.posted()).length, before);
    });
  });

  it('a selected edge is removed with Delete or with its remove button', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const edge = editor.page.locator('ccwf-graph g.edge[data-source="fetch"][data-target="train"]');
      const hit = await centre(edge.locator('path.hit'));
      await editor.page.mouse.click(hit.x, hit.y);
      await editor.page.waitForFunction(() => document.querySelector('ccwf-editor')?.shadowRoot?.querySelector('ccwf-graph')
        ?.shadowRoot?.querySelector('g.edge.selected'));
      await editor.page.keyboard.press('Delete');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'removeNeed', job: 'train', need: 'fetch' } });

      const other = await centre(editor.page.locator('ccwf-graph g.edge[data-source="train"] path.hit'));
      await editor.page.mouse.click(other.x, other.y);
      await editor.page.locator('ccwf-graph g.edge-delete').click();
      await editor.waitForPosted({ type: 'edit', edit: { op: 'removeNeed', job: 'report', need: 'train' } });
    });
  });

  it('works from the keyboard: arrows follow edges, Enter opens the cell, F2 renames, Delete asks first', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.node('fetch').click();
      await editor.page.keyboard.press('ArrowDown');
      await editor.waitForPosted({ type: 'selectJob', job: 'train' });
      assert.equal(await editor.node('train').evaluate((n) => (n.getRootNode() as ShadowRoot).activeElement === n), true, 'focus moved');
      await editor.page.keyboard.press('ArrowDown');
      await editor.waitForPosted({ type: 'selectJob', job: 'report' });
      await editor.page.keyboard.press('ArrowUp');
      assert.equal(await editor.cell('train').getAttribute('selected'), '');
      await editor.page.keyboard.press('Enter');
      await editor.page.waitForFunction(() => {
        const cell = document.querySelector('ccwf-editor')?.shadowRoot?.querySelector('ccwf-notebook')?.shadowRoot
          ?.querySelector('ccwf-job-cell[data-job="train"]');
        return cell?.shadowRoot?.activeElement?.classList.contains('cell');
      });
      await editor.node('train').focus();

      await editor.page.keyboard.press('F2');
      const rename = editor.cell('train').locator('.rename vscode-textfield input');
      await rename.waitFor();
      await rename.fill('fit');
      await rename.press('Enter');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'renameJob', from: 'train', to: 'fit' } });

      await editor.node('train').focus();
      await editor.page.keyboard.press('Delete');
      const confirm = editor.cell('train').locator('[aria-label="Confirm delete"]');
      await confirm.waitFor();
      assert.equal((await editor.posted()).some((m) => m.type === 'edit' && m.edit.op === 'deleteJob'), false, 'nothing deleted yet');
      await confirm.click();
      await editor.waitForPosted({ type: 'edit', edit: { op: 'deleteJob', name: 'train' } });
    });
  });

  it('zooms and fits from the toolbar and keeps the viewport in the saved state', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const transform = () => editor.page.locator('ccwf-graph g.viewport').getAttribute('transform');
      const fitted = await transform();
      await editor.page.locator('ccwf-editor [aria-label="Zoom in"]').click();
      assert.notEqual(await transform(), fitted);
      await editor.page.locator('ccwf-editor [aria-label="Fit"]').click();
      assert.equal(await transform(), fitted);
      await editor.page.locator('ccwf-editor [aria-label="Zoom out"]').click();
      await editor.page.waitForTimeout(200);
      const saved = (await editor.savedState()) as { viewport: { k: number } };
      assert.ok(saved.viewport.k > 0 && saved.viewport.k < 1.25, JSON.stringify(saved));
    });
  });

  it('comes back with the saved viewport and selection instead of fitting', async () => {
    const state = { viewport: { x: 40, y: 30, k: 0.5 }, selected: 'train' };
    await withEditor({ state }, async (editor) => {
      await openQuickstart(editor);
      assert.equal(await editor.page.locator('ccwf-graph g.viewport').getAttribute('transform'), 'translate(40,30) scale(0.5)');
      assert.match((await editor.node('train').getAttribute('class')) ?? '', /\bselected\b/);
      assert.equal(await editor.cell('train').getAttribute('selected'), '');
    });
  });

  it('zooms with the wheel around the pointer and pans by dragging the background', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const transform = async () => {
        const t = (await editor.page.locator('ccwf-graph g.viewport').getAttribute('transform'))!;
        const [x, y, k] = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(t)!.slice(1).map(Number);
        return { x: x!, y: y!, k: k! };
      };
      const before = await transform();
      const graph = (await editor.page.locator('ccwf-graph').boundingBox())!;
      await editor.page.mouse.move(graph.x + 40, graph.y + 40);
      await editor.page.mouse.wheel(0, 200);
      const zoomed = await transform();
      assert.ok(zoomed.k < before.k, 'wheel down zooms out');
      await drag(editor, { x: graph.x + 30, y: graph.y + 30 }, { x: graph.x + 130, y: graph.y + 80 });
      const panned = await transform();
      assert.ok(Math.abs(panned.x - zoomed.x - 100) < 1 && Math.abs(panned.y - zoomed.y - 50) < 1, JSON.stringify({ zoomed, panned }));
      assert.equal((await editor.posted()).some((m) => m.type === 'selectJob'), false, 'panning selects nothing');
    });
  });

  it('Tab reaches the graph from the toolbar', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.page.locator('ccwf-editor vscode-toolbar-button[icon="go-to-file"] button').focus();
      await editor.page.keyboard.press('Tab');
      await editor.waitForPosted({ type: 'selectJob', job: 'fetch' });
      assert.equal(await editor.node('fetch').evaluate((n) => (n.getRootNode() as ShadowRoot).activeElement === n), true);
    });
  });

  it('shows a progress ring while laying out, and a message when the layout fails', async () => {
    await withEditor({ layoutError: 'ELK ran out of memory' }, async (editor) => {
      await editor.send({ type: 'init', view: quickstartView(), capabilities: CAPS });
      const message = editor.page.locator('ccwf-graph .message.error');
      await message.waitFor();
      assert.match((await message.textContent()) ?? '', /could not be laid out: ELK ran out of memory/);
      await editor.waitForPosted({ type: 'error', message: 'Graph layout failed: ELK ran out of memory' });
      assert.equal(await editor.page.locator('ccwf-job-cell').count(), 3, 'the notebook still works');
    });
    await withEditor({}, async (editor) => {
      await editor.send({ type: 'init', view: quickstartView(), capabilities: CAPS });
      await editor.page.locator('ccwf-graph .busy vscode-progress-ring').waitFor();
      await editor.waitForNodes(3);
      assert.equal(await editor.page.locator('ccwf-graph .busy').count(), 0);
    });
  });
});
