import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLogTail, RunFollower, type RunChange } from '../../src/core/store/run-follower.js';
import { RunsWatcher } from '../../src/core/store/runs-watcher.js';
import { workspace } from './helpers.js';

const start = (jobs: string[]) => JSON.stringify({ t: 1, type: 'run-start', runId: 'r1', workflowFile: '/w.ccwf', jobs, pid: process.pid, hostname: 'h', concurrency: 2 }) + '\n';
const line = (e: object) => JSON.stringify(e) + '\n';

function runDir(): string {
  const dir = join(workspace({}), 'r1');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

function nextChange(follower: { changes: RunChange[] }, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + 5000;
    const tick = () => (follower.changes.length >= count ? resolve() : Date.now() > end ? reject(new Error('no change seen')) : setTimeout(tick, 10));
    tick();
  });
}

describe('following a run record', () => {
  it('reads the record, then only what is appended, as it is appended', async () => {
    const dir = runDir();
    writeFileSync(join(dir, 'events.jsonl'), start(['a', 'b']));
    const seen = { changes: [] as RunChange[] };
    const follower = new RunFollower(dir, (c) => seen.changes.push({ ...c, jobs: new Set(c.jobs) }));
    try {
      const first = follower.start();
      assert.deepEqual([...first!.jobs.keys()], ['a', 'b']);
      appendFileSync(join(dir, 'events.jsonl'), line({ t: 2, type: 'job-start', job: 'a', attempt: 1, host: 'local', logOffset: 0 }));
      await nextChange(seen, 2);
      assert.deepEqual([...seen.changes.at(-1)!.jobs], ['a']);
      assert.equal(follower.current!.jobs.get('a')!.status, 'running');
      // A line written in two pieces is applied once complete.
      const end = line({ t: 3, type: 'job-end', job: 'a', attempt: 1, status: 'done', exitCode: 0 });
      appendFileSync(join(dir, 'events.jsonl'), end.slice(0, 10));
      appendFileSync(join(dir, 'events.jsonl'), end.slice(10));
      await nextChange(seen, 3);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(follower.current!.jobs.get('a')!.status, 'done');
      assert.equal(follower.current!.jobs.get('b')!.status, 'waiting');
    } finally {
      follower.dispose();
    }
  });

  it('reports a growing log as a change of that job', async () => {
    const dir = runDir();
    writeFileSync(join(dir, 'events.jsonl'), start(['train']));
    writeFileSync(join(dir, 'logs', 'train.log'), '');
    const seen = { changes: [] as RunChange[] };
    const follower = new RunFollower(dir, (c) => seen.changes.push(c));
    try {
      follower.start();
      const before = seen.changes.length;
      appendFileSync(join(dir, 'logs', 'train.log'), 'epoch 1\n');
      await nextChange(seen, before + 1);
      assert.ok(seen.changes.slice(before).some((c) => c.logs.has('train')));
    } finally {
      follower.dispose();
    }
  });

  it('gives the last lines of a log, however long the log', () => {
    const dir = runDir();
    writeFileSync(join(dir, 'logs', 'big.log'), Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    assert.deepEqual(readLogTail(dir, 'big', 3), ['line 4997', 'line 4998', 'line 4999']);
    writeFileSync(join(dir, 'logs', 'small.log'), 'only\n');
    assert.deepEqual(readLogTail(dir, 'small', 3), ['only']);
    assert.deepEqual(readLogTail(dir, 'missing', 3), []);
  });
});

describe('watching a runs folder for new runs', () => {
  it('reports a run created under a folder that did not exist yet, once its first line is complete', async () => {
    const root = workspace({});
    const runsDir = join(root, '.ccwf', 'runs');
    const seen: string[] = [];
    const watcher = new RunsWatcher(runsDir, (dir, start) => seen.push(`${dir}|${start.runId}`));
    try {
      mkdirSync(join(root, '.ccwf'));
      await new Promise((r) => setTimeout(r, 30));
      mkdirSync(runsDir);
      await new Promise((r) => setTimeout(r, 30));
      const run = join(runsDir, 'r1');
      mkdirSync(run);
      await new Promise((r) => setTimeout(r, 30));
      const first = start(['a']);
      writeFileSync(join(run, 'events.jsonl'), first.slice(0, 20));
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(seen, [], 'not reported before its first line is complete');
      appendFileSync(join(run, 'events.jsonl'), first.slice(20));
      const end = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(seen, [`${run}|r1`]);
      appendFileSync(join(run, 'events.jsonl'), line({ t: 2, type: 'job-skip', job: 'a', because: 'x' }));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(seen.length, 1, 'each run is reported once');
    } finally {
      watcher.dispose();
    }
  });

  it('reports runs made all at once with the runs folder (mkdir -p)', async () => {
    const root = workspace({});
    const runsDir = join(root, '.ccwf', 'runs');
    const seen: string[] = [];
    const watcher = new RunsWatcher(runsDir, (dir) => seen.push(dir));
    try {
      mkdirSync(join(runsDir, 'r1'), { recursive: true });
      writeFileSync(join(runsDir, 'r1', 'events.jsonl'), start(['a']));
      const end = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(seen, [join(runsDir, 'r1')]);
    } finally {
      watcher.dispose();
    }
  });
});
