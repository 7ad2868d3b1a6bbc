import * as vscode from 'vscode';
import { formatDuration } from '../../core/parse/duration.js';
import { LogFollower } from '../../core/runners/log-follower.js';
import type { JobState, RunState } from '../../core/store/run-state.js';
import { logPathOf } from '../../core/store/run-store.js';
import { isFinished } from '../../core/model/status.js';
import { JobTerminal } from './job-terminal.js';
import type { RunModelChange } from './runs-model.js';

interface Streaming {
  /** Run id and attempt: a new run or a retry of the same job starts a new section. */
  readonly attemptId: string;
  readonly follower: LogFollower;
}

/**
 * One terminal per job of the runs this window started, named after the job and reused when the
 * job runs again. At most `limit()` are open: past that, the terminal idle longest is renamed
 * for the next job, so a thousand-job run does not open a thousand terminals (every log stays
 * in the Runs view).
 */
export class JobTerminals implements vscode.Disposable {
  private readonly terminals = new Map<string, JobTerminal>();
  private readonly streaming = new Map<string, Streaming>();
  /** The attempt each terminal last showed, so a job is never shown twice. */
  private readonly shown = new Map<string, string>();
  /** Runs whose jobs get terminals: those started from this window. */
  private readonly runs = new Set<string>();
  private revealNext = false;

  constructor(private readonly limit: () => number) {}

  /** Jobs of this run get terminals from now on; the first to start is shown when `reveal`. */
  track(runDir: string, reveal: boolean): void {
    this.runs.add(runDir);
    this.revealNext ||= reveal;
  }

  onChange(change: RunModelChange): void {
    if (!this.runs.has(change.runDir)) return;
    for (const name of change.jobs) {
      const job = change.state.jobs.get(name);
      if (job) this.update(change.runDir, change.state, job);
    }
    if (change.state.status !== 'running') this.runs.delete(change.runDir);
  }

  /** The job terminals open now. */
  open(): JobTerminal[] {
    return [...this.terminals.values()];
  }

  dispose(): void {
    for (const s of this.streaming.values()) s.follower.finish();
    for (const t of this.terminals.values()) t.dispose();
  }

  private update(runDir: string, run: RunState, job: JobState): void {
    const key = `${run.workflowFile}\0${job.name}`;
    const attemptId = `${run.runId}#${job.attempt}`;
    // A job that started, even one already over when we first hear of it (short jobs end
    // between two reads of the record): its output goes to the terminal from its first byte.
    if (job.startedAt !== undefined && (job.status === 'running' || isFinished(job.status)) && this.streaming.get(key)?.attemptId !== attemptId && this.shown.get(key) !== attemptId) {
      this.streaming.get(key)?.follower.finish();
      this.streaming.delete(key);
      const terminal = this.terminalFor(key, job.name);
      if (!terminal) return;
      this.shown.set(key, attemptId);
      terminal.note(`── ${job.name} · run ${run.runId}${job.attempt > 1 ? ` · attempt ${job.attempt}` : ''} · on ${job.host ?? 'local'} ──`);
      try {
        const follower = new LogFollower(logPathOf(runDir, job.name), job.logOffset ?? 0, (text) => terminal.write(text));
        this.streaming.set(key, { attemptId, follower });
      } catch {
        terminal.note('(the log of this job cannot be read)');
      }
      if (this.revealNext) {
        this.revealNext = false;
        terminal.terminal.show(true);
      }
    }
    const streaming = this.streaming.get(key);
    if (isFinished(job.status) && streaming?.attemptId === attemptId) {
      streaming.follower.finish();
      this.streaming.delete(key);
      const took = job.startedAt !== undefined && job.endedAt !== undefined ? ` in ${formatDuration(job.endedAt - job.startedAt)}` : '';
      const why = job.status === 'done' ? '' : job.error ? `: ${job.error}` : job.exitCode !== undefined && job.exitCode !== null ? ` (exit ${job.exitCode})` : '';
      this.terminals.get(key)?.note(`── ${job.status}${took}${why} ──`);
    }
  }

  private terminalFor(key: string, name: string): JobTerminal | undefined {
    const existing = this.terminals.get(key);
    if (existing && !existing.isClosed) return existing;
    const limit = this.limit();
    if (limit === 0) return undefined;
    if (this.terminals.size >= limit) {
      // Take over the terminal that has been idle longest; when all are busy, this job goes without.
      const idle = [...this.terminals.keys()].find((k) => !this.streaming.has(k));
      if (idle === undefined) return undefined;
      const terminal = this.terminals.get(idle)!;
      this.terminals.delete(idle);
      this.shown.delete(idle);
      terminal.rename(name);
      this.terminals.set(key, terminal);
      return terminal;
    }
    const terminal = new JobTerminal(name, () => {
      for (const [k, t] of this.terminals) if (t === terminal) this.terminals.delete(k);
    });
    this.terminals.set(key, terminal);
    return terminal;
  }
}
