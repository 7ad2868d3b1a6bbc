import type { ClientChannel } from 'ssh2';
import { parseExitLine } from './remote-job-script.js';
import { shellCommand } from './shell-quote.js';
import type { SshConnection } from './ssh-connection.js';

const IDLE_CLOSE_MS = 2000;

/**
 * Learns every exit of one run on one host from a single channel: `tail -F` of the run's `exits`
 * file (inotify-driven on Linux), instead of one channel or one poll per job. It reads from the
 * byte offset it has consumed, so after a dropped connection it restarts exactly where it was and
 * exits that happened meanwhile arrive then; tokens seen before anyone asks are kept.
 */
export class ExitFollower {
  private offset = 0;
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, { ended(code: number): void; failed(error: Error): void }>();
  private channel: ClientChannel | undefined;
  private opening = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly connection: SshConnection, private readonly path: string) {}

  /** Calls `ended` once the attempt named `token` has an exit code. Returns a function that stops waiting. */
  wait(token: string, ended: (code: number) => void, failed: (error: Error) => void): () => void {
    const code = this.seen.get(token);
    if (code !== undefined) {
      queueMicrotask(() => ended(code));
      return () => undefined;
    }
    this.waiting.set(token, { ended, failed });
    clearTimeout(this.idle);
    void this.open();
    return () => this.forget(token);
  }

  close(): void {
    clearTimeout(this.idle);
    this.waiting.clear();
    this.channel?.close();
  }

  private forget(token: string): void {
    this.waiting.delete(token);
    if (this.waiting.size > 0) return;
    clearTimeout(this.idle);
    // A chain of jobs starts the next at once: keep the channel a moment rather than reopen it.
    this.idle = setTimeout(() => {
      if (this.waiting.size === 0) this.channel?.close();
    }, IDLE_CLOSE_MS);
    this.idle.unref();
  }

  private async open(): Promise<void> {
    if (this.channel || this.opening) return;
    this.opening = true;
    let channel: ClientChannel;
    try {
      channel = await this.connection.exec(`exec ${shellCommand(['tail', '-c', `+${this.offset + 1}`, '-F', '--', this.path])} 2>/dev/null`);
    } catch (error) {
      this.opening = false;
      return this.failAll(error as Error);
    }
    this.opening = false;
    this.channel = channel;
    let partial = Buffer.alloc(0);
    channel.on('data', (data: Buffer) => {
      partial = Buffer.concat([partial, data]);
      let newline: number;
      while ((newline = partial.indexOf(10)) >= 0) {
        const line = partial.subarray(0, newline).toString('utf8');
        partial = partial.subarray(newline + 1);
        this.offset += newline + 1;
        this.exited(line);
      }
    });
    let exitStatus: number | undefined;
    channel.on('exit', (code: number | null) => (exitStatus = code ?? undefined));
    channel.on('close', () => {
      this.channel = undefined;
      if (this.waiting.size === 0) return;
      // tail itself ended (not found, no such folder) while the connection is fine: reopening would spin.
      if (exitStatus !== undefined) return this.failAll(new Error(`could not follow ${this.path} on the host (tail exited with ${exitStatus})`));
      // Lost with the connection: open again (waiting for the reconnect) from where we were.
      void this.open();
    });
  }

  private failAll(error: Error): void {
    for (const [token, w] of this.waiting) {
      this.waiting.delete(token);
      w.failed(error);
    }
  }

  private exited(line: string): void {
    const parsed = parseExitLine(line);
    if (!parsed) return;
    this.seen.set(parsed.token, parsed.code);
    const w = this.waiting.get(parsed.token);
    if (!w) return;
    this.forget(parsed.token);
    w.ended(parsed.code);
  }
}
