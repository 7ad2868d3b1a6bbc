import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSshConfig } from '../../src/core/hosts/ssh-config.js';
import { resolveSshDestination } from '../../src/core/runners/ssh-destination.js';
import { appendKnownHost, keyFingerprint, keyTypeOf, knownHostName, readKnownHosts, verifyHostKey } from '../../src/core/runners/ssh-known-hosts.js';
import { workspace } from './helpers.js';

/** A fake ed25519 public key blob: type string, then 32 key bytes. */
function blob(seed: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(type.length);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(32);
  return Buffer.concat([head, type, len, Buffer.alloc(32, seed)]);
}

function hashed(host: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
}

describe('known_hosts', () => {
  const key = blob(1);
  const other = blob(2);
  const line = (hosts: string, k = key) => `${hosts} ssh-ed25519 ${k.toString('base64')}`;

  function verdict(text: string, host: string, k = key) {
    const dir = workspace({ known_hosts: text });
    return verifyHostKey(readKnownHosts([join(dir, 'known_hosts'), join(dir, 'missing')]), host, k);
  }

  it('names hosts as OpenSSH does: bare on port 22, [host]:port otherwise', () => {
    assert.equal(knownHostName('h.example.org', 22), 'h.example.org');
    assert.equal(knownHostName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });

  it('knows plain, listed, wildcard and hashed entries, and port-qualified ones only on that port', () => {
    assert.equal(verdict(line('h.example.org'), 'h.example.org').kind, 'known');
    assert.equal(verdict(line('a,h.example.org,b'), 'h.example.org').kind, 'known');
    assert.equal(verdict(line('*.example.org'), 'h.example.org').kind, 'known');
    assert.equal(verdict(line('H.EXAMPLE.ORG'), 'h.example.org').kind, 'known');
    assert.equal(verdict(line(hashed('[127.0.0.1]:2222')), '[127.0.0.1]:2222').kind, 'known');
    assert.equal(verdict(line(hashed('[127.0.0.1]:2222')), '127.0.0.1').kind, 'unknown');
    assert.equal(verdict(line('[127.0.0.1]:2222'), '[127.0.0.1]:2223').kind, 'unknown');
    assert.equal(verdict(line('*.example.org,!h.example.org'), 'h.example.org').kind, 'unknown', 'a negated pattern wins');
  });

  it('says changed, with the line, when the host has another key of that type', () => {
    const v = verdict(`# comment\n${line('x.org', other)}\n${line('h.example.org', other)}\n`, 'h.example.org');
    assert.equal(v.kind, 'changed');
    assert.equal(v.kind === 'changed' && v.known.line, 3);
  });

  it('refuses revoked keys and ignores garbage lines', () => {
    assert.equal(verdict(`@revoked * ssh-ed25519 ${key.toString('base64')}\n${line('h')}`, 'h').kind, 'revoked');
    assert.equal(verdict(`garbage\n\0\nh ssh-ed25519 !!!\n${line('h')}`, 'h').kind, 'known');
  });

  it('shows fingerprints as ssh does and appends accepted keys', () => {
    assert.match(keyFingerprint(key), /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(keyTypeOf(key), 'ssh-ed25519');
    const dir = workspace({ known_hosts: 'old ssh-ed25519 AAAA' });
    appendKnownHost(join(dir, 'known_hosts'), '[h]:2222', key);
    assert.equal(readFileSync(join(dir, 'known_hosts'), 'utf8'), `old ssh-ed25519 AAAA\n[h]:2222 ssh-ed25519 ${key.toString('base64')}\n`);
    assert.equal(verdict(readFileSync(join(dir, 'known_hosts'), 'utf8'), '[h]:2222').kind, 'known');
  });
});

describe('ssh destinations from ~/.ssh/config', () => {
  const config = parseSshConfig(
    [
      'Host hpc',
      '  HostName login.%h.example.org',
      '  User alice',
      '  Port 2222',
      '  IdentityFile ~/.ssh/id_hpc',
      '  ProxyJump gate',
      '  UserKnownHostsFile ~/.ssh/kh_%h',
      'Host *',
      '  User bob',
      '  IdentityFile ~/.ssh/id_all',
      '  IdentitiesOnly yes',
    ].join('\n'),
  );
  const context = { home: '/home/me', localUser: 'me' };

  it('applies matching blocks in order, first value wins, identity files accumulate, tokens expand', () => {
    const d = resolveSshDestination('hpc', config, context);
    assert.equal(d.hostName, 'login.hpc.example.org');
    assert.equal(d.user, 'alice');
    assert.equal(d.port, 2222);
    assert.deepEqual(d.identityFiles, ['/home/me/.ssh/id_hpc', '/home/me/.ssh/id_all']);
    assert.deepEqual(d.proxyJump, ['gate']);
    assert.deepEqual(d.knownHostsFiles, ['/home/me/.ssh/kh_login.hpc.example.org']);
    assert.equal(d.identitiesOnly, true);
  });

  it('lets user@ and the workflow host user beat the config, and defaults as ssh does', () => {
    assert.equal(resolveSshDestination('carol@hpc', config, context).user, 'carol');
    assert.equal(resolveSshDestination('hpc', config, { ...context, user: 'dave' }).user, 'dave');
    const plain = resolveSshDestination('other.org', [], context);
    assert.deepEqual([plain.hostName, plain.port, plain.user, plain.proxyJump], ['other.org', 22, 'me', []]);
    assert.deepEqual(plain.knownHostsFiles, ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2']);
    assert.deepEqual([resolveSshDestination('u@jump.org:2200', [], context).port, resolveSshDestination('u@jump.org:2200', [], context).user], [2200, 'u']);
  });
});
