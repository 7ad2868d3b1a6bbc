import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHost } from '../../src/core/hosts/check-host.js';

describe('checking a host', () => {
  it('finds the local machine able to start jobs', async () => {
    const check = await checkHost({ name: 'local', kind: 'local' });
    assert.equal(check.ok, true, check.detail);
    assert.match(check.detail, /jobs can start \(\d+ ms\)/);
  });

  // wsl.exe cannot run on Linux: a stand-in on PATH records its arguments and answers like it.
  it('asks wsl.exe for the host\'s distribution, and reports its complaint', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'ccwf-wsl-'));
    const argvFile = join(bin, 'argv');
    writeFileSync(join(bin, 'wsl.exe'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argvFile}\n[ "$2" = Ubuntu ] || { echo "There is no distribution with the supplied name." >&2; exit 1; }\n`);
    chmodSync(join(bin, 'wsl.exe'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const ok = await checkHost({ name: 'ubuntu', kind: 'wsl', distro: 'Ubuntu' });
      assert.equal(ok.ok, true, ok.detail);
      assert.deepEqual(readFileSync(argvFile, 'utf8').trim().split('\n'), ['-d', 'Ubuntu', '--', 'true']);
      const bad = await checkHost({ name: 'deb', kind: 'wsl', distro: 'Nope' });
      assert.equal(bad.ok, false);
      assert.equal(bad.detail, 'There is no distribution with the supplied name.');
    } finally {
      process.env.PATH = path;
    }
  });

  it('says when wsl.exe is not there, and which kinds it cannot check without their checker', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const missing = await checkHost({ name: 'w', kind: 'wsl' });
      assert.deepEqual([missing.ok, missing.detail], [false, 'wsl.exe was not found']);
    } finally {
      process.env.PATH = path;
    }
    const ssh = await checkHost({ name: 'far', kind: 'ssh' });
    assert.equal(ssh.ok, false);
    const viaChecker = await checkHost({ name: 'far', kind: 'ssh' }, { ssh: async (h) => ({ ok: true, ms: 1, detail: `reached ${h.name}` }) });
    assert.deepEqual(viaChecker, { ok: true, ms: 1, detail: 'reached far' });
  });
});
