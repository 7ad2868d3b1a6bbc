import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { RunStatus } from '../model/status.js';
import type { Workflow } from '../model/workflow.js';
import { buildDag, downstreamOf, topologicalOrder } from '../graph/dag.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { validateWorkflow } from '../validate/validate-workflow.js';
import type { JobRef, RunEvent } from '../store/events.js';
import { createRunDir, newRunId, readRun, RunRecorder } from '../store/run-store.js';
import { ControlListener } from '../store/run-control.js';
import { killGroup, LocalRunner } from '../runners/local-runner.js';
import type { Runners } from '../runners/runner.js';
import { Scheduler } from './scheduler.js';

export interface RunRequest {
  /** The workflow file; scripts are relative to its folder. */
  readonly workflowPath: string;
  /** The text to run, when it differs from the file on disk (an unsaved editor). */
  readonly text?: string;
  /** Where run folders go. Default: `.ccwf/runs` beside the workflow, or $CCWF_RUNS_DIR. */
  readonly runsDir?: string;
  /** Run only these jobs (their needs outside the list count as satisfied). */
  readonly jobs?: readonly string[];
  /** Run this job and everything downstream of it. */
  readonly from?: string;
  /** The new run's id, when the caller must know it before the run starts (an editor following it). */
  readonly runId?: string;
  /** Go on with this run (id or folder): only jobs that did not succeed run again. */
  readonly resume?: string;
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly python?: string;
  readonly signal?: AbortSignal;
  readonly runners?: Runners;
  readonly onEvent?: (event: RunEvent) => void;
  readonly onOutput?: (job: string, text: string) => void;
  /** Called once the run folder exists, before any job starts. */
  readonly onRunCreated?: (runId: string, runDir: string) => void;
}

export type RunOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[]; readonly text: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'ran'; readonly runId: string; readonly runDir: string; readonly status: RunStatus; readonly diagnostics: readonly Diagnostic[] };

export interface LoadedWorkflow {
  readonly workflow: Workflow;
  readonly diagnostics: Diagnostic[];
  readonly text: string;
  readonly dir: string;
}

/** Reads, parses and validates a workflow file, checking script paths against its folder. */
export function loadWorkflow(path: string, text?: string): LoadedWorkflow {
  const dir = dirname(resolve(path));
  const source = text ?? readFileSync(path, 'utf8');
  const parsed = parseWorkflow(source);
  const fileExists = (relative: string) => existsSync(isAbsolute(relative) ? relative : join(dir, relative));
  // While the YAML itself is broken, semantic complaints about the half-read model are noise.
  const broken = parsed.diagnostics.some((d) => d.code === 'yaml-syntax' && d.severity === 'error');
  const diagnostics = [...parsed.diagnostics, ...(broken ? [] : validateWorkflow(parsed.workflow, { fileExists }))];
  return { workflow: parsed.workflow, diagnostics, text: source, dir };
}

export function defaultRunsDir(workflowPath: string): string {
  return process.env.CCWF_RUNS_DIR ? resolve(process.env.CCWF_RUNS_DIR) : join(dirname(resolve(workflowPath)), '.ccwf', 'runs');
}

/** The jobs a request would run, in order, or why it cannot. */
export function planJobs(workflow: Workflow, request: Pick<RunRequest, 'jobs' | 'from'>): string[] | { error: string } {
  const dag = buildDag(workflow.jobs);
  let selected: Set<string>;
  const unknown = [...(request.jobs ?? []), ...(request.from ? [request.from] : [])].filter((j) => !workflow.jobs.has(j));
  if (unknown.length > 0) return { error: `no job named ${unknown.map((j) => `'${j}'`).join(', ')} in this workflow` };
  if (request.from) selected = downstreamOf(dag, [request.from]);
  else if (request.jobs && request.jobs.length > 0) selected = new Set(request.jobs);
  else selected = new Set(dag.names);
  if (request.from && request.jobs?.length) for (const j of [...selected]) if (!request.jobs.includes(j) && j !== request.from) selected.delete(j);
  return topologicalOrder(dag).filter((n) => selected.has(n));
}

/**
 * Runs a workflow (or part of it, or the rest of an earlier run) and records everything in a
 * run folder. Invalid workflows are refused with their diagnostics before anything runs.
 */
