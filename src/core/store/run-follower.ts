import { closeSync, existsSync, fstatSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { EVENTS_FILE, parseEvents } from './events.js';
import { applyEvent, reduceEvents, type RunState } from './run-state.js';
import { isProcessAlive } from './run-store.js';
import { safeFileName } from './file-names.js';

export interface RunChange {
  readonly state: RunState;
  /** Jobs whose state changed since the last call. */
  readonly jobs: ReadonlySet<string>;
  /** Jobs whose log grew (their output tail may have changed). */
  readonly logs: ReadonlySet<string>;
}

/**
 * Follows one run record as it is written, by any process (the editor's own run or `ccwf run`
 * in a terminal): reads only the bytes appended since last time, on file-system events rather
 * than a timer. A torn last line is kept until its end arrives.
 */
export class RunFollower {
  private offset = 0;
  private partial = '';
  // A read may end inside a multi-byte character; the decoder keeps its first bytes for the next.
  private readonly decoder = new StringDecoder('utf8');
  private state: RunState | undefined;
  private readonly watchers: FSWatcher[] = [];
  private readonly logToJob = new Map<string, string>();
  private disposed = false;

  constructor(readonly runDir: string, private readonly onChange: (change: RunChange) => void) {}

  /** Reads what is there now, then follows. Returns the state read (undefined for an empty record). */
  start(): RunState | undefined {
    this.read(new Set());
    this.watch(join(this.runDir, EVENTS_FILE), () => this.read(new Set()));
    this.watch(join(this.runDir, 'logs'), (file) => {
      const job = file && this.logToJob.get(file);
      if (job && this.state) this.onChange({ state: this.state, jobs: new Set(), logs: new Set([job]) });
    });
    return this.state;
  }

  get current(): RunState | undefined {
    return this.state;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watchers.splice(0)) w.close();
  }

  private watch(path: string, onEvent: (file: string | undefined) => void): void {
    if (!existsSync(path)) return;
    try {
      const w = watch(path, (_event, file) => {
        if (!this.disposed) onEvent(file === null ? undefined : basename(String(file)));
      });
      w.on('error', () => w.close());
      this.watchers.push(w);
    } catch {
      // Watching is best effort (e.g. inotify limits); the record is still read on start.
    }
  }

  private read(changed: Set<string>): void {
    const text = this.readAppended();
    if (text === '') return;
    const complete = (this.partial + text).lastIndexOf('\n');
    const chunk = this.partial + text;
    this.partial = chunk.slice(complete + 1);
    const events = parseEvents(chunk.slice(0, complete + 1));
    if (events.length === 0) return;
    if (!this.state) {
      this.state = reduceEvents(events);
      if (!this.state) return;
      for (const name of this.state.jobs.keys()) {
        changed.add(name);
        this.logToJob.set(`${safeFileName(name)}.log`, name);
      }
    } else {
      for (const e of events) {
        applyEvent(this.state, e);
        if ('job' in e) changed.add(e.job);
        else for (const name of this.state.jobs.keys()) changed.add(name);
      }
    }
    this.markInterrupted();
    this.onChange({ state: this.state, jobs: changed, logs: new Set() });
  }

  /** A record left `running` by a process that is gone reads as interrupted, as `readRun` does. */
  private markInterrupted(): void {
    const s = this.state!;
    if (s.status === 'running' && !isProcessAlive(s.pid, s.hostname)) s.status = 'interrupted';
  }

  private readAppended(): string {
    let fd: number;
    try {
      fd = openSync(join(this.runDir, EVENTS_FILE), 'r');
    } catch {
      return '';
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return '';
      const buffer = Buffer.alloc(size - this.offset);
      const n = readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += n;
      return this.decoder.write(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
}

/** The last `count` lines of a job's log (ANSI codes kept; the webview strips them). */
export function readLogTail(runDir: string, job: string, count = 5): string[] {
  let fd: number;
  try {
    fd = openSync(join(runDir, 'logs', `${safeFileName(job)}.log`), 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    // The first line may be cut by the 8 KB window; drop it unless it is the whole log.
    if (length < size) lines.shift();
    return lines.slice(-count).map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l));
  } finally {
    closeSync(fd);
  }
}
