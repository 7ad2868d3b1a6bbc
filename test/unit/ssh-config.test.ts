import assert from 'node:assert/strict';
import { parseSshConfig, sshAliases } from '../../src/core/hosts/ssh-config.js';

describe('~/.ssh/config', () => {
  const text = [
    'ServerAliveInterval 30',
    '# a comment',
    'Host hpc login.hpc',
    '  HostName login1.cluster.example.org',
    '  User=alice',
    '  IdentityFile ~/.ssh/id_hpc',
    '  IdentityFile "~/.ssh/key with space"',
    'Host *.internal !bad.internal gpu?',
    '  ProxyJump hpc # jump through the login node',
    'Match host foo exec "true"',
    '  User nobody',
    'host  lab',
    '  PORT 2222',
  ].join('\n');

  it('reads Host blocks with their options, case-insensitively, in order', () => {
    const blocks = parseSshConfig(text);
    assert.deepEqual(blocks.map((b) => [b.kind, b.patterns, b.line]), [
      ['global', [], 1], ['host', ['hpc', 'login.hpc'], 3], ['host', ['*.internal', '!bad.internal', 'gpu?'], 8],
      ['match', [], 10], ['host', ['lab'], 12],
    ]);
    const hpc = blocks[1]!.options;
    assert.deepEqual(hpc.get('hostname'), ['login1.cluster.example.org']);
    assert.deepEqual(hpc.get('user'), ['alice']);
    assert.deepEqual(hpc.get('identityfile'), ['~/.ssh/id_hpc', '~/.ssh/key with space']);
    assert.deepEqual(blocks[2]!.options.get('proxyjump'), ['hpc']);
    assert.deepEqual(blocks[3]!.options.get('user'), ['nobody'], 'Match options stay in the Match block');
    assert.deepEqual(blocks[4]!.options.get('port'), ['2222']);
    assert.deepEqual(blocks[0]!.options.get('serveraliveinterval'), ['30']);
  });

  it('offers only literal host names', () => {
    assert.deepEqual(sshAliases(parseSshConfig(text)), ['hpc', 'login.hpc', 'lab']);
  });

  it('tolerates garbage', () => {
    assert.deepEqual(sshAliases(parseSshConfig('\0\n===\nHost\n  \t\nHost "quoted name"\n')), ['quoted name']);
  });
});
