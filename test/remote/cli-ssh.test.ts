// The built `ccwf` command (dist/cli.js, as users run it) running ssh jobs: the ssh runner is a
// chunk loaded on demand, and an unknown host key is refused with its fingerprint unless accepted.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEngineQuestion, type EngineQuestion } from '../../src/protocol/engine-questions.js';
import { sshd } from './hooks.js';
import { sshHost, workspace } from './helpers.js';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

/** A HOME with the fixture's key and config but an empty known_hosts: the server is unknown there. */
function homeWithoutKnownHosts(): string {
  const home = workspace();
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  const config = readFileSync(sshd().configPath, 'utf8').replaceAll(sshd().knownHostsPath, join(home, '.ssh', 'known_hosts'));
  writeFileSync(join(home, '.ssh', 'config'), config);
  copyFileSync(sshd().clientKey, join(home, '.ssh', 'id_ed25519'));
  return home;
}

function ccwf(dir: string, home: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' }, timeout: 60_000 });
}

describe('the ccwf command with ssh hosts', () => {
  it('runs an ssh job from the built CLI, reading ~/.ssh/config and known_hosts', () => {
    const dir = workspace({ 'w.ccwf': `hosts:\n${sshHost(join(workspace(), 'remote'))}jobs:\n  far: { host: remote, run: 'echo "far away: $SSH_CONNECTION"' }\n` });
    const result = ccwf(dir, sshd().home, 'run', 'w.ccwf');
    assert.equal(result.status, 0, result.stderr);
    const runId = /run (\S+): done/.exec(result.stderr)![1]!;
    assert.match(readFileSync(join(dir, '.ccwf', 'runs', runId, 'logs', 'far.log'), 'utf8'), /^far away: 127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+/);
  });

  it('refuses a host not in known_hosts, printing its fingerprint, and accepts it with --accept-new-host-keys', () => {
    const home = homeWithoutKnownHosts();
    const dir = workspace({ 'w.ccwf': `hosts:\n${sshHost(join(workspace(), 'remote'))}jobs:\n  far: { host: remote, run: echo hi }\n` });

    const refused = ccwf(dir, home, 'run', 'w.ccwf');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not in known_hosts; its ssh-ed25519 key is SHA256:\S+/);
    assert.match(refused.stderr, /--accept-new-host-keys/);

    const accepted = ccwf(dir, home, 'run', 'w.ccwf', '--accept-new-host-keys');
    assert.equal(accepted.status, 0, accepted.stderr);
    assert.match(accepted.stderr, /accepting the new ssh-ed25519 key of \[127\.0\.0\.1\]:\d+ \(SHA256:/);
    assert.match(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8'), /^\[127\.0\.0\.1\]:\d+ ssh-ed25519 /m);
  });

  it('asks the process that started it (VS Code, over IPC) about an unknown host key, and uses the answer', async () => {
    const home = homeWithoutKnownHosts();
    const dir = workspace({ 'w.ccwf': `hosts:\n${sshHost(join(workspace(), 'remote'))}jobs:\n  far: { host: remote, run: echo hi }\n` });
    const child = spawn(process.execPath, [CLI, 'run', 'w.ccwf'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' } });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const questions: EngineQuestion[] = [];
    child.on('message', (m) => {
      if (!isEngineQuestion(m)) return;
      questions.push(m);
      child.send({ type: 'ccwf-answer', id: m.id, answer: 'yes' });
    });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0, stderr);
    assert.equal(questions.length, 1);
    assert.equal(questions[0]!.secret, false);
    assert.match(questions[0]!.question, /can't be established\.\nssh-ed25519 key fingerprint is SHA256:\S+\.\nAccept it/);
    assert.match(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8'), /^\[127\.0\.0\.1\]:\d+ ssh-ed25519 /m);
  });
});
