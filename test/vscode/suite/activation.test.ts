import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, until, workspaceUri } from './helpers.js';

describe('activation', () => {
  it('is loaded from the development folder', () => {
    const ids = vscode.extensions.all.map((e) => e.id);
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} not among ${ids.length} extensions`);
  });

  it('activates when a .ccwf file is opened and registers its commands', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('quickstart', 'quickstart.ccwf'));
    assert.equal(document.languageId, 'ccwf');
    await until('activation', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ccwf.openGraph', 'ccwf.openText', 'ccwf.exportSvg', 'ccwf.convert']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
