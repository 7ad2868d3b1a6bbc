import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeCustomEditor, api, closeAll, EXTENSION_ID, until, workspaceUri } from './helpers.js';

const quickstart = () => workspaceUri('quickstart', 'quickstart.ccwf');

async function openEditor(uri: vscode.Uri, viewType = 'ccwf.workflowEditor'): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  await until(`the ${viewType} editor`, () => activeCustomEditor()?.viewType === viewType);
  // The webview is up once it has said `ready` and the session has parsed the document.
  const testApi = await api();
  await until('the editor to parse the workflow', () => testApi.editorWorkflow(uri));
}

describe('workflow editor', () => {
  afterEach(closeAll);

  it('is the default editor for .ccwf files', async () => {
    await vscode.commands.executeCommand('vscode.open', quickstart());
    const input = await until('a custom editor tab', activeCustomEditor);
    assert.equal(input.viewType, 'ccwf.workflowEditor');
    assert.equal(input.uri.toString(), quickstart().toString());
  });

  it('turns an edit posted by the webview into a text edit that undo reverts exactly', async () => {
    const uri = quickstart();
    await openEditor(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const testApi = await api();

    await testApi.fromWebview(uri, { type: 'edit', edit: { op: 'addJob', name: 'analyse', run: 'echo analyse', needs: ['train'] } });
    assert.notEqual(document.getText(), before);
    assert.ok(document.isDirty, 'the document is dirty after the edit');
    assert.match(document.getText(), /^  analyse:\n/m);
    assert.ok(document.getText().startsWith(before.slice(0, before.indexOf('jobs:'))), 'text before jobs: is untouched (comments kept)');
    await until('the editor to see the new job', () => testApi.editorWorkflow(uri)?.needs['analyse']?.includes('train'));

    await testApi.fromWebview(uri, { type: 'edit', edit: { op: 'addNeed', job: 'report', need: 'analyse' } });
    assert.match(document.getText(), /needs: \[train, analyse\]/);

    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'two undos restore the exact previous text');
    assert.equal(document.isDirty, false);
    await vscode.commands.executeCommand('redo');
    assert.match(document.getText(), /^  analyse:\n/m);
  });

  it('re-reads the graph when the text is edited', async () => {
    const uri = quickstart();
    await openEditor(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, document.positionAt(document.getText().length), '  publish:\n    needs: [report]\n    run: echo done\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const testApi = await api();
    const seen = await until('the graph model to have the typed job', () => {
      const w = testApi.editorWorkflow(uri);
      return w?.jobs.includes('publish') ? w : undefined;
    });
    assert.deepEqual(seen.needs['publish'], ['report']);
  });

  it('ignores malformed messages from the webview', async () => {
    const uri = quickstart();
    await openEditor(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const testApi = await api();
    for (const bad of [null, 42, 'edit', {}, { type: 'edit' }, { type: 'edit', edit: { op: 'addJob' } },
      { type: 'edit', edit: { op: 'deleteJob', name: 7 } }, { type: 'command', command: 'rm -rf /' }, { type: 'nope' }]) {
      await testApi.fromWebview(uri, bad);
    }
    assert.equal(document.getText(), before);
  });

  it('refuses an edit that would make a cycle, leaving the text alone', async () => {
    const uri = quickstart();
    await openEditor(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    await (await api()).fromWebview(uri, { type: 'edit', edit: { op: 'addNeed', job: 'fetch', need: 'report' } });
    assert.equal(document.getText(), before);
  });

  it('exports the same SVG as `ccwf graph --format svg`', async () => {
    const uri = quickstart();
    const target = workspaceUri('quickstart', 'exported.svg');
    const written = await vscode.commands.executeCommand<vscode.Uri>('ccwf.exportSvg', uri, target);
    assert.equal(written?.toString(), target.toString());
    const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const expected = execFileSync(process.execPath, [cli, 'graph', '--format', 'svg', uri.fsPath], { encoding: 'utf8' });
    const svg = readFileSync(target.fsPath, 'utf8');
    assert.match(svg, /<svg [^>]*viewBox/);
    assert.match(svg, /data-job="train"/);
    assert.equal(svg.trimEnd(), expected.trimEnd());
  });

  it('opens cloudmesh-cc YAML read-only and converts it to a .ccwf beside it', async () => {
    const uri = workspaceUri('cloudmesh', 'workflow-abc.yaml');
    await openEditor(uri, 'ccwf.cloudmeshViewer');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const testApi = await api();
    await testApi.fromWebview(uri, { type: 'edit', edit: { op: 'deleteJob', name: 'a' } });
    assert.equal(document.getText(), before, 'the viewer does not edit the file');

    const converted = await vscode.commands.executeCommand<vscode.Uri>('ccwf.convert', uri, { open: false });
    assert.ok(converted?.path.endsWith('/cloudmesh/workflow-abc.ccwf'), String(converted));
    const text = readFileSync(converted.fsPath, 'utf8');
    const original = testApi.editorWorkflow(uri)!;
    for (const job of original.jobs) assert.match(text, new RegExp(`^  ${job}:`, 'm'));
    assert.equal(readFileSync(uri.fsPath, 'utf8'), before, 'the original file is unchanged');
  });
});
