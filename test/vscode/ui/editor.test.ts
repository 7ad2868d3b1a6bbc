// The workflow editor as a person uses it, in the real VS Code workbench: open the quickstart,
// see every job, add a job and a dependency with the mouse, save, and read the file on disk.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, ROOT, type Workbench } from '../workbench.mjs';
import { ARTIFACTS, editorFrame, openFile, runCommand, screenshot, waitForWorkbench } from './workbench-page.js';

const QUICKSTART_JOBS = ['fetch', 'train', 'report'];

async function shiftDrag(page: Page, frame: FrameLocator, from: string, to: string): Promise<void> {
  const a = await frame.locator(`.node[data-job="${from}"]`).boundingBox();
  const b = await frame.locator(`.node[data-job="${to}"]`).boundingBox();
  assert.ok(a && b, 'both nodes are on screen');
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

/** Sum of the red, green and blue of a `#rrggbb` colour (765 = white); white when unreadable. */
function brightness(hex: string): number {
  const parts = hex.match(/[0-9a-f]{2}/gi)?.slice(0, 3) ?? ['ff', 'ff', 'ff'];
  return parts.reduce((sum, h) => sum + parseInt(h, 16), 0);
}

describe('workflow editor in the workbench', () => {
  let wb: Workbench;
  let failed = false;

  before(async () => {
    wb = await openWorkbench({ files: { quickstart: 'examples/quickstart' }, theme: 'Default Light Modern' });
    await waitForWorkbench(wb.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.page.screenshot({ path: join(ARTIFACTS, `failed-${this.currentTest.title.slice(0, 40)}.png`) });
    if (this.currentTest?.state === 'failed' && !failed) {
      failed = true;
      console.error(wb.logs());
    }
  });
  after(async () => wb?.close());

  it('shows every job of the quickstart as a node and as a cell', async () => {
    await openFile(wb.page, 'quickstart.ccwf');
    const frame = editorFrame(wb.page);
    for (const job of QUICKSTART_JOBS) {
      await frame.locator(`.node[data-job="${job}"]`).waitFor({ timeout: 30_000 });
      await frame.locator(`ccwf-job-cell[data-job="${job}"]`).waitFor();
    }
    assert.equal(await frame.locator('.node[data-job]').count(), QUICKSTART_JOBS.length);
    assert.equal(await frame.locator('.edge[data-edge]').count(), 2);
    await screenshot(wb.page, 'editor-light');
  });

  it('shows the run `ccwf run` makes in a terminal, live, coloured by status', async () => {
    const frame = editorFrame(wb.page);
    const cli = join(ROOT, 'dist', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'run', 'quickstart.ccwf'], { cwd: join(wb.workspace, 'quickstart'), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    for (const job of QUICKSTART_JOBS) {
      await frame.locator(`.node[data-job="${job}"][data-status="done"]`).waitFor({ timeout: 15_000 });
    }
    // The cell shows the last lines of the job's output.
    await frame.locator('ccwf-job-cell[data-job="train"] .output').waitFor();
    assert.match(await frame.locator('ccwf-job-cell[data-job="train"] .output').innerText(), /\S/);
    await screenshot(wb.page, 'editor-light-after-run');

    // "Open log" shows the job's log from that run in the Output panel, in a channel of its own.
    await frame.locator('ccwf-job-cell[data-job="train"]').getByRole('button', { name: 'Open log' }).click();
    const panel = wb.page.locator('.part.panel');
    await panel.locator('.monaco-editor .view-line', { hasText: 'trained:' }).first().waitFor();
    await panel.locator('.monaco-editor .view-line', { hasText: '# train · run' }).first().waitFor();
    // Ctrl+J toggles the panel, from anywhere but a webview: click into the output first.
    await panel.locator('.monaco-editor .view-line', { hasText: 'trained:' }).first().click();
    await wb.page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden' });
  });

  it('adds a job and a dependency through the UI, and saves them as YAML', async () => {
    const frame = editorFrame(wb.page);
    // Select `train` so the new job is offered as its dependent.
    await frame.locator('.node[data-job="train"]').click();
    const name = frame.getByRole('textbox', { name: 'New job name' });
    await name.fill('evaluate');
    await name.press('Enter');
    await frame.locator('.node[data-job="evaluate"]').waitFor();

    await shiftDrag(wb.page, frame, 'evaluate', 'report');
    await frame.locator('.edge[data-source="evaluate"][data-target="report"]').waitFor({ state: 'attached' });

    // Focus is in the webview: VS Code's keybindings still reach the workbench from there.
    await wb.page.keyboard.press('Control+S');
    const file = join(wb.workspace, 'quickstart', 'quickstart.ccwf');
    const deadline = Date.now() + 10_000;
    let text = readFileSync(file, 'utf8');
    while (!/evaluate/.test(text) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      text = readFileSync(file, 'utf8');
    }
    assert.match(text, /^  evaluate:\n    needs: \[train\]\n/m, text);
    assert.match(text, /^  report:[\s\S]*needs: \[train, evaluate\]/m, text);
    assert.ok(text.startsWith('# The three-job quickstart'), 'the comments at the top are kept');
    await screenshot(wb.page, 'editor-light-edited');
  });

  it('keeps the graph and the text beside it on the same job', async () => {
    const frame = editorFrame(wb.page);
    await frame.getByRole('button', { name: 'Open as text' }).click();
    const cursor = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ });
    await cursor.waitFor();
    // Graph -> text: selecting a job selects its key in the text editor.
    // The editor is half as wide now, so its panes are stacked: pick a job at the top.
    // The key `fetch` is selected in the text editor beside: its breadcrumbs name the job and a
    // selection is drawn (the status bar's Ln/Col is not shown while the graph has the focus).
    const textGroup = wb.page.locator('.editor-group-container').nth(1);
    const selected = textGroup.locator('.breadcrumbs-control', { hasText: 'fetch' });
    // The editor just became half as wide and re-lays out its panes: a click during that can land
    // beside the moving node, so click again if the first one did not select it.
    for (let attempt = 0; attempt < 3; attempt++) {
      await frame.locator('.node[data-job="fetch"]').click();
      if (await selected.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
    }
    await selected.waitFor();
    await textGroup.locator('.monaco-editor .selected-text').first().waitFor();
    assert.equal(await textGroup.locator('.monaco-editor .view-line', { hasText: /^\s*fetch:$/ }).count(), 1);
    // Text -> graph: the cursor in a job's lines selects that job.
    await wb.page.locator('.monaco-editor .view-line', { hasText: 'train.py' }).click();
    await frame.locator('.node.selected[data-job="train"]').waitFor();
    await screenshot(wb.page, 'editor-light-with-text');
    await wb.page.keyboard.press('Control+S');
    // Close the text editor (the second editor group) again.
    const tab = wb.page.locator('.editor-group-container').nth(1).locator('.tab.active');
    await tab.hover();
    await tab.locator('.codicon-close').click();
  });
});

describe('workflow editor in Restricted Mode', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { quickstart: 'examples/quickstart' }, trusted: false });
    await waitForWorkbench(wb.page);
  });
  after(async () => wb?.close());

  it('shows the graph but disables running, saying why', async () => {
    await openFile(wb.page, 'quickstart.ccwf');
    const frame = editorFrame(wb.page);
    await frame.locator('.node[data-job="train"]').waitFor({ timeout: 30_000 });
    const run = frame.getByRole('button', { name: 'Run workflow' });
    await run.waitFor();
    assert.equal(await run.getAttribute('disabled') !== null || await run.getAttribute('aria-disabled') === 'true', true, 'Run workflow is disabled');
    assert.match(await run.getAttribute('title') ?? '', /Restricted Mode/);
    const runJob = frame.locator('ccwf-job-cell[data-job="train"]').getByRole('button', { name: 'Run job' });
    assert.match(await runJob.getAttribute('title') ?? '', /Restricted Mode/);
    await screenshot(wb.page, 'editor-restricted');
  });
});

