import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { JobSpec } from './runner.js';

/** A program and its arguments, never a shell string built from workflow data. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Only for `run:` text, which is shell code by definition. */
  readonly shell?: boolean;
}

/**
 * How a job runs on this machine:
 * `run:` through the platform shell; `.sh` with bash; `.py` with the configured Python;
 * `.ipynb` executed headless into the run folder (papermill when installed, else nbconvert);
 * anything else executed directly.
 */
export function localCommand(spec: JobSpec, hasPapermill: boolean): Command {
  const { job } = spec;
  if (job.run !== undefined) return { file: job.run, args: [], shell: true };
  const script = resolve(spec.workflowDir, job.script ?? '');
  const lower = script.toLowerCase();
  if (lower.endsWith('.sh')) return { file: 'bash', args: [script, ...job.args] };
  if (lower.endsWith('.py')) return { file: spec.python, args: [script, ...job.args] };
  if (lower.endsWith('.ipynb')) return notebookCommand(spec, script, hasPapermill);
  return { file: isAbsolute(script) ? script : join('.', script), args: [...job.args] };
}

/** Where the executed copy of a notebook goes: the run folder, next to the job's log. */
export function executedNotebookPath(spec: JobSpec): string {
  return spec.logPath.replace(/\.log$/, '.ipynb');
}

function notebookCommand(spec: JobSpec, script: string, hasPapermill: boolean): Command {
  const output = executedNotebookPath(spec);
  if (hasPapermill) return { file: 'papermill', args: [script, output, ...spec.job.args] };
  return {
    file: 'jupyter',
    args: ['nbconvert', '--to', 'notebook', '--execute', script, '--output-dir', dirname(output), '--output', basename(output), ...spec.job.args],
  };
}
