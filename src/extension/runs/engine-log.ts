import type * as vscode from 'vscode';
import { basename } from 'node:path';
import { formatDuration } from '../../core/parse/duration.js';
import { isFinished } from '../../core/model/status.js';
import { countByStatus, type JobState, type RunState } from '../../core/store/run-state.js';
import type { RunModelChange } from './runs-model.js';

/**
 * The engine's side of the Output panel: when each job of a live run started and ended, where,
 * with which exit code and how long it took, and how each run ended. Written from the run
 * records, so runs started from a terminal are logged as well as the window's own.
 */
export class EngineLog {
  /** Per run and job, the last attempt whose start was logged and the last end logged (`done#2`): each line once. */
  private readonly seen = new Map<string, Map<string, { started: number; ended: string }>>();
  private readonly ended = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  onChange(change: RunModelChange): void {
    const { runDir, state } = change;
    let jobs = this.seen.get(runDir);
    if (!jobs) {
      // Seen for the first time: say what it is, without replaying what happened before.
      jobs = new Map();
      this.seen.set(runDir, jobs);
      this.log.info(`run ${state.runId} ${state.status === 'running' ? 'started' : state.status}: ${state.workflowName ?? basename(state.workflowFile)}, ${state.jobs.size} job${state.jobs.size === 1 ? '' : 's'} (${state.workflowFile})`);
    }
    for (const name of change.jobs) {
      const job = state.jobs.get(name);
      if (!job) continue;
      // Changes arrive in batches: a short job may have started and ended within one, and
      // still gets both lines, in order.
      const logged = jobs.get(name) ?? { started: 0, ended: '' };
      jobs.set(name, logged);
      if (job.startedAt !== undefined && job.attempt > logged.started) {
        this.logStart(state, job);
        logged.started = job.attempt;
      }
      const end = `${job.status}#${job.attempt}`;
      if (isFinished(job.status) && end !== logged.ended) {
        this.logEnd(state, job);
        logged.ended = end;
      }
    }
    if (state.status !== 'running' && !this.ended.has(runDir)) {
      this.ended.add(runDir);
      const n = countByStatus(state);
      const took = state.endedAt !== undefined ? ` in ${formatDuration(state.endedAt - state.startedAt)}` : '';
      const line = `run ${state.runId} ${state.status}${took}: ${n.done}/${state.jobs.size} done${n.failed ? `, ${n.failed} failed` : ''}${n.skipped ? `, ${n.skipped} skipped` : ''}${n.cancelled ? `, ${n.cancelled} cancelled` : ''}`;
      if (state.status === 'done') this.log.info(line);
      else this.log.warn(line);
    } else if (state.status === 'running') {
      this.ended.delete(runDir); // resumed
    }
  }

  private logStart(run: RunState, job: JobState): void {
    this.log.info(`${run.runId} ${job.name}: started on ${job.host ?? 'local'}${job.attempt > 1 ? ` (attempt ${job.attempt})` : ''}`);
  }

  private logEnd(run: RunState, job: JobState): void {
    const where = `${run.runId} ${job.name}`;
    const took = job.startedAt !== undefined && job.endedAt !== undefined ? ` after ${formatDuration(job.endedAt - job.startedAt)}` : '';
    const exit = job.exitCode !== undefined && job.exitCode !== null ? ` exit code ${job.exitCode}` : job.signal ? ` signal ${job.signal}` : '';
    if (job.status === 'done') this.log.info(`${where}: done${took},${exit || ' exit code 0'}`);
    else if (job.status === 'failed') this.log.error(`${where}: failed${took}${exit ? `,${exit}` : ''}${job.error ? ` — ${job.error}` : ''}`);
    else if (job.status === 'cancelled') this.log.warn(`${where}: cancelled${took}${job.error ? ` — ${job.error}` : ''}`);
    else this.log.warn(`${where}: skipped — ${job.error ?? 'a job it needs did not succeed'}`);
  }
}
