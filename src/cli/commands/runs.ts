import { existsSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDuration } from '../../core/parse/duration.js';
import { LogFollower } from '../../core/runners/log-follower.js';
import { countByStatus, type RunState } from '../../core/store/run-state.js';
import { defaultRunsDir } from '../../core/engine/run-workflow.js';
import { EVENTS_FILE } from '../../core/store/events.js';
import { listRunDirs, logPathOf, readRun } from '../../core/store/run-store.js';
import { isFinished } from '../../core/model/status.js';
import { cancelJob, cancelRun } from '../../core/store/run-control.js';
import { colors, EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { describeEnd } from '../progress-view.js';
import type { CliOptions } from '../cli.js';

function runsDirFor(options: CliOptions, io: CliIo, workflow?: string): string {
  if (options['runs-dir']) return resolve(io.cwd, options['runs-dir']);
  if (io.env.CCWF_RUNS_DIR) return resolve(io.cwd, io.env.CCWF_RUNS_DIR);
  return workflow ? defaultRunsDir(resolve(io.cwd, workflow)) : join(io.cwd, '.ccwf', 'runs');
}

function findRun(id: string | undefined, options: CliOptions, io: CliIo): { dir: string; state: RunState } {
  if (!id) throw new UsageError('which run? give its id (see `ccwf runs`)');
  const direct = resolve(io.cwd, id);
  const dir = existsSync(join(direct, EVENTS_FILE)) ? direct : join(runsDirFor(options, io), id);
  const state = readRun(dir);
  if (!state) throw new UsageError(`no run '${id}' in ${runsDirFor(options, io)}`);
  return { dir, state };
}

export async function runsCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  const states = listRunDirs(runsDirFor(options, io, args[0])).flatMap((dir) => readRun(dir) ?? []);
  if (options.json) {
    io.stdout.write(JSON.stringify(states.map(summary), null, 2) + '\n');
    return EXIT_OK;
  }
  if (states.length === 0) io.stdout.write('no runs yet\n');
  for (const s of states) {
    const n = countByStatus(s);
    const took = formatDuration((s.endedAt ?? Date.now()) - s.startedAt);
    io.stdout.write(`${s.runId}  ${s.status.padEnd(11)} ${n.done}/${s.jobs.size} done${n.failed ? `, ${n.failed} failed` : ''}  ${took}  ${s.workflowName ?? s.workflowFile}\n`);
  }
  return EXIT_OK;
}

export async function statusCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  const { state } = findRun(args[0], options, io);
  if (options.json) {
    io.stdout.write(JSON.stringify(summary(state), null, 2) + '\n');
    return EXIT_OK;
  }
  const c = colors(io);
  io.stdout.write(`${c.bold(state.runId)}  ${state.status}  ${state.workflowFile}\n`);
  for (const job of state.jobs.values()) {
    const took = job.startedAt ? formatDuration((job.endedAt ?? Date.now()) - job.startedAt) : '';
    const progress = job.status === 'running' && job.progress !== undefined ? ` ${job.progress}%` : '';
    const why = job.status === 'failed' || job.status === 'cancelled' ? `  ${describeEnd(job)}` : job.status === 'skipped' ? `  ${job.error ?? ''}` : '';
    io.stdout.write(`  ${job.status.padEnd(9)} ${job.name}${progress}  ${c.dim(took)}${why}\n`);
  }
  return state.status === 'failed' ? EXIT_FAILED : EXIT_OK;
}

export async function logsCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  const { dir, state } = findRun(args[0], options, io);
  const job = args[1];
  if (!job || !state.jobs.has(job)) throw new UsageError(`which job? one of: ${[...state.jobs.keys()].join(', ')}`);
  const path = logPathOf(dir, job);
  if (!existsSync(path)) return EXIT_OK; // not started yet: nothing to show
  const follower = new LogFollower(path, 0, (text) => io.stdout.write(text));
  follower.drain();
  if (options.follow) await waitUntilJobEnds(dir, job, io.signal);
  follower.finish();
  return EXIT_OK;
}

/** Follows the run record (file-system events, no polling loop) until the job or its run is over. */
function waitUntilJobEnds(dir: string, job: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolveDone) => {
    const over = () => {
      const s = readRun(dir);
      return !s || s.status !== 'running' || isFinished(s.jobs.get(job)?.status ?? 'done');
    };
    if (over()) return resolveDone();
    const watcher = watch(join(dir, EVENTS_FILE), () => {
      if (over()) done();
    });
    const done = () => {
      watcher.close();
      resolveDone();
    };
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function cancelCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  const { dir, state } = findRun(args[0], options, io);
  const job = args[1];
  const sent = job === undefined ? cancelRun(dir) : cancelJob(dir, job);
  if (!sent.sent) {
    io.stdout.write(`${job === undefined ? `run ${state.runId}` : `job ${job}`}: not cancelled: ${sent.reason}\n`);
    return EXIT_OK;
  }
  const over = () => {
    const now = readRun(dir);
    return !now || now.status !== 'running' || (job !== undefined && isFinished(now.jobs.get(job)?.status ?? 'done'));
  };
  await new Promise<void>((done) => {
    const watcher = watch(join(dir, EVENTS_FILE), () => {
      if (over()) finish();
    });
    const timer = setTimeout(() => finish(), 30_000);
    const finish = () => {
      clearTimeout(timer);
      watcher.close();
      done();
    };
    if (over()) finish();
  });
  const after = readRun(dir);
  const what = job === undefined ? `run ${state.runId}: ${after?.status ?? 'unknown'}` : `job ${job}: ${after?.jobs.get(job)?.status ?? 'unknown'}`;
  io.stdout.write(`${what}\n`);
  return EXIT_OK;
}

function summary(s: RunState): object {
  return {
    runId: s.runId,
    status: s.status,
    workflowFile: s.workflowFile,
    workflowName: s.workflowName,
    startedAt: new Date(s.startedAt).toISOString(),
    endedAt: s.endedAt ? new Date(s.endedAt).toISOString() : undefined,
    counts: countByStatus(s),
    jobs: [...s.jobs.values()].map((j) => ({
      name: j.name,
      status: j.status,
      attempt: j.attempt,
      host: j.host,
      progress: j.progress,
      exitCode: j.exitCode,
      error: j.error,
      startedAt: j.startedAt ? new Date(j.startedAt).toISOString() : undefined,
      endedAt: j.endedAt ? new Date(j.endedAt).toISOString() : undefined,
      values: Object.keys(j.values).length ? j.values : undefined,
    })),
  };
}
