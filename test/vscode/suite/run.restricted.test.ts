// In Restricted Mode (an untrusted workspace) nothing runs: the run commands refuse, code lenses
// offer no run actions, and the editor's run buttons say why (see the UI suite).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until, workspaceUri } from './helpers.js';

describe('Restricted Mode', () => {
  it('is where these tests run', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('runs nothing: ccwf.runWorkflow, runJob and rerunFailed start no engine and write no record', async () => {
    const uri = workspaceUri('quickstart', 'quickstart.ccwf');
    assert.equal(await vscode.commands.executeCommand('ccwf.runWorkflow', uri), undefined);
    assert.equal(await vscode.commands.executeCommand('ccwf.runJob', uri, 'fetch'), undefined);
    assert.equal(await vscode.commands.executeCommand('ccwf.runFromJob', uri, 'train'), undefined);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(existsSync(join(workspaceUri('quickstart').fsPath, '.ccwf')), false, 'no run folder was made');
    assert.equal(vscode.window.terminals.length, 0, 'no job terminal');
  });

  it('offers no run actions in code lenses, only the jobs\' state', async () => {
    const uri = workspaceUri('quickstart', 'quickstart.ccwf');
    await vscode.workspace.openTextDocument(uri);
    const lenses = await until('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l && l.length > 0 ? l : undefined;
    });
    assert.equal(lenses.length, 3, 'one lens per job');
    for (const lens of lenses) assert.ok(!/run/i.test(lens.command?.command ?? ''), `no run command: ${lens.command?.command}`);
  });
});
