import type { Host, Job, Workflow } from '../model/workflow.js';
import type { RunStatus } from '../model/status.js';
import type { JobEndEvent, JobRef, RunEvent } from '../store/events.js';
import { ProgressScanner } from '../progress/line-scanner.js';
import type { JobHandle, JobResult, Runners, JobSpec } from '../runners/runner.js';
import { formatDuration } from '../parse/duration.js';

export interface EventSink {
  append(event: RunEvent): void;
  /** Makes every appended event durable against our own crash; called before starting a job. */
  flush(): void;
  logPath(job: string): string;
}

export interface SchedulerOptions {
  readonly runId: string;
  readonly runDir: string;
  readonly workflow: Workflow;
  readonly workflowDir: string;
  /** The jobs to run. Their needs outside this set count as satisfied. */
  readonly selected: ReadonlySet<string>;
  readonly runners: Runners;
  readonly sink: EventSink;
  readonly concurrency: number;
  readonly failFast?: boolean;
  readonly signal?: AbortSignal;
  readonly python?: string;
  /** Jobs still running remotely from before a restart: followed instead of started again. */
  readonly reattach?: ReadonlyMap<string, { readonly ref: JobRef; readonly attempt: number }>;
  /** Attempts each job had in the run before (a resumed run): numbering goes on from there. */
  readonly previousAttempts?: ReadonlyMap<string, number>;
  readonly onEvent?: (event: RunEvent) => void;
  readonly onOutput?: (job: string, text: string) => void;
}

interface Slot {
  readonly job: Job;
  readonly host: Host;
  waitingOn: number;
  attempt: number;
  /** Attempts made before this process took over (resume): retries count from here. */
  readonly attemptsBefore: number;
  state: 'waiting' | 'queued' | 'running' | 'retrying' | 'finished';
  handle?: JobHandle;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
  /** Cancelled on its own (a person's request), not as part of stopping the run. */
  cancelled?: boolean;
  lastReport?: string;
}

/**
 * The ready-queue scheduler. A job is queued the moment its last need succeeds and starts as soon
 * as a slot is free (overall and on its host); nothing polls. A failure skips everything
 * downstream of it while independent branches go on, unless `failFast` stops the run.
 */
export class Scheduler {
  private readonly slots = new Map<string, Slot>();
  /** Ready jobs per host, FIFO; `heads` avoids O(n) shifts. */
  private readonly queues = new Map<string, Slot[]>();
  private readonly heads = new Map<string, number>();
  private readonly runningOn = new Map<string, number>();
  private running = 0;
  private unfinished = 0;
  private failed = false;
  private stopping = false;
  /** Some job was cancelled on its own: the run did not fail, but it did not all get done either. */
  private someCancelled = false;
  private finish!: (status: RunStatus) => void;

  constructor(private readonly o: SchedulerOptions) {}

  run(): Promise<RunStatus> {
    const result = new Promise<RunStatus>((resolve) => (this.finish = resolve));
    const { workflow, selected } = this.o;
    for (const name of selected) {
      const job = workflow.jobs.get(name)!;
      const waitingOn = new Set(job.needs.map((n) => n.job).filter((n) => selected.has(n))).size;
      const host = workflow.hosts.get(job.host)!;
      const before = this.o.previousAttempts?.get(name) ?? 0;
      this.slots.set(name, { job, host, waitingOn, attempt: before, attemptsBefore: before, state: 'waiting' });
    }
    this.unfinished = this.slots.size;
    if (this.o.signal?.aborted) {
      this.stop();
    } else {
      this.o.signal?.addEventListener('abort', () => this.stop(), { once: true });
      for (const [name, slot] of this.slots) {
        const previous = this.o.reattach?.get(name);
        if (previous) void this.reattach(slot, previous.ref, previous.attempt);
        else if (slot.waitingOn === 0) this.enqueue(slot);
      }
      this.pump();
    }
    this.settleIfDone();
    return result;
  }

  private enqueue(slot: Slot): void {
    slot.state = 'queued';
    let queue = this.queues.get(slot.host.name);
    if (!queue) this.queues.set(slot.host.name, (queue = []));
    queue.push(slot);
  }

  private pump(): void {
    if (this.stopping) return;
    for (const [hostName, queue] of this.queues) {
      let head = this.heads.get(hostName) ?? 0;
      const limit = this.queues.get(hostName)![head]?.host.concurrency ?? Infinity;
      while (head < queue.length && this.running < this.o.concurrency && (this.runningOn.get(hostName) ?? 0) < limit) {
        this.start(queue[head++]!);
      }
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
      this.heads.set(hostName, head);
      if (this.running >= this.o.concurrency) return;
    }
  }

