import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvents } from '../../src/core/store/events.js';
import { listRunDirs, readRun } from '../../src/core/store/run-store.js';
import { isRunning, runCli, workspace } from './helpers.js';

const BIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('crash safety', () => {
  it('a run whose runner was kill -9ed reads back intact and resumes only what did not succeed', async () => {
    const dir = workspace({
      'w.ccwf': `
jobs:
  first: { run: echo first-ran }
  slow:
    needs: [first]
    run: |
      echo "# cloudmesh status=running progress=50"
      echo before-crash
      sleep 1
      echo after-sleep
  last: { run: echo last-ran, needs: [slow] }
`,
    });
    const runner = spawn(process.execPath, ['--import', new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href, BIN, 'run', 'w.ccwf'], { cwd: dir, stdio: 'ignore' });
    const runsDir = join(dir, '.ccwf', 'runs');
    const slowStarted = () => listRunDirs(runsDir).some((d) => readRun(d, () => true)?.jobs.get('slow')?.progress === 50);
    await until(slowStarted, 'the slow job to report progress');
    runner.kill('SIGKILL');
    await new Promise((r) => runner.once('exit', r));

    const [runDir] = listRunDirs(runsDir);
    const crashed = readRun(runDir!)!;
    assert.equal(crashed.status, 'interrupted');
    assert.equal(crashed.jobs.get('first')!.status, 'done');
    assert.notEqual(crashed.jobs.get('slow')!.status, 'done');
    const eventsBefore = readFileSync(join(runDir!, 'events.jsonl'), 'utf8');
    assert.ok(eventsBefore.endsWith('\n'), 'the event log ends in a whole line');
    assert.match(readFileSync(join(runDir!, 'logs', 'slow.log'), 'utf8'), /before-crash/);

    const resumed = await runCli(['run', 'w.ccwf', '--resume', crashed.runId], dir);
    assert.equal(resumed.code, 0, resumed.stderr);
    const after = readRun(runDir!)!;
    assert.equal(after.status, 'done');
    assert.deepEqual([...after.jobs.values()].map((j) => j.status), ['done', 'done', 'done']);
    assert.equal(readFileSync(join(runDir!, 'logs', 'first.log'), 'utf8'), 'first-ran\n', 'a job that had succeeded ran again');
    const slowLog = readFileSync(join(runDir!, 'logs', 'slow.log'), 'utf8');
    assert.match(slowLog, /before-crash[\s\S]*before-crash[\s\S]*after-sleep/, 'the log keeps the crashed attempt and the new one');
    assert.ok(readFileSync(join(runDir!, 'events.jsonl'), 'utf8').startsWith(eventsBefore), 'events written before the crash were kept as they were');
    assert.equal(parseEvents(readFileSync(join(runDir!, 'events.jsonl'), 'utf8')).filter((e) => e.type === 'run-resume').length, 1);
  });

  it('ignores a torn last line in the event log', () => {
    const events = parseEvents('{"t":1,"type":"run-start","runId":"x","workflowFile":"w","jobs":["a"],"pid":1,"hostname":"h","concurrency":1}\n{"t":2,"type":"job-st');
    assert.equal(events.length, 1);
  });
});

describe('cancel and follow from another process', () => {
  it('`ccwf cancel` stops a running run: its jobs are killed and the record says cancelled', async () => {
    const dir = workspace({ 'w.ccwf': 'jobs:\n  long:\n    run: |\n      echo "# cloudmesh status=running progress=5"\n      echo $$ > long.pid\n      sleep 60\n' });
    const runner = spawn(process.execPath, ['--import', new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href, BIN, 'run', 'w.ccwf'], { cwd: dir, stdio: 'ignore' });
    const runsDir = join(dir, '.ccwf', 'runs');
    await until(() => listRunDirs(runsDir).some((d) => readRun(d)?.jobs.get('long')?.progress === 5), 'the long job to start');
    const [runDir] = listRunDirs(runsDir);
    const runId = readRun(runDir!)!.runId;

    const follow = runCli(['logs', '--follow', runId, 'long'], dir);
    const cancelled = await runCli(['cancel', runId], dir);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /cancelled/);
    const followed = await follow;
    assert.match(followed.stdout, /progress=5/, '`logs --follow` printed the output and returned when the job ended');
    const exit = await new Promise<number | null>((r) => (runner.exitCode !== null ? r(runner.exitCode) : runner.once('exit', r)));
    assert.equal(exit, 1, 'a cancelled run exits 1');
    const pid = Number(readFileSync(join(dir, 'long.pid'), 'utf8'));
    assert.equal(isRunning(pid), false, 'the job process survived cancel');
    assert.equal(readRun(runDir!)!.jobs.get('long')!.status, 'cancelled');
  });

  it('`ccwf cancel RUN JOB` stops only that job: what needs it is skipped, the rest goes on', async () => {
    const dir = workspace({
      'w.ccwf': [
        'jobs:',
        '  long:',
        '    run: |',
        '      echo $$ > long.pid',
        '      echo "# cloudmesh progress=5"',
        '      sleep 60',
        '  after-long: { run: echo never, needs: [long] }',
        '  other:',
        '    run: |',
        '      echo "# cloudmesh progress=5"',
        '      sleep 1; echo other done',
        '',
      ].join('\n'),
    });
    const runner = spawn(process.execPath, ['--import', new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href, BIN, 'run', 'w.ccwf', '--run-id', 'named-run'], { cwd: dir, stdio: 'ignore' });
    const runDir = join(dir, '.ccwf', 'runs', 'named-run');
    await until(() => readRun(runDir)?.jobs.get('long')?.progress === 5, 'the long job to start');
    const cancelled = await runCli(['cancel', 'named-run', 'long'], dir);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /job long: cancelled/);
    const exit = await new Promise<number | null>((r) => (runner.exitCode !== null ? r(runner.exitCode) : runner.once('exit', r)));
    const state = readRun(runDir)!;
    assert.equal(state.jobs.get('long')!.status, 'cancelled');
    assert.equal(state.jobs.get('after-long')!.status, 'skipped');
    assert.equal(state.jobs.get('other')!.status, 'done', 'the independent job finished');
    assert.equal(state.status, 'cancelled');
    assert.equal(exit, 1);
    assert.equal(isRunning(Number(readFileSync(join(dir, 'long.pid'), 'utf8'))), false, 'the cancelled job process is gone');
  });
});
