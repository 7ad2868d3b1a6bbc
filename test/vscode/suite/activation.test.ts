import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ccwf.ccwf';

describe('activation', () => {
  it('is loaded from the development folder', () => {
    const ids = vscode.extensions.all.map((e) => e.id);
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} not among ${ids.length} extensions`);
  });

  it('activates on ccwf.hello, which returns "ccwf"', async () => {
    const result = await vscode.commands.executeCommand<string>('ccwf.hello');
    assert.equal(result, 'ccwf');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });
});
