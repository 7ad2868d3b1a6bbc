import { closeSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 64 * 1024;

/**
 * Streams what others append to a file, from an offset: woken by file-system events rather than
 * polling. `finish()` reads the rest, so nothing written before it is missed.
 */
export class LogFollower {
  private readonly fd: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private watcher: FSWatcher | undefined;
  private stopped = false;

  constructor(path: string, private offset: number, private readonly onText: (text: string) => void) {
    this.fd = openSync(path, 'r');
    try {
      this.watcher = watch(path, { persistent: false }, () => this.drain());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined; // no watch support: the final drain still delivers everything
    }
  }

  drain(): void {
    if (this.stopped) return;
    for (;;) {
      const n = readSync(this.fd, this.buffer, 0, CHUNK, this.offset);
      if (n <= 0) return;
      this.offset += n;
      const text = this.decoder.write(this.buffer.subarray(0, n));
      if (text) this.onText(text);
    }
  }

  finish(): void {
    this.drain();
    const rest = this.decoder.end();
    if (rest && !this.stopped) this.onText(rest);
    this.stopped = true;
    this.watcher?.close();
    closeSync(this.fd);
  }
}
