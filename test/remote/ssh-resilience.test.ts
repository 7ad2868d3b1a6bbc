import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkflow } from '../../src/core/engine/run-workflow.js';
import { defaultRunners, disposeRunners } from '../../src/core/runners/default-runners.js';
import { parseEvents } from '../../src/core/store/events.js';
import { listRunDirs, readRun } from '../../src/core/store/run-store.js';
import { isRunning } from '../unit/helpers.js';
import { log, run, runnerOptions, sshHost, until, workspace } from './helpers.js';
import { sshd } from './hooks.js';

const DRIVER = new URL('./driver.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line-${from + i}`);
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

describe('ssh runner when things break', function () {
  this.timeout(120_000);
  /** Files jobs wait for: all written after each test, so a failed test never leaves a job waiting. */
  const gates: string[] = [];
  afterEach(() => gates.splice(0).forEach((g) => writeFileSync(g, '')));

  it('survives sshd and its sessions being killed mid-run: the job goes on, no log line lost or doubled', async () => {
    const dir = workspace();
    const remote = join(dir, 'remote');
    // Three stretches of output: before the kill, while sshd is down, after it is back.
    const job = `for i in $(seq 1 20); do echo line-$i; done
      while [ ! -e ${dir}/gate1 ] && [ -d ${dir} ]; do sleep 0.05; done
      for i in $(seq 21 40); do echo line-$i; sleep 0.01; done
      while [ ! -e ${dir}/gate2 ] && [ -d ${dir} ]; do sleep 0.05; done
      for i in $(seq 41 60); do echo line-$i; done`;
    const workflow = `hosts:\n${sshHost(remote)}jobs:\n  numbered:\n    host: remote\n    run: |\n      ${job}\n`;
    const running = run(dir, workflow);
    gates.push(join(dir, 'gate1'), join(dir, 'gate2'));
    const localLog = () => {
      const runDir = listRunDirs(join(dir, 'runs'))[0];
      return runDir ? read(join(runDir, 'logs', 'numbered.log')) : '';
    };
    await until(() => localLog().includes('line-20\n'), 'the first 20 lines in the local log');
    await sshd().killAll();
    writeFileSync(join(dir, 'gate1'), '');
    const remoteLog = () => {
      const runDir = listRunDirs(join(dir, 'runs'))[0]!;
      return read(join(remote, readRun(runDir)!.runId, 'numbered.log'));
    };
    await until(() => remoteLog().includes('line-40\n'), 'the job to write on while sshd is down');
    assert.ok(!localLog().includes('line-21\n'), 'nothing can be copied while sshd is down');
    await sshd().start();
    await until(() => localLog().includes('line-40\n'), 'the runner to reconnect and copy what was written meanwhile');
    writeFileSync(join(dir, 'gate2'), '');
    const ran = await running;
    assert.equal(ran.outcome.status, 'done', JSON.stringify(ran.state.jobs.get('numbered')));
    assert.equal(log(ran, 'numbered'), lines(1, 60).join('\n') + '\n', 'every line exactly once, in order');
    assert.equal(log(ran, 'numbered'), remoteLog(), 'the local log is byte-identical to the remote one');
  });

  it('after kill -9 of the runner, resume records jobs that ended meanwhile and re-attaches running ones', async () => {
    const dir = workspace();
    const remote = join(dir, 'remote');
    const workflow = `hosts:\n${sshHost(remote)}jobs:
  ended-meanwhile:
    host: remote
    run: |
      echo started >> ${dir}/count-a
      echo a-1
      while [ ! -e ${dir}/gate-a ] && [ -d ${dir} ]; do sleep 0.05; done
      echo a-2
  still-running:
    host: remote
    run: |
      echo started >> ${dir}/count-b
      echo b-1
      while [ ! -e ${dir}/gate-b ] && [ -d ${dir} ]; do echo tick; sleep 0.1; done
      echo b-2
`;
    writeFileSync(join(dir, 'w.ccwf'), workflow);
    gates.push(join(dir, 'gate-a'), join(dir, 'gate-b'));
    const runsDir = join(dir, 'runs');
    const driver = spawn(process.execPath, ['--import', TSX, DRIVER, join(dir, 'w.ccwf'), runsDir, sshd().configPath], { stdio: 'ignore' });
    const events = () => {
      const runDir = listRunDirs(runsDir)[0];
      return runDir ? parseEvents(read(join(runDir, 'events.jsonl'))) : [];
    };
    await until(() => events().filter((e) => e.type === 'job-start' && e.ref?.detached === 1).length === 2, 'both remote jobs to start');
    driver.kill('SIGKILL');
    await new Promise((r) => driver.once('exit', r));
    const runDir = listRunDirs(runsDir)[0]!;
    const runId = readRun(runDir)!.runId;
    assert.equal(readRun(runDir)!.status, 'interrupted');

    writeFileSync(join(dir, 'gate-a'), '');
    await until(() => existsSync(join(remote, runId, 'ended-meanwhile.exit')), 'the first job to end while no runner watches');
    const ticks = () => read(join(runDir, 'logs', 'still-running.log')).split('tick').length;
    const before = ticks();
    const runners = defaultRunners(runnerOptions());
    const resumed = runWorkflow({ workflowPath: join(dir, 'w.ccwf'), runsDir, resume: runId, runners });
    await until(() => ticks() > before + 2, 'the resumed runner to follow the running job');
    appendFileSync(join(dir, 'gate-b'), '');
    const outcome = await resumed;
    await disposeRunners(runners);
    assert.equal(outcome.kind === 'ran' && outcome.status, 'done');
    const state = readRun(runDir)!;
    assert.deepEqual([...state.jobs.values()].map((j) => [j.name, j.status, j.exitCode]), [['ended-meanwhile', 'done', 0], ['still-running', 'done', 0]]);
    assert.equal(read(join(dir, 'count-a')), 'started\n', 'the job that ended meanwhile was not run again');
    assert.equal(read(join(dir, 'count-b')), 'started\n', 'the running job was followed, not run again');
    assert.equal(read(join(runDir, 'logs', 'ended-meanwhile.log')), 'a-1\na-2\n');
    const b = read(join(runDir, 'logs', 'still-running.log'));
    assert.equal(b, read(join(remote, runId, 'still-running.log')), 'the local log is byte-identical to the remote one');
    assert.match(b, /^b-1\n(tick\n)+b-2\n$/);
    assert.equal(events().filter((e) => e.type === 'job-start').length, 2, 'no job was started again');
  });

  it('cancel kills the remote process group, grandchildren included', async () => {
    const dir = workspace();
    const remote = join(dir, 'remote');
    const controller = new AbortController();
    const runners = defaultRunners(runnerOptions());
    writeFileSync(join(dir, 'w.ccwf'), `hosts:\n${sshHost(remote)}jobs:\n  long:\n    host: remote\n    run: |\n      sleep 300 &\n      echo $! > ${dir}/grandchild.pid\n      wait\n`);
    const running = runWorkflow({ workflowPath: join(dir, 'w.ccwf'), runsDir: join(dir, 'runs'), runners, signal: controller.signal });
    const pidFile = join(dir, 'grandchild.pid');
    await until(() => read(pidFile).endsWith('\n'), 'the grandchild to start');
    const grandchild = Number(read(pidFile));
    assert.ok(isRunning(grandchild));
    controller.abort();
    const outcome = await running;
    await disposeRunners(runners);
    assert.equal(outcome.kind === 'ran' && outcome.status, 'cancelled');
    await until(() => !isRunning(grandchild), 'the grandchild to be killed');
    const runId = outcome.kind === 'ran' ? outcome.runId : '';
    assert.equal(read(join(remote, runId, 'long.exit')), '143\n', 'the monitor recorded the end');
  });
});