  private start(slot: Slot): void {
    const runner = this.o.runners[slot.host.kind];
    slot.attempt++;
    if (!runner) {
      this.emit({ t: Date.now(), type: 'job-start', job: slot.job.name, attempt: slot.attempt, host: slot.host.name, logOffset: 0 });
      this.ended(slot, { exitCode: null, error: `no runner for hosts of kind '${slot.host.kind}' is available` });
      return;
    }
    this.o.sink.flush();
    this.occupy(slot, 1);
    const callbacks = this.callbacks(slot);
    runner.start(this.spec(slot), callbacks).then(
      (handle) => this.watch(slot, handle, callbacks),
      (error: Error) => {
        this.occupy(slot, -1);
        this.ended(slot, { exitCode: null, error: `could not start: ${error.message}` });
        this.pump();
        this.settleIfDone();
      },
    );
  }

  private async reattach(slot: Slot, ref: JobRef, attempt: number): Promise<void> {
    const runner = this.o.runners[slot.host.kind];
    slot.attempt = attempt;
    this.occupy(slot, 1);
    const callbacks = this.callbacks(slot);
    const handle = await runner?.attach?.(ref, this.spec(slot), callbacks).catch(() => undefined);
    if (handle) return this.watch(slot, handle, callbacks, true);
    this.occupy(slot, -1);
    slot.attempt--;
    if (slot.waitingOn === 0) this.enqueue(slot);
    this.pump();
  }

  private occupy(slot: Slot, delta: number): void {
    slot.state = delta > 0 ? 'running' : slot.state;
    this.running += delta;
    this.runningOn.set(slot.host.name, (this.runningOn.get(slot.host.name) ?? 0) + delta);
  }

  private watch(slot: Slot, handle: JobHandle, callbacks: { end(): void }, reattached = false): void {
    slot.handle = handle;
    if (!reattached) {
      const { logOffset, ref } = handle;
      this.emit({ t: Date.now(), type: 'job-start', job: slot.job.name, attempt: slot.attempt, host: slot.host.name, logOffset, ref });
    }
    if (slot.job.timeoutMs !== undefined) {
      slot.timer = setTimeout(() => {
        slot.timedOut = true;
        handle.cancel();
      }, slot.job.timeoutMs);
    }
    if (this.stopping) handle.cancel();
    void handle.done.then((result) => {
      callbacks.end();
      clearTimeout(slot.timer);
      this.occupy(slot, -1);
      this.ended(slot, result);
      this.pump();
      this.settleIfDone();
    });
  }

  private callbacks(slot: Slot) {
    const scanner = new ProgressScanner((report) => {
      const key = `${report.status}|${report.progress}|${JSON.stringify(report.values)}`;
      if (key === slot.lastReport) return; // repeated lines add nothing to the record
      slot.lastReport = key;
      this.emit({
        t: Date.now(),
        type: 'job-progress',
        job: slot.job.name,
        ...(report.status === undefined ? {} : { status: report.status }),
        ...(report.progress === undefined ? {} : { progress: report.progress }),
        ...(Object.keys(report.values).length === 0 ? {} : { values: report.values }),
      });
    });
    return {
      onOutput: (text: string) => {
        scanner.push(text);
        this.o.onOutput?.(slot.job.name, text);
      },
      onSubmitted: (ref: JobRef) => this.emit({ t: Date.now(), type: 'job-submit', job: slot.job.name, attempt: slot.attempt, ref }),
      end: () => scanner.end(),
    };
  }

  private spec(slot: Slot): JobSpec {
    const { job, host } = slot;
    return {
      runId: this.o.runId,
      job,
      host,
      attempt: slot.attempt,
      workflowDir: this.o.workflowDir,
      runDir: this.o.runDir,
      logPath: this.o.sink.logPath(job.name),
      env: {
        ...this.o.workflow.env,
        ...job.env,
        CCWF_RUN_ID: this.o.runId,
        CCWF_JOB: job.name,
        CCWF_ATTEMPT: String(slot.attempt),
        CCWF_RUN_DIR: this.o.runDir,
        CCWF_WORKFLOW_DIR: this.o.workflowDir,
        // Progress lines must reach the log as they are printed, not when a buffer fills.
        PYTHONUNBUFFERED: '1',
      },
      python: host.python ?? this.o.python ?? 'python3',
    };
  }

