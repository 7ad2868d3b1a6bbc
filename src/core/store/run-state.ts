import type { JobStatus, RunStatus } from '../model/status.js';
import type { JobRef, RunEvent } from './events.js';

export interface JobState {
  readonly name: string;
  status: JobStatus;
  attempt: number;
  host?: string;
  progress?: number;
  /** The last `status=` a job reported about itself, e.g. `training`. */
  reported?: string;
  /** Other key=value pairs from progress lines, latest value per key. */
  values: Record<string, string>;
  startedAt?: number;
  endedAt?: number;
  exitCode?: number | null;
  signal?: string | null;
  error?: string;
  ref?: JobRef;
  logOffset?: number;
}

export interface RunState {
  readonly runId: string;
  status: RunStatus;
  readonly workflowFile: string;
  readonly workflowName?: string;
  readonly startedAt: number;
  endedAt?: number;
  pid: number;
  hostname: string;
  /** Jobs of the run in topological order. */
  readonly jobs: Map<string, JobState>;
}

/**
 * Derives a run's state from its events: the only source of truth, so a record written by a
 * process that was killed at any moment still reads as what had happened until then.
 * Returns undefined for a record without its `run-start` (nothing had happened).
 */
export function reduceEvents(events: readonly RunEvent[]): RunState | undefined {
  const first = events[0];
  if (!first || first.type !== 'run-start') return undefined;
  const jobs = new Map<string, JobState>();
  for (const name of first.jobs) jobs.set(name, { name, status: 'waiting', attempt: 0, values: {} });
  const state: RunState = {
    runId: first.runId,
    status: 'running',
    workflowFile: first.workflowFile,
    ...(first.workflowName === undefined ? {} : { workflowName: first.workflowName }),
    startedAt: first.t,
    pid: first.pid,
    hostname: first.hostname,
    jobs,
  };
  for (const event of events) applyEvent(state, event);
  return state;
}

export function applyEvent(state: RunState, event: RunEvent): void {
  if (event.type === 'run-start') return;
  if (event.type === 'run-resume') {
    state.status = 'running';
    delete state.endedAt;
    state.pid = event.pid;
    state.hostname = event.hostname;
    for (const name of event.jobs) {
      const job = state.jobs.get(name);
      if (!job) continue;
      job.status = 'waiting';
      delete job.error;
      delete job.progress;
    }
    return;
  }
  if (event.type === 'run-end') {
    state.status = event.status;
    state.endedAt = event.t;
    for (const job of state.jobs.values()) {
      // Jobs that never got to run in a stopped run.
      if (job.status === 'waiting' || job.status === 'ready') job.status = event.status === 'done' ? 'skipped' : 'cancelled';
    }
    return;
  }
  const job = state.jobs.get(event.job);
  if (!job) return;
  switch (event.type) {
    case 'job-submit':
      job.status = 'submitted';
      job.attempt = event.attempt;
      job.ref = event.ref;
      break;
    case 'job-start':
      job.status = 'running';
      job.attempt = event.attempt;
      job.host = event.host;
      job.startedAt = event.t;
      job.logOffset = event.logOffset;
      delete job.endedAt;
      delete job.exitCode;
      delete job.error;
      if (event.ref) job.ref = event.ref;
      break;
    case 'job-progress':
      if (event.progress !== undefined) job.progress = event.progress;
      if (event.status !== undefined) job.reported = event.status;
      if (event.values) Object.assign(job.values, event.values);
      break;
    case 'job-end':
      job.status = event.willRetry ? 'waiting' : event.status;
      job.endedAt = event.t;
      if (event.exitCode !== undefined) job.exitCode = event.exitCode;
      if (event.signal) job.signal = event.signal;
      if (event.error) job.error = event.error;
      if (event.status === 'done') job.progress = 100;
      break;
    case 'job-skip':
      job.status = 'skipped';
      job.error = event.because;
      break;
    default: {
      const unexpected: never = event;
      void unexpected;
    }
  }
}

/** Counts by status, for summaries and status bars. */
export function countByStatus(state: RunState): Record<JobStatus, number> {
  const counts = { waiting: 0, ready: 0, submitted: 0, running: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const job of state.jobs.values()) counts[job.status]++;
  return counts;
}
