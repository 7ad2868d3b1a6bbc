// An ssh host whose key is not in known_hosts, in the real workbench against a real sshd: running
// the workflow shows the key's fingerprint in a modal, nothing runs until the person accepts, and
// the accepted key is written to known_hosts.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, openWorkbench, type Workbench } from '../workbench.mjs';
import { ALIAS, removeSshd, startSshd, type Sshd } from '../../remote/sshd-fixture.js';
import { ARTIFACTS, editorFrame, openFile, screenshot, waitForWorkbench } from './workbench-page.js';

describe('an ssh host with an unknown key', () => {
  let sshd: Sshd;
  let wb: Workbench;
  let home: string;

  before(async () => {
    sshd = await startSshd();
    // A client config like the fixture's, but with an empty known_hosts: the server is unknown.
    home = mkdtempSync(join(ROOT, '.cache', 'ui-ssh-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'known_hosts'), '');
    writeFileSync(join(home, '.ssh', 'config'), readFileSync(sshd.configPath, 'utf8').replaceAll(sshd.knownHostsPath, join(home, '.ssh', 'known_hosts')));
    copyFileSync(sshd.clientKey, join(home, '.ssh', 'id_ed25519'));
    const workflows = join(home, 'workflows');
    mkdirSync(workflows);
    writeFileSync(join(workflows, 'far.ccwf'), [
      'name: far',
      'hosts:',
      `  cluster: { kind: ssh, ssh: ${ALIAS}, workdir: ${JSON.stringify(join(sshd.dir, 'ui-runs'))} }`,
      'jobs:',
      '  far: { host: cluster, run: echo "ran on $SSH_CONNECTION" }',
      '',
    ].join('\n'));
    wb = await openWorkbench({ files: { ssh: workflows }, settings: { 'ccwf.sshConfigFile': join(home, '.ssh', 'config') } });
    await waitForWorkbench(wb.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.page.screenshot({ path: join(ARTIFACTS, `failed-${this.currentTest.title.slice(0, 40)}.png`) });
  });
  after(async () => {
    await wb?.close();
    await sshd?.stop();
    if (sshd) removeSshd(sshd);
  });

  it('shows the fingerprint, runs nothing until accepted, then writes known_hosts and runs', async () => {
    await openFile(wb.page, 'far.ccwf');
    const frame = editorFrame(wb.page);
    await frame.locator('.node[data-job="far"]').waitFor({ timeout: 30_000 });
    await frame.getByRole('button', { name: 'Run workflow' }).click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(sshd.dir, 'host_ed25519.pub')], { encoding: 'utf8' }).split(' ')[1]!;
    await dialog.getByText(fingerprint, { exact: false }).waitFor();
    assert.match(await dialog.innerText(), /authenticity of host \[127\.0\.0\.1\]:\d+ can't be established/);
    assert.equal(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8'), '', 'nothing written before consent');
    await screenshot(wb.page, 'ssh-unknown-host-key');
    await dialog.getByRole('button', { name: 'Accept and Connect' }).click();
    await frame.locator('.node[data-job="far"][data-status="done"]').waitFor({ timeout: 60_000 });
    assert.match(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8'), /^\[127\.0\.0\.1\]:\d+ ssh-ed25519 /m);
    await screenshot(wb.page, 'ssh-run-done');
  });
});
