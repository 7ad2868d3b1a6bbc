/**
 * The ssh case of `npm run bench`; also runs alone: `node --import tsx bench/ssh-bench.ts`.
 *
 * ccwf is `runWorkflow` with the default runners running a workflow of 200 trivial jobs
 * (`run: "true"`) on an ssh host, connection set-up included, fresh runners each time. The peer is
 * what people do without it: 200 `ssh -F config host true` one after another. Both go to the same
 * private sshd (Debian's openssh-server on 127.0.0.1, test/remote/sshd-fixture.ts) in the same run.
 * The peer takes ~0.2 s a job, so it runs fewer times than ccwf (BENCH_SSH_PEER_REPEAT, default 1).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runWorkflow } from '../src/core/engine/run-workflow.js';
import { defaultRunners, disposeRunners } from '../src/core/runners/default-runners.js';
import { ALIAS, removeSshd, startSshd, type Sshd } from '../test/remote/sshd-fixture.js';

const SELF = fileURLToPath(import.meta.url);
const JOBS = 200;
const CONCURRENCY = 64;
const REPEAT = Math.max(Number(process.env.BENCH_REPEAT ?? 5), 3);
const PEER_REPEAT = Math.max(Number(process.env.BENCH_SSH_PEER_REPEAT ?? 1), 1);
const TARGET_RATIO = 0.1;
const TARGET_JOBS_PER_SECOND = 100;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ccwfOnce(sshd: Sshd, dir: string): Promise<number> {
  const run = mkdtempSync(join(dir, 'run-'));
  const jobs = Array.from({ length: JOBS }, (_, i) => `  j${i}: { host: remote, run: "true" }`).join('\n');
  writeFileSync(join(run, 'w.ccwf'), `hosts:\n  remote: { kind: ssh, ssh: ${ALIAS}, workdir: ${JSON.stringify(join(run, 'remote'))} }\njobs:\n${jobs}\n`);
  const runners = defaultRunners({ sshConfigPath: sshd.configPath });
  const start = performance.now();
  const outcome = await runWorkflow({ workflowPath: join(run, 'w.ccwf'), runsDir: join(run, 'runs'), runners, concurrency: CONCURRENCY });
  const seconds = (performance.now() - start) / 1000;
  await disposeRunners(runners);
  if (outcome.kind !== 'ran' || outcome.status !== 'done') throw new Error(`the ssh bench workflow did not succeed: ${JSON.stringify(outcome)}`);
  return seconds;
}

function sshPerJob(sshd: Sshd): number {
  const start = performance.now();
  for (let i = 0; i < JOBS; i++) {
    const r = spawnSync('ssh', ['-F', sshd.configPath, ALIAS, 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`ssh ${ALIAS} true failed: ${r.stderr}`);
  }
  return (performance.now() - start) / 1000;
}

export async function sshBench(work: string): Promise<string> {
  const dir = mkdtempSync(join(work, 'ssh-'));
  const sshd = await startSshd();
  try {
    await ccwfOnce(sshd, dir); // warm-up: module loading, the first connection's key exchange code paths
    const ccwf: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      ccwf.push(await ccwfOnce(sshd, dir));
      if (i < PEER_REPEAT) peer.push(sshPerJob(sshd));
    }
    const c = median(ccwf);
    const p = median(peer);
    const ratio = c / p;
    const rate = JOBS / c;
    const met = ratio <= TARGET_RATIO && rate >= TARGET_JOBS_PER_SECOND;
    return `BENCH ssh-${JOBS} ccwf=${c.toFixed(3)} ssh-per-job=${p.toFixed(3)} ratio=${ratio.toFixed(3)} jobs-per-s=${rate.toFixed(0)} target ratio<=${TARGET_RATIO} jobs/s>=${TARGET_JOBS_PER_SECOND} ${met ? 'met' : 'NOT met'}`;
  } finally {
    await sshd.stop();
    removeSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const root = new URL('..', import.meta.url).pathname;
  mkdirSync(join(root, '.cache'), { recursive: true });
  const work = mkdtempSync(join(root, '.cache', 'bench-'));
  try {
    console.log(await sshBench(work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
