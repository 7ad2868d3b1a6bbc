import { mkdirSync, readdirSync, readFileSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { isFinished } from '../model/status.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { readRun } from './run-store.js';

/**
 * What another process (the CLI, an editor window) asks of a running run. Requests are files in
 * the run's `control/` folder: any process that can read the record can make one, with no socket
 * to keep alive, and the running engine picks them up through a file-system watch.
 */
export type ControlRequest = { readonly type: 'cancel-job'; readonly job: string };

const CONTROL_DIR = 'control';
const REQUEST_SUFFIX = '.request.json';

export function sendControl(runDir: string, request: ControlRequest): void {
  const dir = join(runDir, CONTROL_DIR);
  mkdirSync(dir, { recursive: true });
  const name = `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}${REQUEST_SUFFIX}`;
  writeFileAtomicSync(join(dir, name), JSON.stringify(request));
}

/** Delivers each request once, in the order they were made, while the run goes on. */
export class ControlListener {
  private readonly dir: string;
  private readonly watcher: FSWatcher | undefined;

  constructor(runDir: string, private readonly onRequest: (request: ControlRequest) => void) {
    this.dir = join(runDir, CONTROL_DIR);
    mkdirSync(this.dir, { recursive: true });
    try {
      this.watcher = watch(this.dir, { persistent: false }, () => this.drain());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined; // no watch support: requests are not heard, cancel of the whole run still works
    }
    this.drain();
  }

  dispose(): void {
    this.watcher?.close();
  }

  private drain(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith(REQUEST_SUFFIX)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.dir, name);
      let request: unknown;
      try {
        request = JSON.parse(readFileSync(path, 'utf8'));
        rmSync(path, { force: true });
      } catch {
        continue; // gone already (another drain) or unreadable: nothing to do
      }
      if (isControlRequest(request)) this.onRequest(request);
    }
  }
}

function isControlRequest(value: unknown): value is ControlRequest {
  const v = value as { type?: unknown; job?: unknown } | null;
  return typeof v === 'object' && v !== null && v.type === 'cancel-job' && typeof v.job === 'string';
}

export type CancelOutcome = { readonly sent: true } | { readonly sent: false; readonly reason: string };

/**
 * Asks the process running `runDir` to stop it: its engine cancels every job (whole process
 * trees) and writes the end of the record itself.
 */
export function cancelRun(runDir: string): CancelOutcome {
  const state = readRun(runDir);
  if (!state) return { sent: false, reason: 'there is no such run' };
  if (state.status !== 'running') return { sent: false, reason: `the run is not running (${state.status})` };
  try {
    process.kill(state.pid, 'SIGTERM');
    return { sent: true };
  } catch (error) {
    return { sent: false, reason: `its process ${state.pid} on ${state.hostname} cannot be reached (${(error as NodeJS.ErrnoException).code})` };
  }
}

/** Asks the running engine to cancel one job (and so skip what depends on it). */
export function cancelJob(runDir: string, job: string): CancelOutcome {
  const state = readRun(runDir);
  if (!state) return { sent: false, reason: 'there is no such run' };
  if (state.status !== 'running') return { sent: false, reason: `the run is not running (${state.status})` };
  const js = state.jobs.get(job);
  if (!js) return { sent: false, reason: `the run has no job '${job}'` };
  if (isFinished(js.status)) return { sent: false, reason: `'${job}' is already ${js.status}` };
  sendControl(runDir, { type: 'cancel-job', job });
  return { sent: true };
}
