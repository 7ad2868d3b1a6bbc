import type { ClientChannel } from 'ssh2';
import { FAILED, parseStartedLine, STARTED, type StartedLine } from './remote-job-script.js';

interface Pending {
  readonly id: number;
  readonly lines: string[];
  resolve(result: { status: number; lines: string[] }): void;
  reject(error: Error): void;
}

interface StartWaiter {
  resolve(line: StartedLine): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One long-lived `/bin/sh` on the host, reading commands from its stdin: a command costs a write
 * and a line back (~0.5 ms) instead of a new exec channel (~75 ms, and at most 10 per
 * connection). Requests run one after another in the order sent; each ends with a
 * `ccwf-done <id> <status>` line. Monitors of started jobs print their STARTED line on the same
 * stream at any moment, matched by token.
 */
export class ControlShell {
  private readonly pending: Pending[] = [];
  private readonly starts = new Map<string, StartWaiter>();
  private nextId = 1;
  private buffer = '';
  private closedWith: Error | undefined;

  constructor(private readonly channel: ClientChannel, private readonly onClose: (shell: ControlShell) => void) {
    channel.setEncoding('utf8');
    channel.on('data', (text: string) => this.receive(text));
    channel.stderr.on('data', () => undefined); // the login shell's chatter; requests send their stderr to stdout
    channel.on('close', () => this.close(new Error('the connection to the host was lost')));
  }

  /** Runs a script; resolves with its exit status and output lines (stdout and stderr). */
  run(script: string): Promise<{ status: number; lines: string[] }> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.push({ id, lines: [], resolve, reject });
      // A group, not a subshell: no fork per request. Scripts never `exit` or `cd`.
      this.channel.write(`{\n${script}\n} 2>&1 </dev/null; echo "ccwf-done ${id} $?"\n`);
    });
  }

  /** Runs a start script and resolves when its monitor reports the job running. */
  async start(script: string, token: string, timeoutMs = 60_000): Promise<StartedLine> {
    const started = new Promise<StartedLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.starts.delete(token);
        reject(new Error(`the job did not report that it started within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.starts.set(token, { resolve, reject, timer });
    });
    const { lines } = await this.run(script).catch((error: Error) => {
      this.settleStart(token, error);
      throw error;
    });
    if (lines.some((l) => l.startsWith(`${FAILED} ${token}`))) {
      const reason = lines.filter((l) => !l.startsWith(FAILED)).join('; ');
      this.settleStart(token, new Error(`could not make the run folder on the host${reason ? `: ${reason}` : ''}`));
    }
    return started;
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  close(error = new Error('closed')): void {
    if (this.closedWith) return;
    this.closedWith = error;
    for (const p of this.pending.splice(0)) p.reject(error);
    for (const token of [...this.starts.keys()]) this.settleStart(token, error);
    this.channel.close();
    this.onClose(this);
  }

  private settleStart(token: string, outcome: StartedLine | Error): void {
    const waiter = this.starts.get(token);
    if (!waiter) return;
    this.starts.delete(token);
    clearTimeout(waiter.timer);
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }

  private receive(text: string): void {
    this.buffer += text;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line.startsWith(STARTED)) {
      const started = parseStartedLine(line);
      if (started) return this.settleStart(started.token, started);
    }
    const done = /^ccwf-done (\d+) (\d+)$/.exec(line);
    if (done && this.pending[0]?.id === Number(done[1])) {
      const p = this.pending.shift()!;
      return p.resolve({ status: Number(done[2]), lines: p.lines });
    }
    this.pending[0]?.lines.push(line);
  }
}
