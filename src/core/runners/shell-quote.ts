/**
 * THE quoting function for every command line that crosses a POSIX shell (ssh, WSL, Slurm).
 * Nothing else in ccwf may build a shell string from data: everything goes through here.
 *
 * Single quotes are the one POSIX quoting with no special characters inside, so an argument is
 * wrapped in them and each embedded `'` becomes `'\''` (close, escaped quote, reopen). The result
 * is one word whatever the input: `$`, backticks, `;`, newlines, globs and `~` stay literal.
 */
export function shellQuote(arg: string): string {
  // A C string (argv, environment) ends at NUL: the shell would silently cut the argument there.
  if (arg.includes('\0')) throw new Error(`cannot pass an argument containing a NUL byte through a shell: ${JSON.stringify(arg.slice(0, 40))}`);
  if (arg === '') return "''";
  // Plain words need no quotes; keeping them bare makes logged command lines readable. Not `=`:
  // a bare `A=1` first word would be an assignment; not `~`, `*`, `{`, `!`: expansions or syntax.
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One command line: each element is exactly one argument when the shell reads the line. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
