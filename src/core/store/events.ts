import type { RunStatus } from '../model/status.js';

/** Serialisable identity of a started job, enough for its runner to find it again (pid, remote folder, Slurm id). */
export type JobRef = Readonly<Record<string, string | number>>;

/**
 * One line of a run's append-only `events.jsonl`. The run's state is whatever these events say
 * (see `reduceEvents`), so a record cut short by a crash is still a valid record.
 */
export type RunEvent =
  | RunStartEvent
  | RunResumeEvent
  | { readonly t: number; readonly type: 'job-submit'; readonly job: string; readonly attempt: number; readonly ref: JobRef }
  | JobStartEvent
  | JobProgressEvent
  | JobEndEvent
  | { readonly t: number; readonly type: 'job-skip'; readonly job: string; readonly because: string }
  | { readonly t: number; readonly type: 'run-end'; readonly status: RunStatus };

export interface RunStartEvent {
  readonly t: number;
  readonly type: 'run-start';
  readonly runId: string;
  /** Absolute path of the workflow file as it was when the run started. */
  readonly workflowFile: string;
  readonly workflowName?: string;
  /** The jobs this run will run, in topological order. */
  readonly jobs: readonly string[];
  /** Our process, so `ccwf cancel` can reach it and readers can tell a live run from a crashed one. */
  readonly pid: number;
  readonly hostname: string;
  readonly concurrency: number;
}

/** `ccwf run --resume`: the same record goes on, in another process. */
export interface RunResumeEvent {
  readonly t: number;
  readonly type: 'run-resume';
  /** Jobs to run again (they did not succeed), in topological order. */
  readonly jobs: readonly string[];
  readonly pid: number;
  readonly hostname: string;
}

export interface JobStartEvent {
  readonly t: number;
  readonly type: 'job-start';
  readonly job: string;
  readonly attempt: number;
  readonly host: string;
  /** Byte offset in the job's log where this attempt's output begins. */
  readonly logOffset: number;
  readonly ref?: JobRef;
}

export interface JobProgressEvent {
  readonly t: number;
  readonly type: 'job-progress';
  readonly job: string;
  readonly status?: string;
  readonly progress?: number;
  readonly values?: Readonly<Record<string, string>>;
}

export interface JobEndEvent {
  readonly t: number;
  readonly type: 'job-end';
  readonly job: string;
  readonly attempt: number;
  readonly status: 'done' | 'failed' | 'cancelled';
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  /** Why it failed when the exit code does not say: timeout, could not start, lost. */
  readonly error?: string;
  readonly willRetry?: boolean;
}

export const EVENTS_FILE = 'events.jsonl';

/** Parses `events.jsonl`, ignoring a torn last line (a crash mid-write) and any damaged line. */
export function parseEvents(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      const event = JSON.parse(line) as RunEvent;
      if (event && typeof event === 'object' && typeof event.type === 'string') events.push(event);
    } catch {
      // A partial line from a crash: everything before it is intact.
    }
  }
  return events;
}
