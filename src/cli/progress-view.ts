import type { RunEvent } from '../core/store/events.js';
import { applyEvent, countByStatus, reduceEvents, type RunState } from '../core/store/run-state.js';
import { formatDuration } from '../core/parse/duration.js';
import type { CliIo } from './io.js';
import { colors } from './io.js';

const FRAME_MS = 100;
const MAX_ROWS = 12;

/**
 * Shows a run as it goes. On a terminal: a redrawn block of progress bars (at most 10 frames a
 * second, however many events arrive); otherwise one plain line per job start and end.
 */
export class ProgressView {
  private state: RunState | undefined;
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly c;

  constructor(private readonly io: CliIo) {
    this.c = colors(io);
  }

  onEvent(event: RunEvent): void {
    if (event.type === 'run-start') this.state = reduceEvents([event]);
    else if (this.state) applyEvent(this.state, event);
    if (this.io.isTTY) {
      this.timer ??= setTimeout(() => this.draw(), FRAME_MS);
      return;
    }
    const c = this.c;
    if (event.type === 'job-start') this.io.stdout.write(`start  ${event.job}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`);
    else if (event.type === 'job-end') {
      const job = this.state?.jobs.get(event.job);
      const took = job?.startedAt ? ` in ${formatDuration(event.t - job.startedAt)}` : '';
      if (event.status === 'done') this.io.stdout.write(`${c.green('done')}   ${event.job}${took}\n`);
      else this.io.stdout.write(`${c.red(event.status === 'cancelled' ? 'cancel' : 'fail')}   ${event.job}${took}: ${describeEnd(event)}${event.willRetry ? ', retrying' : ''}\n`);
    } else if (event.type === 'job-skip') this.io.stdout.write(`${c.dim('skip')}   ${event.job}: ${event.because}\n`);
  }

  finish(): void {
    clearTimeout(this.timer);
    if (this.io.isTTY) this.draw();
  }

  private draw(): void {
    this.timer = undefined;
    const state = this.state;
    if (!state) return;
    const c = this.c;
    const counts = countByStatus(state);
    const lines: string[] = [];
    const running = [...state.jobs.values()].filter((j) => j.status === 'running' || j.status === 'submitted');
    for (const job of running.slice(0, MAX_ROWS)) {
      const pct = job.progress ?? 0;
      const filled = Math.round(pct / 5);
      const bar = '█'.repeat(filled) + '░'.repeat(20 - filled);
      const took = job.startedAt ? formatDuration(Date.now() - job.startedAt) : '';
      lines.push(`  ${bar} ${String(Math.round(pct)).padStart(3)}%  ${job.name}  ${c.dim(took)}`);
    }
    if (running.length > MAX_ROWS) lines.push(c.dim(`  … and ${running.length - MAX_ROWS} more running`));
    const total = state.jobs.size;
    lines.push(
      `${c.bold(`${counts.done}/${total} done`)}  ${counts.running} running  ${counts.failed ? c.red(`${counts.failed} failed`) : '0 failed'}  ${counts.skipped ? `${counts.skipped} skipped` : ''}`.trimEnd(),
    );
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.io.stdout.write(`${up}\x1b[J${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}

export function describeEnd(event: { exitCode?: number | null; signal?: string | null; error?: string }): string {
  if (event.error) return event.error;
  if (event.signal) return `killed by ${event.signal}`;
  return `exit code ${event.exitCode}`;
}
