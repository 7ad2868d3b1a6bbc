import type { Host, Job } from '../model/workflow.js';
import type { JobRef } from '../store/events.js';

/** Everything a runner needs to start one attempt of one job. */
export interface JobSpec {
  readonly runId: string;
  readonly job: Job;
  readonly host: Host;
  readonly attempt: number;
  /** Folder of the workflow file: scripts and `cwd` are relative to it. */
  readonly workflowDir: string;
  readonly runDir: string;
  /** The job's log: the runner makes sure all of the job's output ends up in it. */
  readonly logPath: string;
  /** Full environment additions for the job (workflow env, job env, CCWF_* variables). */
  readonly env: Readonly<Record<string, string>>;
  /** Interpreter for `.py` scripts and notebooks. */
  readonly python: string;
}

export interface JobCallbacks {
  /** Output as it arrives (already in the log), for progress lines and live views. */
  onOutput(text: string): void;
  /** The job reached the host's queue (batch systems); called before it starts running. */
  onSubmitted?(ref: JobRef): void;
}

export interface JobResult {
  readonly exitCode: number | null;
  readonly signal?: string | null;
  /** Why it failed when no exit code tells: could not start, lost, cancelled. */
  readonly error?: string;
}

export interface JobHandle {
  /** Recorded in the run's events so a later process can re-attach (`Runner.attach`). */
  readonly ref: JobRef;
  /** Byte offset in the log where this attempt's output begins. */
  readonly logOffset: number;
  /** Settles when the job has ended and its output is all in the log. Never rejects. */
  readonly done: Promise<JobResult>;
  /** Stops the job and everything it started. Idempotent. */
  cancel(): void;
}

/**
 * One place jobs can run (local, WSL, ssh, Slurm). Remote runners start jobs detached, so a job
 * outlives a lost connection or our own restart, and `attach` finds it again by its ref.
 */
export interface Runner {
  /** Starts one attempt. Rejects only when it could not be started at all. */
  start(spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle>;
  /** Re-attaches to a job an earlier process started; undefined when it is gone or cannot be followed. */
  attach?(ref: JobRef, spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle | undefined>;
  /** Closes connections. */
  dispose?(): Promise<void>;
}

/** Runners by host kind. */
export type Runners = Partial<Record<Host['kind'], Runner>>;
