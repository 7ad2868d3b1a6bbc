import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostKeyQuestion } from '../../src/core/runners/ssh-host-key-check.js';
import { keyFingerprint } from '../../src/core/runners/ssh-known-hosts.js';
import { log, run, sshHost, workspace } from './helpers.js';
import { sshd } from './hooks.js';

const ONE_JOB = (remote: string) => `hosts:\n${sshHost(remote)}jobs:\n  hello: { host: remote, run: echo hello-from-ssh }\n`;

function serverFingerprint(): string {
  return keyFingerprint(Buffer.from(sshd().hostPublicKey.split(' ')[1]!, 'base64'));
}

describe('ssh host keys are verified', () => {
  it('refuses an unknown host key without consent: the job fails, nothing runs on the host', async () => {
    const dir = workspace({ known_hosts: '' });
    const remote = join(dir, 'remote');
    const ran = await run(dir, ONE_JOB(remote), { runners: { knownHostsPath: join(dir, 'known_hosts') } });
    assert.equal(ran.outcome.status, 'failed');
    const error = ran.state.jobs.get('hello')!.error ?? '';
    assert.match(error, /not known and was not accepted/);
    assert.ok(error.includes(serverFingerprint()), `the error names the fingerprint: ${error}`);
    assert.ok(!existsSync(remote), 'no remote folder was created');
    assert.equal(readFileSync(join(dir, 'known_hosts'), 'utf8'), '', 'nothing was added to known_hosts');
  });

  it('accepts an unknown host key with consent and writes it to known_hosts', async () => {
    const dir = workspace({ known_hosts: '# my hosts\n' });
    const remote = join(dir, 'remote');
    const questions: HostKeyQuestion[] = [];
    const ran = await run(dir, ONE_JOB(remote), {
      runners: { knownHostsPath: join(dir, 'known_hosts'), confirmHostKey: async (q) => (questions.push(q), true) },
    });
    assert.equal(ran.outcome.status, 'done', ran.state.jobs.get('hello')!.error);
    assert.equal(log(ran, 'hello'), 'hello-from-ssh\n');
    assert.deepEqual(questions, [{ host: '127.0.0.1', port: sshd().port, fingerprint: serverFingerprint(), keyType: 'ssh-ed25519' }]);
    assert.equal(readFileSync(join(dir, 'known_hosts'), 'utf8'), `# my hosts\n[127.0.0.1]:${sshd().port} ${sshd().hostPublicKey}\n`);
    // Known now: the next run asks nobody.
    const again = await run(dir, ONE_JOB(remote), { runners: { knownHostsPath: join(dir, 'known_hosts') } });
    assert.equal(again.outcome.status, 'done');
  });

  it('refuses a CHANGED host key even when consent would be given, naming the fingerprint and the known_hosts line', async () => {
    const other = join(workspace(), 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherKey = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const dir = workspace({ known_hosts: `example.org ${sshd().hostPublicKey}\n[127.0.0.1]:${sshd().port} ${otherKey}\n` });
    const remote = join(dir, 'remote');
    let asked = 0;
    const ran = await run(dir, ONE_JOB(remote), { runners: { knownHostsPath: join(dir, 'known_hosts'), confirmHostKey: async () => (asked++, true) } });
    assert.equal(ran.outcome.status, 'failed');
    const error = ran.state.jobs.get('hello')!.error ?? '';
    assert.match(error, /CHANGED/);
    assert.ok(error.includes(serverFingerprint()), error);
    assert.ok(error.includes(`${join(dir, 'known_hosts')}:2`), `the error names the known_hosts line: ${error}`);
    assert.equal(asked, 0, 'nobody is asked about a changed key');
    assert.ok(!existsSync(remote), 'no remote folder was created');
  });

  it('finds keys in hashed known_hosts entries (ssh-keygen -H)', async () => {
    const dir = workspace({ known_hosts: `[127.0.0.1]:${sshd().port} ${sshd().hostPublicKey}\n` });
    execFileSync('ssh-keygen', ['-q', '-H', '-f', join(dir, 'known_hosts')], { stdio: 'ignore' });
    assert.match(readFileSync(join(dir, 'known_hosts'), 'utf8'), /^\|1\|/);
    const ran = await run(dir, ONE_JOB(join(dir, 'remote')), { runners: { knownHostsPath: join(dir, 'known_hosts') } });
    assert.equal(ran.outcome.status, 'done', ran.state.jobs.get('hello')!.error);
  });
});
