import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { log, run, sshHost, workspace } from './helpers.js';
import { sshd } from './hooks.js';

describe('ssh runner against a real OpenSSH server', () => {
  it('runs a workflow mixing local and ssh jobs: logs, progress and exit codes come back', async () => {
    const dir = workspace();
    const remote = join(dir, 'remote');
    const ran = await run(dir, `
hosts:
${sshHost(remote)}
jobs:
  prepare: { run: echo local-ran }
  train:
    needs: [prepare]
    host: remote
    run: |
      echo "# cloudmesh status=running progress=40"
      echo "ssh-connection=[$SSH_CONNECTION]"
      echo "run-dir=$CCWF_RUN_DIR"
      echo to-stderr >&2
  report: { run: echo report-ran, needs: [train] }
`);
    assert.equal(ran.outcome.status, 'done', JSON.stringify([...ran.state.jobs.values()]));
    assert.equal(log(ran, 'prepare'), 'local-ran\n');
    const trained = log(ran, 'train');
    assert.match(trained, /ssh-connection=\[127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+\]/, 'the ssh job ran through sshd');
    assert.match(trained, new RegExp(`run-dir=${remote}/${ran.outcome.runId}\n`));
    assert.match(trained, /to-stderr/);
    assert.equal(trained, readFileSync(join(remote, ran.outcome.runId, 'train.log'), 'utf8'), 'the local log is byte-identical to the remote one');
    assert.ok(ran.events.some((e) => e.type === 'job-progress' && e.job === 'train' && e.progress === 40));
    const start = ran.events.find((e) => e.type === 'job-start' && e.job === 'train');
    assert.ok(start?.type === 'job-start' && start.ref?.detached === 1 && typeof start.ref.pgid === 'number');
    assert.equal(log(ran, 'report'), 'report-ran\n');
    assert.ok(existsSync(join(remote, ran.outcome.runId, 'train.exit')));
  });
});

describe('ssh runner at scale', () => {
  it('runs 200 ssh jobs over ONE connection', async () => {
    const dir = workspace();
    const before = sshd().acceptedConnections();
    const jobs = Array.from({ length: 200 }, (_, i) => `  j${i}: { host: remote, run: "echo job-${i}" }`).join('\n');
    const started = Date.now();
    const ran = await run(dir, `hosts:\n${sshHost(join(dir, 'remote'))}jobs:\n${jobs}\n`, { concurrency: 64 });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(ran.outcome.status, 'done');
    for (let i = 0; i < 200; i++) assert.equal(log(ran, `j${i}`), `job-${i}\n`);
    assert.equal(sshd().acceptedConnections() - before, 1, 'connections accepted by sshd during the run');
    console.log(`      200 ssh jobs in ${seconds.toFixed(2)} s`);
  });
});

describe('ssh runner: scripts, default folders, ProxyJump', () => {
  it('stages script files by SFTP and passes their arguments literally', async () => {
    const dir = workspace({ 'steps.sh': 'echo "args:[$1][$2]"; echo "at $(basename "$0")"; exit 3\n', 'hello.py': 'import sys\nprint("py", sys.argv[1:])\n' });
    const remote = join(dir, 'remote');
    const ran = await run(dir, `hosts:\n${sshHost(remote)}jobs:\n  steps: { host: remote, script: steps.sh, args: ["a b", "$(id)"] }\n  py: { host: remote, script: hello.py, args: ["x"] }\n`);
    assert.equal(ran.state.jobs.get('steps')!.exitCode, 3);
    assert.equal(log(ran, 'steps'), 'args:[a b][$(id)]\nat steps.sh\n');
    assert.equal(log(ran, 'py'), "py ['x']\n");
    assert.ok(existsSync(join(remote, ran.outcome.runId, 'scripts', 'steps', 'steps.sh')));
  });

  it('puts run files in ~/.ccwf/runs/<run> on the host when no workdir is set', async () => {
    const dir = workspace();
    const ran = await run(dir, `hosts:\n  remote: { kind: ssh, ssh: ccwf-test }\njobs:\n  where: { host: remote, run: 'echo "$CCWF_RUN_DIR"' }\n`);
    // The fixture logs in as the current user, so the host's ~ is ours.
    const expected = join(homedir(), '.ccwf', 'runs', ran.outcome.runId);
    try {
      assert.equal(log(ran, 'where'), `${expected}\n`);
      assert.equal(readFileSync(join(expected, 'where.exit'), 'utf8'), '0\n');
    } finally {
      rmSync(expected, { recursive: true, force: true });
    }
  });

  it('connects through a ProxyJump host', async () => {
    const dir = workspace();
    const config = join(dir, 'ssh_config');
    writeFileSync(config, readFileSync(sshd().configPath, 'utf8'));
    // The jump host is the same sshd, reached by its alias; the target is reached through it.
    appendFileSync(config, `Host behind-jump\n  HostName 127.0.0.1\n  Port ${sshd().port}\n  ProxyJump ccwf-test\n  IdentityFile ${sshd().clientKey}\n  UserKnownHostsFile ${sshd().knownHostsPath}\n`);
    const before = sshd().acceptedConnections();
    const ran = await run(dir, `hosts:\n  far: { kind: ssh, ssh: behind-jump, workdir: ${JSON.stringify(join(dir, 'remote'))} }\njobs:\n  hop: { host: far, run: 'echo "via $SSH_CONNECTION"' }\n`, { runners: { sshConfigPath: config } });
    assert.equal(ran.outcome.status, 'done', ran.state.jobs.get('hop')!.error);
    assert.match(log(ran, 'hop'), /^via 127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+\n$/);
    assert.equal(sshd().acceptedConnections() - before, 2, 'one login on the jump host, one on the target through it');
  });
});
