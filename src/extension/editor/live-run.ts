import * as vscode from 'vscode';
import { DEFAULT_COLORS } from '../../core/model/status.js';
import type { JobState, RunState } from '../../core/store/run-state.js';
import { listRunDirs, readFirstEvent } from '../../core/store/run-store.js';
import { readLogTail, RunFollower, type RunChange } from '../../core/store/run-follower.js';
import { RunsWatcher } from '../../core/store/runs-watcher.js';
import type { JobLiveState } from '../../protocol/messages.js';
import { ThrottledBatch } from '../../core/util/throttled-batch.js';
import { DisposableStore } from '../disposables.js';

/** At most this many `runState` messages per second, however many jobs change. */
const MAX_MESSAGES_PER_SECOND = 30;
const TAIL_LINES = 5;

export interface LiveRunUpdate {
  readonly runId: string;
  readonly jobs: readonly JobLiveState[];
  readonly reset: boolean;
}

/**
 * Keeps the editor showing the latest run of its workflow file, whoever started it (this window,
 * another window, `ccwf run` in a terminal): discovers new runs through a file watcher, follows
 * the current one, and hands out batched updates of the jobs that changed.
 */
export class LiveRun implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private follower: RunFollower | undefined;
  private readonly batch = new ThrottledBatch<string>(MAX_MESSAGES_PER_SECOND, (jobs) => this.flush(jobs));
  private reset = false;
  private colors: Readonly<Record<string, string>> = DEFAULT_COLORS;

  constructor(
    private readonly workflowPath: string,
    runsDir: string,
    private readonly post: (update: LiveRunUpdate) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = new RunsWatcher(runsDir, (runDir, start) => {
      // Run ids sort by time: only a newer run than the one shown takes over.
      if (start.workflowFile === workflowPath && (!this.follower || runDir > this.follower.runDir)) this.follow(runDir);
    });
    this.disposables.add({ dispose: () => watcher.dispose() });
    const latest = listRunDirs(runsDir).find((d) => this.isOurs(d));
    if (latest) this.follow(latest);
  }

  /** The workflow's status colours, for the fills the webview falls back to. */
  setColors(colors: Readonly<Record<string, string>>): void {
    this.colors = colors;
  }

  /** Sends the whole current state again (a webview that was just (re)loaded). */
  resend(): void {
    const state = this.follower?.current;
    if (!state) return;
    this.reset = true;
    for (const name of state.jobs.keys()) this.batch.mark(name);
    this.batch.schedule();
  }

  dispose(): void {
    this.batch.dispose();
    this.follower?.dispose();
    this.disposables.dispose();
  }

  private isOurs(runDir: string): boolean {
    const start = readFirstEvent(runDir);
    return start?.type === 'run-start' && start.workflowFile === this.workflowPath;
  }

  private follow(runDir: string): void {
    this.follower?.dispose();
    this.log.info(`Showing run ${runDir} in the editor of ${this.workflowPath}`);
    this.follower = new RunFollower(runDir, (change) => this.onChange(change));
    this.follower.start();
    this.resend();
  }

  private onChange(change: RunChange): void {
    for (const j of change.jobs) this.batch.mark(j);
    for (const j of change.logs) this.batch.mark(j);
  }

  private flush(dirty: ReadonlySet<string>): void {
    const follower = this.follower;
    const state = follower?.current;
    if (!follower || !state) return;
    const jobs: JobLiveState[] = [];
    for (const name of dirty) {
      const js = state.jobs.get(name);
      if (js) jobs.push(this.toLive(js, state, readLogTail(follower.runDir, name, TAIL_LINES)));
    }
    const reset = this.reset;
    this.reset = false;
    if (jobs.length > 0 || reset) this.post({ runId: state.runId, jobs, reset });
  }

  private toLive(js: JobState, run: RunState, tail: string[] | undefined): JobLiveState {
    const end = js.endedAt ?? (js.status === 'running' && run.status === 'running' ? Date.now() : undefined);
    return {
      job: js.name,
      status: js.status,
      fill: this.colors[js.status] ?? DEFAULT_COLORS[js.status]!,
      ...(js.progress === undefined ? {} : { progress: js.progress }),
      ...(js.startedAt !== undefined && end !== undefined ? { durationMs: Math.max(0, end - js.startedAt) } : {}),
      ...(tail === undefined ? {} : { tail }),
    };
  }
}
