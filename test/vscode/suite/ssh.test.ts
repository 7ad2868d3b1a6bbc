// ssh hosts in real VS Code, against the real sshd the harness starts (test/remote/sshd-fixture.ts;
// the `ccwf.sshConfigFile` setting points at its client config): the Hosts view's Check Connection
// connects, and a run from the command runs its ssh job there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunState } from '../../../src/core/store/run-state.js';
import { readRun } from '../../../src/core/store/run-store.js';
import { api, until, workspaceUri } from './helpers.js';

describe('ssh hosts', function () {
  this.timeout(120_000);

  it('lists the workflow\'s ssh host in the Hosts view, and Check Connection really connects', async () => {
    await vscode.workspace.openTextDocument(workspaceUri('remote', 'remote.ccwf'));
    const hosts = (await api()).hostsTree;
    const node = await until('the ssh host in the Hosts view', async () =>
      ((await hosts.getChildren()) as { name: string; hostKind: string }[]).find((h) => h.name === 'cluster'));
    assert.equal(node.hostKind, 'ssh');
    const check = await vscode.commands.executeCommand<{ ok: boolean; detail: string }>('ccwf.checkHost', node);
    assert.equal(check.ok, true, check.detail);
    assert.match(String((await hosts.getTreeItem(node)).description), /ssh · remote\.ccwf · reachable, \d+ ms/);
  });

  it('runs a workflow whose job runs on the ssh host', async () => {
    const runDir = await vscode.commands.executeCommand<string>('ccwf.runWorkflow', workspaceUri('remote', 'remote.ccwf'));
    assert.ok(runDir, 'the run started');
    const state: RunState = await until('the run to end', () => {
      const s = readRun(runDir);
      return s && s.status !== 'running' ? s : undefined;
    }, 90_000);
    assert.equal(state.status, 'done', JSON.stringify([...state.jobs.values()]));
    assert.equal(state.jobs.get('far')!.host, 'cluster');
    assert.match(readFileSync(join(runDir, 'logs', 'far.log'), 'utf8'), /^far away: 127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+$/m);
  });
});
