/** What the CLI touches of its process: passed in, so tests call `cli()` directly. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal: live progress bars instead of plain lines. */
  readonly isTTY: boolean;
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly signal?: AbortSignal;
  /** Asks the person at the terminal (absent when nobody can answer: no TTY). `secret` hides the typing. */
  readonly ask?: (question: string, options?: { readonly secret?: boolean }) => Promise<string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function colors(io: CliIo): Colors {
  const on = io.isTTY && io.env.NO_COLOR === undefined;
  const wrap = (code: number) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}
