import { LOCAL_HOST, type Host, type HostKind, type Job, type Workflow } from '../core/model/workflow.js';
import { formatDuration } from '../core/parse/duration.js';
import type { JobState, RunState } from '../core/store/run-state.js';
import { code, codeBlock, escapeMarkdown, firstLines } from './markdown.js';
import type { ExternalHost } from './types.js';

/** What each kind of host is, for hovers and completions. */
export const HOST_KIND_DOCS: Readonly<Record<HostKind, string>> = {
  local: 'This machine.',
  wsl: 'Windows Subsystem for Linux, on this Windows machine (`wsl -d DISTRO`).',
  ssh: 'A machine reached with `ssh`; scripts are copied there first.',
  slurm: 'A Slurm cluster: jobs are submitted with `sbatch` over `ssh` to its login node.',
};

/** The job's command on one line: the first line of `run`, or the script and its arguments. */
export function commandLine(job: Job): string | undefined {
  if (job.run !== undefined) {
    const run = job.run.trim();
    const newline = run.indexOf('\n');
    return newline < 0 ? run : `${run.slice(0, newline).trimEnd()} …`;
  }
  if (job.script !== undefined) return [job.script, ...job.args].map(shellWord).join(' ');
  return undefined;
}

const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word));

/** A job for a hover: what it does, runs, where, after what, and how it went last time. */
export function jobMarkdown(job: Job, workflow: Workflow, lastRun: RunState | undefined): string {
  const parts = [`**job** ${code(job.name)}${job.description ? ` — ${escapeMarkdown(job.description)}` : ''}`];
  if (job.run !== undefined) parts.push(codeBlock(firstLines(job.run, 6), 'sh'));
  else if (job.script !== undefined) parts.push(codeBlock([job.script, ...job.args].map(shellWord).join(' '), 'sh'));
  else parts.push('_Nothing to run yet._');
  const host = workflow.hosts.get(job.host);
  const facts = [`on ${code(job.host)}${host && host.kind !== 'local' ? ` (${host.kind})` : ''}`];
  facts.push(job.needs.length === 0 ? 'needs nothing' : `needs ${job.needs.map((n) => code(n.job)).join(', ')}`);
  if (job.retries > 0) facts.push(`retries ${job.retries}`);
  if (job.timeoutMs !== undefined) facts.push(`timeout ${formatDuration(job.timeoutMs)}`);
  if (job.cwd !== undefined) facts.push(`in ${code(job.cwd)}`);
  parts.push(facts.join(' · '));
  const state = lastRun?.jobs.get(job.name);
  if (state) parts.push(`**Last run** ${code(lastRun!.runId)}: ${lastRunText(state)}`);
  return parts.join('\n\n');
}

/** `done in 1.2s`, `failed after 3.0s (exit code 2)`, `running (attempt 2)`. */
export function lastRunText(state: JobState): string {
  const took = durationOf(state);
  const finished = state.status === 'done' || state.status === 'failed' || state.status === 'cancelled';
  let text: string = state.status;
  if (took !== undefined && finished) text += state.status === 'done' ? ` in ${formatDuration(took)}` : ` after ${formatDuration(took)}`;
  const notes: string[] = [];
  if (state.attempt > 1) notes.push(`attempt ${state.attempt}`);
  if (state.status === 'failed' && typeof state.exitCode === 'number' && state.exitCode !== 0) notes.push(`exit code ${state.exitCode}`);
  if (state.status === 'failed' && state.signal) notes.push(`signal ${state.signal}`);
  if (state.status === 'failed' && state.error) notes.push(escapeMarkdown(state.error));
  return notes.length === 0 ? text : `${text} (${notes.join(', ')})`;
}

export function durationOf(state: JobState): number | undefined {
  return state.startedAt !== undefined && state.endedAt !== undefined ? Math.max(0, state.endedAt - state.startedAt) : undefined;
}

/** A host for a hover: its kind, its settings and how many jobs use it. */
export function hostMarkdown(host: Host | undefined, external: ExternalHost | undefined, name: string, workflow: Workflow): string {
  const kind = host?.kind ?? external?.kind;
  const implicit = name === 'local' && (!host || host === LOCAL_HOST);
  const where = implicit ? ', always defined' : host ? '' : external ? `, from ${escapeMarkdown(external.source)}` : '';
  const parts = [`**host** ${code(name)}${kind ? ` — ${kind}` : ''}${where}`];
  if (kind) parts.push(HOST_KIND_DOCS[kind]);
  if (host) {
    const settings: Array<[string, string | number | undefined]> = [
      ['ssh', host.ssh],
      ['user', host.user],
      ['distro', host.distro],
      ['partition', host.partition],
      ['account', host.account],
      ['sbatch', host.sbatch?.join(' ')],
      ['concurrency', host.concurrency],
      ['workdir', host.workdir],
      ['python', host.python],
    ];
    const written = settings.filter(([, value]) => value !== undefined).map(([key, value]) => `${key} ${code(String(value))}`);
    if (written.length > 0) parts.push(written.join(' · '));
  }
  let count = 0;
  for (const job of workflow.jobs.values()) if (job.host === name) count++;
  parts.push(count === 0 ? 'No job runs here.' : `${count} ${count === 1 ? 'job runs' : 'jobs run'} here.`);
  return parts.join('\n\n');
}
