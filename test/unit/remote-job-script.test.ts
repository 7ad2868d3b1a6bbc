import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newJobToken, parseExitLine, parseStartedLine, probeJobScript, signalJobScript, startJobScript, type RemoteJob } from '../../src/core/runners/remote-job-script.js';
import { remoteRunDir } from '../../src/core/runners/remote-command.js';
import { isRunning } from './helpers.js';

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a script with /bin/sh -c in a temp HOME, as the control shell on a remote host would. */
function sh(script: string, home: string, path = process.env.PATH!): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { env: { HOME: home, PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    // The monitor holds stdout only until it has printed its line: 'close' means it said all.
    child.on('close', () => resolve(out));
  });
}

describe('remote job script (run with a real /bin/sh)', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'ccwf-home-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  function job(argv: string[], extra: Partial<RemoteJob> = {}): RemoteJob {
    return { dir: remoteRunDir({}, 'run-1', home), stem: 'job', token: newJobToken(1), cwd: home, env: {}, argv, ...extra };
  }

  async function start(j: RemoteJob, path?: string) {
    const out = await sh(startJobScript(j), home, path);
    const started = out.split('\n').map(parseStartedLine).find((s) => s !== undefined);
    assert.ok(started, `no started line in ${JSON.stringify(out)}`);
    assert.equal(started.token, j.token);
    return started;
  }

  const exitFile = (j: RemoteJob) => join(j.dir, `${j.stem}.exit`);

  it('creates ~/.ccwf/runs/<run>/, records pid, log and an atomic exit code (3)', async () => {
    const j = job(['/bin/sh', '-c', 'echo out; echo err >&2; exit 3'], { env: { GREETING: "it's $HOME" } });
    const started = await start(j);
    assert.equal(j.dir, join(home, '.ccwf', 'runs', 'run-1'));
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(exitFile(j), 'utf8'), '3\n');
    assert.equal(readFileSync(join(j.dir, 'job.pid'), 'utf8'), `${started.pgid}\n`);
    assert.equal(readFileSync(join(j.dir, 'job.log'), 'utf8'), 'out\nerr\n');
    assert.deepEqual(parseExitLine(readFileSync(join(j.dir, 'exits'), 'utf8').trim()), { token: j.token, code: 3 });
    assert.ok(!existsSync(join(j.dir, 'job.exit.tmp')));
  });

  it('passes hostile argv, environment and working folder through unchanged', async () => {
    const cwd = join(home, "a dir with 'quotes' and $(x)");
    mkdirSync(cwd);
    const args = ["it's", '$(touch pwned)', '`id`', 'a\nb', '', '*', '-n', '日本'];
    const env = { WEIRD: "'; touch pwned; '\n$HOME", EMPTY: '' };
    const j = job(['/bin/sh', '-c', 'pwd; printf "[%s]" "$@"; printf "{%s}{%s}" "$WEIRD" "$EMPTY"', 'sh', ...args], { cwd, env });
    await start(j);
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(join(j.dir, 'job.log'), 'utf8'), `${cwd}\n${args.map((a) => `[${a}]`).join('')}{${env.WEIRD}}{}`);
    assert.ok(!existsSync(join(cwd, 'pwned')) && !existsSync(join(home, 'pwned')));
  });

  it('runs detached: the job outlives the shell that started it, and its log is complete', async () => {
    const j = job(['/bin/sh', '-c', 'for i in 1 2 3 4 5; do echo line-$i; sleep 0.1; done']);
    await start(j); // the starting shell has exited here
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(join(j.dir, 'job.log'), 'utf8'), 'line-1\nline-2\nline-3\nline-4\nline-5\n');
    assert.equal(readFileSync(exitFile(j), 'utf8'), '0\n');
  });

  it('killing the process group kills grandchildren, and the exit code is still recorded', async () => {
    const j = job(['/bin/sh', '-c', 'sleep 60 & echo $! > grandchild.pid; wait']);
    const { pgid } = await start(j);
    const grandchildFile = join(home, 'grandchild.pid');
    await until(() => existsSync(grandchildFile) && readFileSync(grandchildFile, 'utf8').endsWith('\n'), 'the grandchild');
    const grandchild = Number(readFileSync(grandchildFile, 'utf8'));
    assert.ok(isRunning(grandchild));
    assert.equal(await sh(probeJobScript(j.dir, j.stem, pgid), home), 'running\n');
    await sh(signalJobScript(pgid, 'TERM'), home);
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(exitFile(j), 'utf8'), '143\n');
    await until(() => !isRunning(grandchild), 'the grandchild to be gone');
    assert.equal(await sh(probeJobScript(j.dir, j.stem, pgid), home), 'exited 143\n');
  });

  it('a retry appends to the log and reports where its output starts', async () => {
    const first = job(['/bin/sh', '-c', 'echo first; exit 1']);
    await start(first);
    await until(() => existsSync(exitFile(first)), 'the first exit');
    const second = { ...first, token: newJobToken(2), argv: ['/bin/sh', '-c', 'echo second'] };
    const started = await start(second);
    assert.equal(started.logOffset, 'first\n'.length);
    await until(() => existsSync(exitFile(second)) && readFileSync(exitFile(second), 'utf8') === '0\n', 'the second exit');
    assert.equal(readFileSync(join(first.dir, 'job.log'), 'utf8'), 'first\nsecond\n');
  });

  it('falls back to nohup where setsid is missing', async () => {
    // A PATH with the usual tools but no setsid, as on macOS.
    const bin = join(home, 'bin');
    mkdirSync(bin);
    const tools = ['sh', 'mkdir', 'mv', 'rm', 'wc', 'nohup', 'sleep', 'cat'];
    await sh(tools.map((t) => `ln -s "$(command -v ${t})" ${bin}/${t}`).join('; '), home);
    const j = job(['sh', '-c', 'echo via-nohup; exit 4']);
    await start(j, bin);
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(exitFile(j), 'utf8'), '4\n');
    assert.equal(readFileSync(join(j.dir, 'job.log'), 'utf8'), 'via-nohup\n');
  });

  it('a missing working folder fails the job with the reason in its log', async () => {
    const j = job(['/bin/sh', '-c', 'echo never'], { cwd: join(home, 'missing') });
    await start(j);
    await until(() => existsSync(exitFile(j)), 'the exit file');
    assert.equal(readFileSync(exitFile(j), 'utf8'), '126\n');
    assert.match(readFileSync(join(j.dir, 'job.log'), 'utf8'), /missing/);
  });

  it('refuses environment names a shell cannot export', () => {
    assert.throws(() => startJobScript(job(['true'], { env: { 'A-B': '1' } })), /environment variable name/);
  });

  it('puts runs under the host workdir when one is set', () => {
    assert.equal(remoteRunDir({ workdir: '/scratch/me/' }, 'r', '/home/me'), '/scratch/me/r');
    assert.equal(remoteRunDir({ workdir: '~/work' }, 'r', '/home/me'), '/home/me/work/r');
    assert.equal(remoteRunDir({ workdir: 'rel' }, 'r', '/home/me'), '/home/me/rel/r');
    assert.equal(remoteRunDir({}, 'r', '/home/me'), '/home/me/.ccwf/runs/r');
  });
});