describe('workflow editor in a dark theme', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { quickstart: 'examples/quickstart' }, theme: 'Default Light Modern' });
    await waitForWorkbench(wb.page);
  });
  after(async () => wb?.close());

  it('takes its colours from the theme', async () => {
    await openFile(wb.page, 'quickstart.ccwf');
    const frame = editorFrame(wb.page);
    await frame.locator('.node[data-job="report"]').waitFor({ timeout: 30_000 });
    await runCommand(wb.page, 'Preferences: Toggle between Light/Dark Themes');
    await wb.page.locator('.monaco-workbench.vs-dark').waitFor();
    // The webview follows: its editor background is the dark theme's.
    let background = '';
    for (let i = 0; i < 100; i++) {
      background = await frame.locator('html').evaluate((html) => getComputedStyle(html).getPropertyValue('--vscode-editor-background'));
      if (brightness(background) < 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(brightness(background) < 200, `dark editor background in the webview, got ${background}`);
    await screenshot(wb.page, 'editor-dark');
  });
});

describe('running a workflow from the editor', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { runs: 'test/fixtures/runs' }, theme: 'Default Light Modern' });
    await waitForWorkbench(wb.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.page.screenshot({ path: join(ARTIFACTS, `failed-${this.currentTest.title.slice(0, 40)}.png`) });
  });
  after(async () => wb?.close());

  it('runs it from the toolbar: nodes turn running then done, a terminal per job, the run in the Runs view', async () => {
    await openFile(wb.page, 'slow.ccwf');
    const frame = editorFrame(wb.page);
    await frame.locator('.node[data-job="then"]').waitFor({ timeout: 30_000 });
    const run = frame.getByRole('button', { name: 'Run workflow' });
    await run.click();
    await frame.locator('.node[data-job="counting"][data-status="running"]').waitFor({ timeout: 30_000 });
    await frame.locator('ccwf-job-cell[data-job="counting"]', { hasText: 'line 2' }).waitFor({ timeout: 15_000 });
    await screenshot(wb.page, 'editor-running');
    await frame.locator('.node[data-job="then"][data-status="done"]').waitFor({ timeout: 30_000 });
    await frame.locator('.node[data-job="counting"][data-status="done"]').waitFor();
    // The job's terminal, named after it, in the panel.
    await wb.page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'counting' }).first().waitFor({ timeout: 15_000 });
    await screenshot(wb.page, 'editor-run-done');

    await wb.page.locator('.activitybar .action-item a[aria-label^="ccwf"]').click();
    const runRow = wb.page.locator('.monaco-list-row', { hasText: 'slow' }).filter({ hasText: 'done · 2/2' });
    await runRow.waitFor({ timeout: 15_000 });
    await runRow.click();
    await wb.page.locator('.monaco-list-row', { hasText: 'counting' }).filter({ hasText: 'local' }).waitFor();
    await screenshot(wb.page, 'runs-view');
  });

  it('goes on through a window reload: the run finishes, and the Runs view and the editor show it', async () => {
    const frame = editorFrame(wb.page);
    await wb.page.locator('.tab', { hasText: 'slow.ccwf' }).click();
    await frame.getByRole('button', { name: 'Run workflow' }).click();
    await frame.locator('ccwf-job-cell[data-job="counting"]', { hasText: /running \d+%/ }).waitFor({ timeout: 30_000 });
    await runCommand(wb.page, 'Developer: Reload Window');
    await waitForWorkbench(wb.page);
    // The reload restores the side bar as it was (the ccwf views); a click would close it.
    const runsView = wb.page.locator('.pane-header', { hasText: 'Runs' });
    if (!(await runsView.waitFor({ timeout: 8000 }).then(() => true, () => false))) {
      await wb.page.locator('.activitybar .action-item a[aria-label^="ccwf"]').click();
    }
    // Two runs of slow now; the newest (first) is the one that went through the reload.
    const newest = wb.page.locator('.monaco-list-row[aria-level="1"]').first();
    await newest.filter({ hasText: /slow\s*(running|done) · / }).waitFor({ timeout: 30_000 });
    await newest.filter({ hasText: 'done · 2/2' }).waitFor({ timeout: 30_000 });
    await editorFrame(wb.page).locator('.node[data-job="then"][data-status="done"]').waitFor({ timeout: 30_000 });
    await screenshot(wb.page, 'runs-view-after-reload');
  });
});