  private ended(slot: Slot, result: JobResult): void {
    const { job } = slot;
    const ok = result.exitCode === 0 && !result.error && !slot.timedOut;
    const cancelled = (this.stopping || slot.cancelled === true) && !ok && !slot.timedOut;
    const retry = !ok && !cancelled && slot.attempt - slot.attemptsBefore <= job.retries;
    const error = slot.timedOut ? `timed out after ${formatDuration(job.timeoutMs!)}` : result.error;
    const event: JobEndEvent = {
      t: Date.now(),
      type: 'job-end',
      job: job.name,
      attempt: slot.attempt,
      status: ok ? 'done' : cancelled ? 'cancelled' : 'failed',
      exitCode: result.exitCode,
      ...(result.signal ? { signal: result.signal } : {}),
      ...(error === undefined ? {} : { error }),
      ...(retry ? { willRetry: true } : {}),
    };
    this.emit(event);
    slot.timedOut = false;
    delete slot.handle;
    if (retry) {
      slot.state = 'retrying';
      const delay = job.retryDelayMs * 2 ** (slot.attempt - slot.attemptsBefore - 1);
      slot.timer = setTimeout(() => {
        if (this.stopping) return this.settleIfDone();
        this.enqueue(slot);
        this.pump();
        this.settleIfDone();
      }, delay);
      return;
    }
    slot.state = 'finished';
    this.unfinished--;
    if (ok) {
      for (const name of this.dependentsOf(job.name)) {
        const next = this.slots.get(name)!;
        if (--next.waitingOn === 0 && next.state === 'waiting') this.enqueue(next);
      }
    } else {
      this.failed ||= !cancelled;
      this.someCancelled ||= cancelled;
      this.skipDownstream(job.name);
      if (this.o.failFast && !cancelled) this.stop();
    }
  }

  private dependentsCache?: Map<string, string[]>;

  private dependentsOf(name: string): readonly string[] {
    if (!this.dependentsCache) {
      this.dependentsCache = new Map();
      for (const [n, slot] of this.slots) {
        for (const need of new Set(slot.job.needs.map((x) => x.job))) {
          if (!this.slots.has(need)) continue;
          const list = this.dependentsCache.get(need) ?? [];
          list.push(n);
          this.dependentsCache.set(need, list);
        }
      }
    }
    return this.dependentsCache.get(name) ?? [];
  }

  private skipDownstream(failedJob: string): void {
    const todo = [...this.dependentsOf(failedJob)];
    while (todo.length > 0) {
      const name = todo.pop()!;
      const slot = this.slots.get(name)!;
      if (slot.state !== 'waiting') continue;
      slot.state = 'finished';
      this.unfinished--;
      this.emit({ t: Date.now(), type: 'job-skip', job: name, because: `'${failedJob}' did not succeed` });
      todo.push(...this.dependentsOf(name));
    }
  }

  /**
   * Cancels one job: stopped if running (its tree killed), never started if not yet; what
   * depends on it is skipped while the rest of the run goes on. False when it is already over.
   */
  cancelJob(name: string): boolean {
    const slot = this.slots.get(name);
    if (!slot || slot.state === 'finished') return false;
    slot.cancelled = true;
    if (slot.state === 'running') {
      slot.handle?.cancel();
      return true;
    }
    // Not running: it ends here, without an attempt.
    clearTimeout(slot.timer);
    if (slot.state === 'queued') this.dequeue(slot);
    slot.state = 'finished';
    this.unfinished--;
    this.someCancelled = true;
    this.emit({ t: Date.now(), type: 'job-end', job: name, attempt: slot.attempt, status: 'cancelled', exitCode: null, error: 'cancelled before it started' });
    this.skipDownstream(name);
    this.settleIfDone();
    return true;
  }

  private dequeue(slot: Slot): void {
    const queue = this.queues.get(slot.host.name);
    if (!queue) return;
    const head = this.heads.get(slot.host.name) ?? 0;
    const at = queue.indexOf(slot, head);
    if (at >= 0) queue.splice(at, 1);
  }

  /** Cancel: running jobs are stopped (their trees killed), nothing new starts. */
  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const slot of this.slots.values()) {
      if (slot.state === 'running') slot.handle?.cancel();
      if (slot.state === 'retrying') clearTimeout(slot.timer);
      if (slot.state === 'waiting' || slot.state === 'queued' || slot.state === 'retrying') {
        slot.state = 'finished';
        this.unfinished--;
      }
    }
    this.settleIfDone();
  }

  private settleIfDone(): void {
    if (this.running > 0) return;
    if (this.unfinished > 0 && !this.stopping) return;
    const status: RunStatus = this.stopping && !(this.o.failFast && this.failed) ? 'cancelled' : this.failed ? 'failed' : this.someCancelled ? 'cancelled' : 'done';
    this.finish(status);
  }

  private emit(event: RunEvent): void {
    this.o.sink.append(event);
    this.o.onEvent?.(event);
  }
}
