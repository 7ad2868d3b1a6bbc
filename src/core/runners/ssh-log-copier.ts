import { closeSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { SFTPWrapper } from 'ssh2';
import type { SshConnection } from './ssh-connection.js';

const CHUNK = 256 * 1024;
const FIRST_LOOK_MS = 100;
const QUIET_MAX_MS = 2000;

/**
 * Copies a remote job log into the local log, from byte offsets, over the connection's one SFTP
 * session (reads are pipelined on it, so thousands of jobs cost no extra channels). While the job
 * runs it looks again soon after output and less often while the job is quiet; `finish()`, called
 * when the job's exit is known, copies everything left. Offsets are counted in bytes written
 * locally, so after a dropped connection it goes on from exactly there: nothing lost, nothing twice.
 */
export class RemoteLogCopier {
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private session: { sftp: SFTPWrapper; handle: Buffer } | undefined;
  private busy: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private quietMs = FIRST_LOOK_MS;
  private finished = false;
  private closed = false;

  /**
   * @param remoteStart where this attempt's output begins in the remote log
   * @param copied bytes of it already in the local log (a re-attach goes on from there)
   */
  constructor(
    private readonly connection: SshConnection,
    private readonly remotePath: string,
    private readonly remoteStart: number,
    private readonly localFd: number,
    private copied: number,
    private readonly onText: (text: string) => void,
  ) {
    this.schedule();
  }

  /** Copies the rest (the job has ended), closes the local log. Never rejects. */
  finish(): Promise<void> {
    this.finished = true;
    clearTimeout(this.timer);
    this.busy = this.busy.then(() => this.drain()).catch(() => undefined).then(() => this.close());
    return this.busy;
  }

  /** Stops without copying more (the job is given up). */
  abandon(): void {
    this.finished = true;
    clearTimeout(this.timer);
    this.busy = this.busy.then(() => this.close());
  }

  private schedule(): void {
    if (this.finished) return;
    this.timer = setTimeout(() => {
      this.busy = this.busy
        .then(() => this.drain())
        .then((got) => {
          this.quietMs = got > 0 ? FIRST_LOOK_MS : Math.min(this.quietMs * 2, QUIET_MAX_MS);
        })
        .catch(() => undefined)
        .then(() => this.schedule());
    }, this.quietMs);
  }

  /** Reads to the current end of the remote log; on a lost connection waits for the next and goes on. */
  private async drain(): Promise<number> {
    let total = 0;
    for (let failures = 0; ; ) {
      let n: number;
      try {
        const { sftp, handle } = await this.open();
        n = await new Promise<number>((resolve, reject) =>
          sftp.read(handle, this.buffer, 0, CHUNK, this.remoteStart + this.copied, (err, bytes) => (err ? reject(err) : resolve(bytes))),
        );
      } catch (error) {
        this.session = undefined;
        // An SFTP status (no such file, permission) will not change by trying again.
        if (typeof (error as { code?: unknown }).code === 'number') throw error;
        await this.connection.client(); // rejects when the host is given up
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** failures++, 2000)));
        continue;
      }
      if (n <= 0) return total;
      writeSync(this.localFd, this.buffer, 0, n);
      this.copied += n;
      total += n;
      const text = this.decoder.write(this.buffer.subarray(0, n));
      if (text) this.onText(text);
    }
  }

  private async open(): Promise<{ sftp: SFTPWrapper; handle: Buffer }> {
    const sftp = await this.connection.sftp();
    // A request on the SFTP session of a dropped connection is queued forever, never answered:
    // use the connection's current session, and reopen the file when that changed.
    if (this.session?.sftp === sftp) return this.session;
    const handle = await new Promise<Buffer>((resolve, reject) => sftp.open(this.remotePath, 'r', (err, h) => (err ? reject(err) : resolve(h))));
    this.session = { sftp, handle };
    return this.session;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const rest = this.decoder.end();
    if (rest) this.onText(rest);
    if (this.session) this.session.sftp.close(this.session.handle, () => undefined);
    this.session = undefined;
    closeSync(this.localFd);
  }
}
