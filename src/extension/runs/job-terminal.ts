import * as vscode from 'vscode';

/**
 * A terminal that shows a job's output: a Pseudoterminal we write the log into. It owns no
 * process, so closing it stops the showing, never the job (cancel does that).
 */
export class JobTerminal implements vscode.Disposable {
  readonly terminal: vscode.Terminal;
  private readonly writes = new vscode.EventEmitter<string>();
  private readonly names = new vscode.EventEmitter<string>();
  /** Output written before VS Code opened the terminal: it would be lost otherwise. */
  private pending: string[] | undefined = [];
  private closed = false;
  /** Everything written, for tests and for a terminal reopened later. */
  private received = 0;

  constructor(private currentName: string, onClose: () => void) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writes.event,
      onDidChangeName: this.names.event,
      open: () => {
        for (const text of this.pending ?? []) this.writes.fire(text);
        this.pending = undefined;
      },
      close: () => {
        this.closed = true;
        onClose();
      },
    };
    this.terminal = vscode.window.createTerminal({ name: currentName, pty, iconPath: new vscode.ThemeIcon('run'), isTransient: true });
  }

  get name(): string {
    return this.currentName;
  }

  /** Shows another job from now on: cheaper than a new terminal when jobs come by the hundred. */
  rename(name: string): void {
    this.currentName = name;
    this.names.fire(name);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get bytesReceived(): number {
    return this.received;
  }

  /** Writes job output: terminals need CR LF, the output's colours (ANSI) are kept. */
  write(text: string): void {
    if (this.closed || text.length === 0) return;
    const out = text.replace(/\r?\n/g, '\r\n');
    this.received += out.length;
    if (this.pending) this.pending.push(out);
    else this.writes.fire(out);
  }

  /** A dim line of our own between attempts and runs. */
  note(text: string): void {
    this.write(`\x1b[2m${text}\x1b[0m\n`);
  }

  dispose(): void {
    this.terminal.dispose();
    this.writes.dispose();
    this.names.dispose();
  }
}
