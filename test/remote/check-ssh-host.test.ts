import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSshHost } from '../../src/core/hosts/check-ssh-host.js';
import { sshd } from './hooks.js';
import { workspace } from './helpers.js';
import { ALIAS } from './sshd-fixture.js';

describe('checking an ssh host', () => {
  it('connects, verifies the host key and runs a command there', async () => {
    const check = await checkSshHost({ name: 'remote', ssh: ALIAS }, { sshConfigPath: sshd().configPath });
    assert.equal(check.ok, true, check.detail);
    assert.match(check.detail, /jobs can start \(\d+ ms\)/);
  });

  it('reports an unknown host key it was not allowed to accept, with the fingerprint', async () => {
    const emptyKnownHosts = join(workspace(), 'known_hosts');
    writeFileSync(emptyKnownHosts, '');
    let asked = '';
    const check = await checkSshHost({ name: 'remote', ssh: ALIAS }, {
      sshConfigPath: sshd().configPath,
      knownHostsPath: emptyKnownHosts,
      confirmHostKey: async (q) => {
        asked = q.fingerprint;
        return false;
      },
    });
    assert.equal(check.ok, false);
    assert.match(asked, /^SHA256:/);
    assert.ok(check.detail.includes(asked), check.detail);
  });

  it('says when nothing answers', async () => {
    const check = await checkSshHost({ name: 'nowhere', ssh: 'nobody@127.0.0.1' }, { sshConfigPath: '/nonexistent' });
    assert.equal(check.ok, false);
    assert.ok(check.detail.length > 0);
  });
});
