/**
 * Life of a job in a run. `waiting`: dependencies not done yet; `submitted`: handed to a batch
 * system or remote host and not yet started there; `skipped`: a dependency failed.
 */
export const JOB_STATUSES = ['waiting', 'ready', 'submitted', 'running', 'done', 'failed', 'skipped', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export const isFinished = (s: JobStatus): boolean => s === 'done' || s === 'failed' || s === 'skipped' || s === 'cancelled';

/** Colours by status, as in cloudmesh-cc's `colors:` section; a workflow may override them. */
export const DEFAULT_COLORS: Readonly<Record<string, string>> = Object.freeze({
  waiting: '#e0e0e0',
  ready: '#ffffff',
  submitted: '#ffd54f',
  running: '#64b5f6',
  done: '#81c784',
  failed: '#e57373',
  skipped: '#bdbdbd',
  cancelled: '#9e9e9e',
});
