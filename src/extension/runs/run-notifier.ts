import * as vscode from 'vscode';
import { basename } from 'node:path';
import { formatDuration } from '../../core/parse/duration.js';
import { countByStatus, type RunState } from '../../core/store/run-state.js';
import type { NotifyOnFinish } from '../settings.js';
import type { RunModelChange } from './runs-model.js';

/** A run still going after this long shows a progress notification (shorter ones would only flash). */
const PROGRESS_AFTER_MS = 2000;

interface Watched {
  readonly notify: NotifyOnFinish;
  progress?: { report(done: number, total: number): void; end(): void };
}

/**
 * Tells about the runs this window started: a cancellable progress notification while a long
 * one runs, and a message when it ends (with the failed job's log one click away).
 */
export class RunNotifier implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly cancel: (runDir: string) => void,
    private readonly showLog: (runDir: string, job: string) => void,
    private readonly rerunFailed: (runDir: string) => void,
  ) {}

  watch(runDir: string, notify: NotifyOnFinish): void {
    const watched: Watched = { notify };
    this.watched.set(runDir, watched);
    setTimeout(() => {
      if (this.watched.get(runDir) === watched) this.startProgress(runDir, watched);
    }, PROGRESS_AFTER_MS).unref?.();
  }

  onChange(change: RunModelChange): void {
    const watched = this.watched.get(change.runDir);
    if (!watched) return;
    const { state } = change;
    const n = countByStatus(state);
    watched.progress?.report(n.done + n.failed + n.skipped + n.cancelled, state.jobs.size);
    if (state.status === 'running') return;
    this.watched.delete(change.runDir);
    watched.progress?.end();
    void this.announce(change.runDir, state, watched.notify);
  }

  dispose(): void {
    for (const w of this.watched.values()) w.progress?.end();
    this.watched.clear();
  }

  private startProgress(runDir: string, watched: Watched): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'ccwf', cancellable: true },
      (progress, token) => new Promise<void>((end) => {
        let reported = 0;
        watched.progress = {
          report: (done, total) => {
            const increment = (100 * done) / total - reported;
            reported += increment;
            progress.report({ message: `${done}/${total} jobs finished`, increment });
          },
          end,
        };
        token.onCancellationRequested(() => this.cancel(runDir));
      }),
    );
  }

  private async announce(runDir: string, run: RunState, notify: NotifyOnFinish): Promise<void> {
    if (notify === 'never') return;
    const n = countByStatus(run);
    const name = run.workflowName ?? basename(run.workflowFile);
    const took = run.endedAt !== undefined ? ` in ${formatDuration(run.endedAt - run.startedAt)}` : '';
    if (run.status === 'done') {
      if (notify === 'always') void vscode.window.showInformationMessage(`${name}: all ${n.done} jobs done${took}.`);
      return;
    }
    const failed = [...run.jobs.values()].find((j) => j.status === 'failed');
    if (!failed) {
      void vscode.window.showWarningMessage(`${name}: run ${run.status}${took}; ${n.done} of ${run.jobs.size} jobs done.`);
      return;
    }
    const why = failed.error ?? (typeof failed.exitCode === 'number' ? `exit code ${failed.exitCode}` : 'failed');
    const more = n.failed > 1 ? ` and ${n.failed - 1} more` : '';
    const choice = await vscode.window.showErrorMessage(
      `${name}: job '${failed.name}' failed (${why})${more}; ${n.skipped} skipped, ${n.done} of ${run.jobs.size} done.`,
      'Show Log',
      'Rerun Failed',
    );
    if (choice === 'Show Log') this.showLog(runDir, failed.name);
    else if (choice === 'Rerun Failed') this.rerunFailed(runDir);
  }
}
