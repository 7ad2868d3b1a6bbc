import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { EVENTS_FILE } from './events.js';
import { readFirstEvent } from './run-store.js';
import type { RunStartEvent } from './events.js';

/**
 * Reports each run record that appears under a runs folder once its `run-start` line is written,
 * whoever writes it (this process, another window, `ccwf run` in a terminal). Event-driven
 * (inotify through fs.watch): while the runs folder does not exist yet it watches the nearest
 * folder above that does, and moves down as the folders appear.
 */
export class RunsWatcher {
  private folderWatcher: FSWatcher | undefined;
  private readonly pending = new Map<string, FSWatcher>();
  private readonly reported = new Set<string>();
  private disposed = false;
  /** Whether the runs folder was missing at some point: then every run in it is new. */
  private waited = false;

  constructor(private readonly runsDir: string, private readonly onRun: (runDir: string, start: RunStartEvent) => void) {
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    this.folderWatcher?.close();
    for (const w of this.pending.values()) w.close();
    this.pending.clear();
  }

  private arm(): void {
    if (this.disposed) return;
    this.folderWatcher?.close();
    let dir = this.runsDir;
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    const watchingRuns = dir === this.runsDir;
    this.folderWatcher = this.tryWatch(dir, (name) => {
      if (watchingRuns) this.consider(join(this.runsDir, name));
      else if (existsSync(this.nextBelow(dir))) this.arm();
    });
    // A folder may have appeared between the existence check and the watch.
    if (!watchingRuns && existsSync(this.nextBelow(dir))) this.arm();
    // Runs made while we were still waiting for the runs folder (mkdir -p makes all at once).
    if (watchingRuns && this.waited) for (const name of readdirSync(dir)) this.consider(join(dir, name));
    if (!watchingRuns) this.waited = true;
  }

  /** The folder one level below `dir` on the way to the runs folder. */
  private nextBelow(dir: string): string {
    let next = this.runsDir;
    while (dirname(next) !== dir && dirname(next) !== next) next = dirname(next);
    return next;
  }

  private consider(runDir: string): void {
    if (this.reported.has(runDir) || this.disposed) return;
    const start = readFirstEvent(runDir);
    if (start) {
      this.reported.add(runDir);
      this.pending.get(runDir)?.close();
      this.pending.delete(runDir);
      if (start.type === 'run-start') this.onRun(runDir, start);
      return;
    }
    // Created but its first line not written yet: look again when the folder changes.
    if (!this.pending.has(runDir) && existsSync(runDir)) {
      const w = this.tryWatch(runDir, (name) => {
        if (name === EVENTS_FILE) this.consider(runDir);
      });
      if (w) this.pending.set(runDir, w);
      this.consider(runDir);
    }
  }

  private tryWatch(dir: string, onName: (name: string) => void): FSWatcher | undefined {
    try {
      const w = watch(dir, (_event, name) => {
        if (!this.disposed && name) onName(String(name));
      });
      w.on('error', () => w.close());
      return w;
    } catch {
      return undefined; // inotify limits: live updates stop, the record is still read on open
    }
  }
}
