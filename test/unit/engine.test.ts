import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkflow } from '../../src/core/engine/run-workflow.js';
import type { RunEvent } from '../../src/core/store/events.js';
import { readRun } from '../../src/core/store/run-store.js';
import { safeFileName } from '../../src/core/store/file-names.js';
import { isRunning, workspace } from './helpers.js';

async function run(yaml: string, extra: Parameters<typeof runWorkflow>[0] extends infer R ? Partial<R> : never = {}, files: Record<string, string> = {}) {
  const dir = workspace({ 'w.ccwf': yaml, ...files });
  const events: RunEvent[] = [];
  const outcome = await runWorkflow({ workflowPath: join(dir, 'w.ccwf'), onEvent: (e) => events.push(e), ...extra });
  assert.equal(outcome.kind, 'ran', JSON.stringify(outcome));
  if (outcome.kind !== 'ran') throw new Error('unreachable');
  return { dir, outcome, events, state: readRun(outcome.runDir)!, log: (job: string) => readFileSync(join(outcome.runDir, 'logs', `${safeFileName(job)}.log`), 'utf8') };
}

const order = (events: RunEvent[], type: RunEvent['type']) => events.filter((e) => e.type === type).map((e) => (e as { job: string }).job);

describe('engine with real processes', () => {
  it('starts a job only after everything it needs succeeded', async () => {
    const { events, state } = await run(`
jobs:
  c: { run: echo c, needs: [a, b] }
  a: { run: sleep 0.2; echo a }
  b: { run: echo b }
`);
    const starts = events.filter((e) => e.type === 'job-start').map((e) => (e as { job: string }).job);
    const ends = order(events, 'job-end');
    assert.ok(starts.indexOf('c') === 2 && ends.indexOf('c') === 2, `c ran before a and b finished: ${starts} / ${ends}`);
    assert.equal(state.status, 'done');
  });

  it('runs independent jobs at the same time, up to the concurrency limit', async () => {
    const yaml = `jobs:\n${[1, 2, 3, 4].map((i) => `  j${i}: { run: sleep 0.3 }`).join('\n')}\n`;
    const measure = async (concurrency: number) => {
      const { events } = await run(yaml, { concurrency });
      let running = 0;
      let peak = 0;
      for (const e of events) {
        if (e.type === 'job-start') peak = Math.max(peak, ++running);
        if (e.type === 'job-end') running--;
      }
      return peak;
    };
    assert.equal(await measure(2), 2);
    assert.equal(await measure(4), 4);
    assert.equal(await measure(1), 1);
  });

  it('respects a per-host limit', async () => {
    const { events } = await run(`
hosts:
  local: { kind: local, concurrency: 1 }
jobs:
  a: { run: sleep 0.1 }
  b: { run: sleep 0.1 }
  c: { run: sleep 0.1 }
`, { concurrency: 3 });
    let running = 0;
    for (const e of events) {
      if (e.type === 'job-start') assert.equal(++running, 1, 'two jobs ran at once on a host limited to one');
      if (e.type === 'job-end') running--;
    }
  });

  it('skips what depends on a failed job and lets independent branches finish', async () => {
    const { state, outcome } = await run(`
jobs:
  bad: { run: exit 3 }
  after-bad: { run: echo never, needs: [bad] }
  after-after: { run: echo never, needs: [after-bad] }
  good: { run: sleep 0.2 }
  after-good: { run: echo yes, needs: [good] }
`);
    assert.equal(outcome.status, 'failed');
    assert.equal(state.jobs.get('bad')!.status, 'failed');
    assert.equal(state.jobs.get('bad')!.exitCode, 3);
    assert.equal(state.jobs.get('after-bad')!.status, 'skipped');
    assert.equal(state.jobs.get('after-after')!.status, 'skipped');
    assert.equal(state.jobs.get('after-good')!.status, 'done');
  });

  it('stops everything with fail-fast', async () => {
    const { state, outcome } = await run(`
jobs:
  bad: { run: exit 1 }
  slow: { run: sleep 30 }
`, { failFast: true, concurrency: 2 });
    assert.equal(outcome.status, 'failed');
    assert.equal(state.jobs.get('slow')!.status, 'cancelled');
  });

  it('retries a failing attempt, with the attempt number in the environment', async () => {
    const { state, log } = await run(`
jobs:
  flaky:
    run: 'echo "attempt $CCWF_ATTEMPT"; test "$CCWF_ATTEMPT" -ge 3'
    retries: 2
    retry_delay: 10ms
`);
    assert.equal(state.jobs.get('flaky')!.status, 'done');
    assert.equal(state.jobs.get('flaky')!.attempt, 3);
    assert.equal(log('flaky'), 'attempt 1\nattempt 2\nattempt 3\n', 'every attempt is kept in the log');
  });

  it('kills a job that runs past its timeout', async () => {
    const started = Date.now();
    const { state } = await run(`jobs:\n  slow: { run: sleep 30, timeout: 300ms }\n`);
    assert.equal(state.jobs.get('slow')!.status, 'failed');
    assert.match(state.jobs.get('slow')!.error ?? '', /timed out after 300ms/);
    assert.ok(Date.now() - started < 10_000);
  });

  it('cancel kills the whole process tree, grandchildren included', async () => {
    const controller = new AbortController();
    const pidFile = join(workspace({}), 'grandchild.pid');
    const pending = run(`jobs:\n  tree: { run: 'bash -c "sleep 60 & echo \\$! > ${pidFile}; wait"' }\n`, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'job-start') setTimeout(() => controller.abort(), 300);
      },
    });
    const { outcome, state } = await pending;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(state.jobs.get('tree')!.status, 'cancelled');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(isRunning(grandchild), false, 'the grandchild survived cancel');
  });

  it('says that a job could not start because its working folder is missing', async () => {
    const { state } = await run(`jobs:\n  no-folder: { run: echo hi, cwd: no/such/folder }\n`);
    assert.equal(state.jobs.get('no-folder')!.status, 'failed');
    assert.match(state.jobs.get('no-folder')!.error ?? '', /working folder .*no\/such\/folder does not exist/);
  });

  it('reads progress lines from the output as the job streams', async () => {
    const { state, events } = await run(`
jobs:
  p:
    run: |
      echo "# cloudmesh status=running progress=10 pid=$$"
      sleep 0.1
      echo "noise # cloudmesh status=training progress=55 msg=epoch-2 loss=0.3"
      echo "done"
`);
    const progress = events.filter((e) => e.type === 'job-progress');
    assert.deepEqual(progress.map((e) => (e as { progress?: number }).progress), [10, 55]);
    const job = state.jobs.get('p')!;
    assert.equal(job.reported, 'training');
    assert.equal(job.values.msg, 'epoch-2');
    assert.equal(job.values.loss, '0.3');
  });

  it('passes names and arguments with shell metacharacters as literal text', async () => {
    const hostile = ['$(touch pwned)', '`touch pwned2`', 'a; touch pwned3', "it's \"quoted\"", 'line\nbreak', '--leading-dash', 'ünïcødé ✓'];
    const { state, log, dir } = await run(`
jobs:
  "job with spaces; \$(touch pwned4)":
    script: echo-args.sh
    args: ${JSON.stringify(hostile)}
`, {}, { 'echo-args.sh': 'for a in "$@"; do printf "[%s]\\n" "$a"; done\n' });
    assert.equal(state.status, 'done');
    const name = 'job with spaces; $(touch pwned4)';
    assert.equal(state.jobs.get(name)!.status, 'done');
    assert.equal(log(name), hostile.map((a) => `[${a}]\n`).join(''));
    for (const f of ['pwned', 'pwned2', 'pwned3', 'pwned4']) assert.throws(() => readFileSync(join(dir, f)), /ENOENT/, `${f} was created: injection`);
  });
});