export async function runWorkflow(request: RunRequest): Promise<RunOutcome> {
  const workflowPath = resolve(request.workflowPath);
  const runsDir = request.runsDir ? resolve(request.runsDir) : defaultRunsDir(workflowPath);
  const resumed = request.resume ? readRun(isAbsolute(request.resume) || request.resume.includes('/') ? resolve(request.resume) : join(runsDir, request.resume)) : undefined;
  if (request.resume && !resumed) return { kind: 'refused', message: `no run '${request.resume}' in ${runsDir}` };
  if (resumed?.status === 'running') return { kind: 'refused', message: `run ${resumed.runId} is still running (pid ${resumed.pid})` };
  const loaded = loadWorkflow(resumed && !existsSync(workflowPath) ? join(runsDir, resumed.runId, 'workflow.yaml') : workflowPath, request.text);
  if (hasErrors(loaded.diagnostics)) return { kind: 'invalid', diagnostics: loaded.diagnostics, text: loaded.text };
  const { workflow } = loaded;

  let order: string[];
  const reattach = new Map<string, { ref: JobRef; attempt: number }>();
  const previousAttempts = new Map<string, number>();
  if (resumed) {
    order = [...resumed.jobs.values()].filter((j) => j.status !== 'done' && workflow.jobs.has(j.name)).map((j) => j.name);
    const again = new Set(order);
    for (const job of resumed.jobs.values()) {
      if (!again.has(job.name)) continue;
      if (job.attempt > 0) previousAttempts.set(job.name, job.attempt);
      if (!job.ref) continue;
      if (job.ref.detached) reattach.set(job.name, { ref: job.ref, attempt: job.attempt });
      // A local job orphaned by a runner that was killed: its result cannot be collected, so stop it and run it again.
      else if (typeof job.ref.pid === 'number' && job.ref.pid > 0 && resumed.hostname === hostname()) killGroup(job.ref.pid, 'SIGKILL');
    }
  } else {
    const planned = planJobs(workflow, request);
    if ('error' in planned) return { kind: 'refused', message: planned.error };
    order = planned;
  }

  if (request.runId !== undefined && !resumed) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(request.runId)) return { kind: 'refused', message: `'${request.runId}' cannot be a run id (letters, digits, '.', '_', '-')` };
    if (existsSync(join(runsDir, request.runId))) return { kind: 'refused', message: `a run '${request.runId}' exists already in ${runsDir}` };
  }
  const runId = resumed?.runId ?? request.runId ?? newRunId();
  const runDir = resumed ? join(runsDir, runId) : createRunDir(runsDir, runId, loaded.text);
  const recorder = new RunRecorder(runDir);
  const concurrency = Math.max(1, request.concurrency ?? workflow.concurrency ?? availableParallelism());
  const emit = (event: RunEvent) => {
    recorder.append(event);
    request.onEvent?.(event);
  };
  const common = { t: Date.now(), pid: process.pid, hostname: hostname() };
  if (resumed) emit({ ...common, type: 'run-resume', jobs: order });
  else {
    emit({
      ...common,
      type: 'run-start',
      runId,
      workflowFile: workflowPath,
      ...(workflow.name === undefined ? {} : { workflowName: workflow.name }),
      jobs: order,
      concurrency,
    });
  }
  recorder.flush();
  recorder.prepareLogs(order);
  request.onRunCreated?.(runId, runDir);

  const runners: Runners = request.runners ?? { local: new LocalRunner() };
  let status: RunStatus;
  let scheduler: Scheduler | undefined;
  // Other processes (an editor window, `ccwf cancel RUN JOB`) cancel single jobs through the record.
  const control = new ControlListener(runDir, (req) => {
    if (req.type === 'cancel-job') scheduler?.cancelJob(req.job);
  });
  try {
    scheduler = new Scheduler({
      runId,
      runDir,
      workflow,
      workflowDir: loaded.dir,
      selected: new Set(order),
      runners,
      sink: recorder,
      concurrency,
      ...(request.failFast ? { failFast: true } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.python ? { python: request.python } : {}),
      reattach,
      previousAttempts,
      ...(request.onEvent ? { onEvent: request.onEvent } : {}),
      ...(request.onOutput ? { onOutput: request.onOutput } : {}),
    });
    status = await scheduler.run();
  } finally {
    control.dispose();
    if (!request.runners) await Promise.all(Object.values(runners).map((r) => r?.dispose?.()));
  }
  emit({ t: Date.now(), type: 'run-end', status });
  recorder.close();
  return { kind: 'ran', runId, runDir, status, diagnostics: loaded.diagnostics };
}
