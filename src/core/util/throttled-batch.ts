/**
 * Collects keys marked dirty and hands them out in batches, at most `perSecond` batches a second
 * however fast keys arrive: the first mark after a quiet spell flushes on the next tick, later
 * ones wait for the interval. Used to keep live run updates to the editor at a rate a webview can
 * draw, whether a run has 3 jobs or 10,000.
 */
export class ThrottledBatch<K> {
  private readonly dirty = new Set<K>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;
  private readonly interval: number;

  constructor(
    perSecond: number,
    private readonly flush: (keys: ReadonlySet<K>) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.interval = 1000 / perSecond;
  }

  mark(key: K): void {
    this.dirty.add(key);
    this.schedule();
  }

  /** Schedules a flush even with nothing marked (e.g. to send a reset). */
  schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.interval - this.now());
    this.timer = setTimeout(() => this.run(), wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
  }

  private run(): void {
    this.timer = undefined;
    this.lastFlush = this.now();
    const keys = new Set(this.dirty);
    this.dirty.clear();
    this.flush(keys);
  }
}
