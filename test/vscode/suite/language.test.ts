import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAll, until, workspaceUri } from './helpers.js';

const TEXT = `# language features, in a real VS Code
name: lang
hosts:
  hpc: { kind: slurm, ssh: hpc.example.org }
jobs:
  fetch:
    run: echo fetch
  train:
    host: hpc
    needs: [fetch]
    run: echo train
  report:
    needs: [trian]
    run: echo report
`;

async function open(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  writeFileSync(uri.fsPath, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

const at = (document: vscode.TextDocument, needle: string, delta = 0) => document.positionAt(document.getText().indexOf(needle) + delta);

describe('language features', () => {
  afterEach(closeAll);

  it('reports problems as you type, with a quick fix for a misspelt need', async () => {
    const document = await open('lang.ccwf', TEXT);
    const diagnostics = await until('diagnostics', () => {
      const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'ccwf');
      return ours.length > 0 ? ours : undefined;
    });
    const unknown = diagnostics.find((d) => d.code === 'unknown-job');
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.equal(document.getText(unknown.range), 'trian');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, unknown.range);
    const fix = actions.find((a) => /train/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /needs: \[train\]/);
    await until('the problem to go away', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-job'));
  });

  it('completes job names inside needs and keys of a job', async () => {
    const document = await open('complete.ccwf', TEXT.replace('needs: [trian]', 'needs: [f]'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at(document, 'needs: [f]', 'needs: [f'.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('fetch') && labels.includes('train'), labels.join(', '));
    assert.ok(!labels.includes('report'), 'a job does not need itself');
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at(document, '    run: echo fetch'));
    const keyLabels = keys.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keyLabels.includes('retries') && keyLabels.includes('timeout'), keyLabels.join(', '));
  });

  it('hovers, goes to definition, finds references and renames a job everywhere', async () => {
    const document = await open('nav.ccwf', TEXT.replace('trian', 'train'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at(document, 'needs: [fetch]', 9));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /echo fetch/);

    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, at(document, 'needs: [fetch]', 9));
    const target = defs[0]!;
    const targetRange = 'targetRange' in target ? target.targetRange : target.range;
    assert.equal(targetRange.start.line, at(document, '  fetch:').line);

    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, at(document, '  train:', 2));
    assert.equal(refs.length, 2, 'the key and the one need');

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at(document, '  train:', 2), 'fit');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.getText(), /^  fit:$/m);
    assert.match(document.getText(), /needs: \[fit\]/);
    assert.doesNotMatch(document.getText(), /train:/);
  });

  it('outlines hosts and jobs, and shows a lens above each job', async () => {
    const document = await open('outline.ccwf', TEXT);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const names = symbols.map((s) => [s.name, s.children.map((c) => c.name)]);
    assert.deepEqual(names.find(([n]) => n === 'jobs')?.[1], ['fetch', 'train', 'report']);
    assert.deepEqual(names.find(([n]) => n === 'hosts')?.[1], ['hpc']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    // Above each job: Run job, Run from here, and how it last did.
    assert.equal(lenses.length, 9);
    const lines = ['  fetch:', '  train:', '  report:'].map((k) => at(document, k).line);
    assert.deepEqual(lenses.map((l) => l.range.start.line), lines.flatMap((l) => [l, l, l]));
    assert.deepEqual(lenses.slice(0, 2).map((l) => [l.command?.command, l.command?.arguments?.[1]]), [['ccwf.runJob', 'fetch'], ['ccwf.runFromJob', 'fetch']]);
    assert.match(lenses[2]!.command!.title, /^(not run yet|done|failed|cancelled|skipped|running)/);
    assert.ok(lenses.every((l) => l.command?.title), 'every lens has a title');
  });

  it('checks cloudmesh-cc YAML too, and offers to convert it', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('cloudmesh', 'workflow-abc.yaml'));
    await vscode.window.showTextDocument(document);
    const symbols = await until('symbols of the cloudmesh file', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return s?.length ? s : undefined;
    });
    assert.ok(JSON.stringify(symbols.map((s) => s.name)).length > 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0));
    assert.ok(actions.some((a) => a.command?.command === 'ccwf.convert'), actions.map((a) => a.title).join(', '));
  });
});
