import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { LogFollower } from '../../core/runners/log-follower.js';
import { isFinished } from '../../core/model/status.js';
import { logPathOf } from '../../core/store/run-store.js';
import type { RunsModel } from './runs-model.js';

interface Shown {
  readonly channel: vscode.OutputChannel;
  runDir?: string;
  follower?: LogFollower;
}

/**
 * A job's log in the Output panel: one channel per job name, opened on demand, showing the log of
 * the run asked for and following it while the job writes.
 */
export class JobLogChannels implements vscode.Disposable {
  private readonly channels = new Map<string, Shown>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: RunsModel) {
    // Stop following once the job is over (its last bytes are read then).
    this.subscription = model.onDidChange((change) => {
      if (!change) return;
      for (const [job, shown] of this.channels) {
        if (shown.runDir !== change.runDir || !shown.follower) continue;
        const status = change.state.jobs.get(job)?.status;
        if (status && isFinished(status)) {
          shown.follower.finish();
          delete shown.follower;
        }
      }
    });
  }

  /** Shows `job`'s log of the run in `runDir` (every attempt, as in the file). */
  show(runDir: string, job: string): boolean {
    const path = logPathOf(runDir, job);
    if (!existsSync(path)) return false;
    let shown = this.channels.get(job);
    if (!shown) {
      shown = { channel: vscode.window.createOutputChannel(`ccwf: ${job}`, 'log') };
      this.channels.set(job, shown);
    }
    shown.follower?.finish();
    delete shown.follower;
    shown.channel.clear();
    shown.runDir = runDir;
    const state = this.model.get(runDir);
    shown.channel.appendLine(`# ${job} · run ${state?.runId ?? runDir} · ${path}`);
    const channel = shown.channel;
    const follower = new LogFollower(path, 0, (text) => channel.append(text));
    const status = state?.jobs.get(job)?.status;
    if (status === undefined || isFinished(status) || state?.status !== 'running') follower.finish();
    else shown.follower = follower;
    channel.show(true);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const s of this.channels.values()) {
      s.follower?.finish();
      s.channel.dispose();
    }
  }
}
