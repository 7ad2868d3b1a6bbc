import { closeSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 64 * 1024;
const WATCH_AFTER_MS = 20;
/** Reads are synchronous, so every follower can share one buffer (one allocation per process, not per job). */
const shared = Buffer.allocUnsafe(CHUNK);

/**
 * Streams what others append to a file, from an offset: woken by file-system events rather than
 * polling. `finish()` reads the rest, so nothing written before it is missed.
 */
export class LogFollower {
  private readonly fd: number;
  private readonly decoder = new StringDecoder('utf8');
  private watcher: FSWatcher | undefined;
  private readonly delay: NodeJS.Timeout;
  private stopped = false;

  /** Follows `path`; when `fd` (readable at offsets) is given it is used instead, and closed at the end. */
  constructor(path: string, private offset: number, private readonly onText: (text: string) => void, fd?: number) {
    this.fd = fd ?? openSync(path, 'r');
    // Most short jobs are over before output is worth streaming: a watcher (an inotify watch)
    // starts only for jobs still running after a moment; `finish()` reads whatever is left.
    this.delay = setTimeout(() => this.watch(path), WATCH_AFTER_MS);
    this.delay.unref();
  }

  private watch(path: string): void {
    if (this.stopped) return;
    try {
      this.watcher = watch(path, { persistent: false }, () => this.drain());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined; // no watch support: the final drain still delivers everything
    }
    this.drain();
  }

  drain(): void {
    if (this.stopped) return;
    for (;;) {
      const n = readSync(this.fd, shared, 0, CHUNK, this.offset);
      if (n <= 0) return;
      this.offset += n;
      const text = this.decoder.write(shared.subarray(0, n));
      if (text) this.onText(text);
    }
  }

  finish(): void {
    this.drain();
    const rest = this.decoder.end();
    if (rest && !this.stopped) this.onText(rest);
    this.stopped = true;
    clearTimeout(this.delay);
    this.watcher?.close();
    closeSync(this.fd);
  }
}
