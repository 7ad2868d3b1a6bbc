import assert from 'node:assert/strict';
import { withEditor, type EditorPage } from './harness/editor-page.js';
import { quickstartView, viewOf } from './harness/views.js';

const CAPS = { editable: true, canRun: true };

async function openQuickstart(editor: EditorPage): Promise<void> {
  await editor.send({ type: 'init', view: quickstartView(), capabilities: CAPS });
  await editor.waitForNodes(3);
}

describe('notebook pane', () => {
  it('commits an edited script path on blur as setField', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const field = editor.cell('fetch').locator('vscode-textfield.code-field input');
      assert.equal(await field.inputValue(), 'fetch.sh');
      await field.fill('download.sh');
      await field.blur();
      await editor.waitForPosted({ type: 'edit', edit: { op: 'setField', job: 'fetch', key: 'script', value: 'download.sh' } });
    });
  });

  it('commits a run command with Ctrl+Enter, and an unchanged one not at all', async () => {
    const text = 'name: t\njobs:\n  hello:\n    run: echo hi\n';
    await withEditor({}, async (editor) => {
      await editor.send({ type: 'init', view: viewOf(text), capabilities: CAPS });
      await editor.waitForNodes(1);
      const area = editor.cell('hello').locator('vscode-textarea textarea');
      await area.focus();
      await area.blur();
      await area.fill('echo hi\necho there');
      await area.press('Control+Enter');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'setField', job: 'hello', key: 'run', value: 'echo hi\necho there' } });
      assert.equal((await editor.posted()).filter((m) => m.type === 'edit').length, 1);
    });
  });

  it('adds a job needing the selected one; refuses an empty or taken name', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      const name = editor.page.locator('ccwf-add-job vscode-textfield input');
      const add = editor.page.locator('ccwf-add-job [aria-label="Add job"]');
      await add.click();
      await editor.page.locator('ccwf-add-job .problem').waitFor();
      await name.fill('train');
      await add.click();
      assert.match((await editor.page.locator('ccwf-add-job .problem').textContent()) ?? '', /already a job named “train”/);
      assert.equal((await editor.posted()).some((m) => m.type === 'edit'), false);

      await editor.node('report').click();
      await name.fill('publish');
      await name.press('Enter');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'addJob', name: 'publish', needs: ['report'] } });
      assert.equal(await name.inputValue(), '');
    });
  });

  it('edits needs: removes a chip, adds from the list of jobs that would not close a cycle', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.cell('report').locator('[aria-label="Remove dependency on train"]').click();
      await editor.waitForPosted({ type: 'edit', edit: { op: 'removeNeed', job: 'report', need: 'train' } });

      await editor.cell('report').locator('[aria-label="Add dependency"]').click();
      const select = editor.cell('report').locator('vscode-single-select.need-select');
      await select.waitFor();
      const options = await select.locator('vscode-option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
      assert.deepEqual(options, ['', 'fetch'], 'not itself, not train (already needed)');
      await select.evaluate((s: HTMLElement & { value: string }) => {
        s.value = 'fetch';
        s.dispatchEvent(new Event('change'));
      });
      await editor.waitForPosted({ type: 'edit', edit: { op: 'addNeed', job: 'report', need: 'fetch' } });

      await editor.cell('fetch').locator('[aria-label="Add dependency"]').click();
      const none = await editor.cell('fetch').locator('vscode-single-select.need-select vscode-option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
      assert.deepEqual(none, [], 'everything else already needs fetch');
    });
  });

  it('changes the host and the description', async () => {
    const text = 'name: t\nhosts:\n  hpc: { kind: slurm, ssh: login }\njobs:\n  a:\n    run: echo a\n';
    await withEditor({}, async (editor) => {
      await editor.send({ type: 'init', view: viewOf(text), capabilities: CAPS });
      await editor.waitForNodes(1);
      await editor.cell('a').locator('vscode-single-select.host-select').evaluate((s: HTMLElement & { value: string }) => {
        s.value = 'hpc';
        s.dispatchEvent(new Event('change'));
      });
      await editor.waitForPosted({ type: 'edit', edit: { op: 'setField', job: 'a', key: 'host', value: 'hpc' } });
      const description = editor.cell('a').locator('vscode-textfield.description-field input');
      await description.fill('Says a');
      await description.press('Enter');
      await editor.waitForPosted({ type: 'edit', edit: { op: 'setField', job: 'a', key: 'description', value: 'Says a' } });
    });
  });

  it('run buttons post commands for their job', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.cell('train').locator('vscode-button[aria-label="Run job"]').click();
      await editor.waitForPosted({ type: 'command', command: 'runJob', job: 'train' });
      await editor.cell('train').locator('vscode-button[aria-label="Run from here"]').click();
      await editor.waitForPosted({ type: 'command', command: 'runFromJob', job: 'train' });
      await editor.cell('train').locator('vscode-button[aria-label="Open log"]').click();
      await editor.waitForPosted({ type: 'command', command: 'showJobLog', job: 'train' });
      await editor.page.locator('ccwf-editor vscode-button[aria-label="Run workflow"]').click();
      await editor.waitForPosted({ type: 'command', command: 'runWorkflow' });
      await editor.page.locator('ccwf-editor [aria-label="Export SVG"]').click();
      await editor.waitForPosted({ type: 'command', command: 'exportSvg' });
      await editor.page.locator('ccwf-editor [aria-label="Open as text"]').click();
      await editor.waitForPosted({ type: 'openInText' });
    });
  });

  it('shows why an edit failed, inline, and lets it fade', async () => {
    await withEditor({}, async (editor) => {
      await openQuickstart(editor);
      await editor.send({ type: 'editFailed', reason: 'The file changed on disk; try again.' });
      const notice = editor.page.locator('ccwf-editor .notice[role="alert"]');
      await notice.waitFor();
      assert.match((await notice.textContent()) ?? '', /changed on disk/);
      await notice.locator('[aria-label="Dismiss"]').click();
      await notice.waitFor({ state: 'detached' });
    });
  });

  it('lists problems and opens the text at the job a problem is in', async () => {
    await withEditor({}, async (editor) => {
      const view = { ...quickstartView(), problems: [{ message: 'The script "train.py" does not exist.', line: 13, severity: 'warning' as const }] };
      await editor.send({ type: 'init', view, capabilities: CAPS });
      await editor.waitForNodes(3);
      await editor.page.locator('ccwf-editor .problems button.problem').click();
      await editor.waitForPosted({ type: 'openInText', job: 'train' });
    });
  });
});
