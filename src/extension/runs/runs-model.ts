import * as vscode from 'vscode';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunState } from '../../core/store/run-state.js';
import { listRunDirs, readRun } from '../../core/store/run-store.js';
import { RunFollower } from '../../core/store/run-follower.js';
import { RunsWatcher } from '../../core/store/runs-watcher.js';

export interface RunModelChange {
  readonly runDir: string;
  readonly state: RunState;
  /** Jobs whose state changed (all of them for a run seen for the first time). */
  readonly jobs: ReadonlySet<string>;
  /** The run was first seen now, while it was being written (not read from history). */
  readonly appeared: boolean;
}

/** Past runs read per runs folder when it is first added (new runs always appear). */
const HISTORY_PER_FOLDER = 50;

interface Entry {
  state: RunState;
  follower?: RunFollower;
}

/**
 * Every run record of the workspace's workflows, as on disk: read when a runs folder is first
 * added, then kept current from file-system events. Runs started anywhere (this window, another
 * one, `ccwf run` in a terminal) appear and update the same way, and all of it is right again
 * after a window reload because nothing lives only in memory.
 */
export class RunsModel implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly folders = new Map<string, RunsWatcher>();
  private readonly changed = new vscode.EventEmitter<RunModelChange | undefined>();
  /** A run changed (undefined: the list as a whole changed, e.g. a run was deleted). */
  readonly onDidChange = this.changed.event;

  /** Starts watching a runs folder (idempotent) and reads the runs already in it. */
  addFolder(runsDir: string): void {
    if (this.folders.has(runsDir)) return;
    this.folders.set(runsDir, new RunsWatcher(runsDir, (runDir) => this.see(runDir, true)));
    let added = false;
    // Newest first, and only so many: each record is read whole, and years of history would stall the window.
    for (const runDir of listRunDirs(runsDir).slice(0, HISTORY_PER_FOLDER)) added = this.see(runDir, false) || added;
    if (added) this.changed.fire(undefined);
  }

  /** Runs, newest first (run ids start with their time). */
  runs(): { runDir: string; state: RunState }[] {
    return [...this.entries].map(([runDir, e]) => ({ runDir, state: e.state })).sort((a, b) => cmp(b.state.runId, a.state.runId) || cmp(b.runDir, a.runDir));
  }

  get(runDir: string): RunState | undefined {
    return this.entries.get(runDir)?.state;
  }

  /**
   * Reads a run again from disk and follows it if it runs: after our own launch (the record may
   * be resumed in place), or to notice that its process died without writing an end.
   */
  refresh(runDir: string): RunState | undefined {
    const entry = this.entries.get(runDir);
    if (!entry) {
      this.see(runDir, true);
      return this.get(runDir);
    }
    const state = readRun(runDir);
    if (!state) return entry.state;
    entry.state = state;
    if (state.status === 'running') this.follow(runDir, entry);
    this.changed.fire({ runDir, state, jobs: new Set(state.jobs.keys()), appeared: false });
    return state;
  }

  /** Deletes a finished run's folder and forgets it. */
  delete(runDir: string): void {
    const entry = this.entries.get(runDir);
    if (entry?.state.status === 'running') throw new Error('a running run cannot be deleted; cancel it first');
    entry?.follower?.dispose();
    this.entries.delete(runDir);
    rmSync(runDir, { recursive: true, force: true });
    this.changed.fire(undefined);
  }

  runsDirOf(runDir: string): string {
    return dirname(runDir);
  }

  dispose(): void {
    for (const w of this.folders.values()) w.dispose();
    for (const e of this.entries.values()) e.follower?.dispose();
    this.changed.dispose();
  }

  /** Reads a run seen for the first time; true when it was added. */
  private see(runDir: string, live: boolean): boolean {
    if (this.entries.has(runDir)) return false;
    const state = readRun(runDir);
    if (!state) return false;
    const entry: Entry = { state };
    this.entries.set(runDir, entry);
    if (state.status === 'running') this.follow(runDir, entry);
    if (live) this.changed.fire({ runDir, state: entry.state, jobs: new Set(entry.state.jobs.keys()), appeared: true });
    return true;
  }

  private follow(runDir: string, entry: Entry): void {
    entry.follower?.dispose();
    const follower = new RunFollower(runDir, (change) => {
      entry.state = change.state;
      if (change.jobs.size > 0) this.changed.fire({ runDir, state: change.state, jobs: change.jobs, appeared: false });
      // Over: nothing more will be written (a later resume is picked up by `refresh`).
      if (change.state.status !== 'running') {
        follower.dispose();
        if (entry.follower === follower) delete entry.follower;
      }
    });
    entry.follower = follower;
    const state = follower.start();
    if (state) entry.state = state;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
