// The built `ccwf` command (dist/cli.js, as users run it) running ssh jobs: the ssh runner is a
// chunk loaded on demand, and an unknown host key is refused with its fingerprint unless accepted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sshd } from './hooks.js';
import { sshHost, workspace } from './helpers.js';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

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
    // A HOME whose known_hosts is empty: the same server is unknown there.
    const home = workspace();
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const config = readFileSync(sshd().configPath, 'utf8').replaceAll(sshd().knownHostsPath, join(home, '.ssh', 'known_hosts'));
    writeFileSync(join(home, '.ssh', 'config'), config);
    copyFileSync(sshd().clientKey, join(home, '.ssh', 'id_ed25519'));
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
});
