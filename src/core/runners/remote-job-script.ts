import { shellCommand, shellQuote } from './shell-quote.js';

/**
 * The POSIX sh that starts a job detached on a Unix host (over ssh, in WSL), so the job outlives
 * the connection and our own process, and leaves behind everything needed to find it again:
 *
 *   <dir>/<stem>.pid   the job's process group id (it leads its own session, started by setsid)
 *   <dir>/<stem>.log   its stdout and stderr, appended, in the order written
 *   <dir>/<stem>.exit  its exit code, written atomically (`.exit.tmp`, then mv) once it has ended
 *   <dir>/exits        one `<token> <code>` line per ended job: one `tail -f` notices every exit of a run
 *
 * A small monitor, in a session of its own, starts the job, prints `ccwf-started <token>
 * <log offset> <pgid>` and waits for it. The monitor sits outside the job's process group so that
 * killing the group (cancel) leaves it alive to record the exit code. Every value crosses the
 * shell through `shellQuote`; the monitor's text is constant and takes its data as arguments.
 */
export interface RemoteJob {
  /** Absolute folder of the run on that host. */
  readonly dir: string;
  /** Stem of this job's file names in `dir`. */
  readonly stem: string;
  /** Unique per started attempt ([A-Za-z0-9-]): names the attempt in `exits`. */
  readonly token: string;
  /** Absolute working folder of the job. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** The program and its arguments, each one literal argument. */
  readonly argv: readonly string[];
  /** Where output goes when not `<dir>/<stem>.log` (WSL writes straight into the local log). */
  readonly logPath?: string;
}

/** Printed by the monitor once the job runs. */
export const STARTED = 'ccwf-started';
/** Printed instead when the run folder cannot be made. */
export const FAILED = 'ccwf-failed';

// $1 folder, $2 stem, $3 log, $4 token, $5 log offset, $6 setsid|nohup, $7 cwd, $8 number of
// NAME=value words, then those words, then the job's argv. The job's environment is exported in
// the job's own subshell, so a PATH it sets cannot break the monitor's `mv`.
const MONITOR = `d=$1 f=$1/$2 log=$3 t=$4 r=$5 l=$6 cwd=$7 n=$8
shift 8
if cd -- "$cwd"; then
  { while [ "$n" -gt 0 ]; do export "$1"; shift; n=$((n - 1)); done; exec "$l" "$@"; } </dev/null >>"$log" 2>&1 &
else
  (exit 126) &
fi
p=$!
echo "$p" >"$f.pid"
trap '' PIPE
echo "${STARTED} $t $r $p"
exec >/dev/null
wait "$p"
e=$?
[ "$l" = nohup ] || kill -s TERM -- "-$p" 2>/dev/null
echo "$e" >"$f.exit.tmp" && mv -f -- "$f.exit.tmp" "$f.exit"
echo "$t $e" >>"$d/exits"`;

/**
 * The start script. It returns at once (the monitor is in the background), prints STARTED from
 * the monitor, or FAILED; ends in `:` so its status is 0 whatever ran in the background.
 * Without `setsid` (macOS) it falls back to `nohup`: the job survives but has no group of its own.
 */
export function startJobScript(job: RemoteJob): string {
  for (const name of Object.keys(job.env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`'${name}' cannot be an environment variable name on a Unix host`);
  }
  if (!/^[A-Za-z0-9-]+$/.test(job.token)) throw new Error(`bad job token '${job.token}'`);
  const file = `${job.dir}/${job.stem}`;
  const log = job.logPath ?? `${file}.log`;
  const envWords = Object.entries(job.env).map(([k, v]) => `${k}=${v}`);
  const monitorArgs = shellCommand([job.dir, job.stem, log, job.token]);
  const jobArgs = shellCommand([job.cwd, String(envWords.length), ...envWords, ...job.argv]);
  return [
    `ccwf_log=${shellQuote(log)}`,
    `if [ -d ${shellQuote(job.dir)} ] || mkdir -p -- ${shellQuote(job.dir)}; then`,
    `  : >>${shellQuote(`${job.dir}/exits`)}`,
    `  [ ! -e ${shellQuote(`${file}.exit`)} ] || rm -f -- ${shellQuote(`${file}.exit`)}`,
    // A retry appends to the same log: the attempt's output starts where the log ends now.
    `  ccwf_r=0; [ ! -s "$ccwf_log" ] || ccwf_r=$(($(wc -c <"$ccwf_log")))`,
    `  if command -v setsid >/dev/null 2>&1; then ccwf_l=setsid; else ccwf_l=nohup; fi`,
    `  "$ccwf_l" /bin/sh -c ${shellQuote(MONITOR)} ccwf-monitor ${monitorArgs} "$ccwf_r" "$ccwf_l" ${jobArgs} </dev/null 2>>"$ccwf_log" &`,
    `else echo ${FAILED} ${job.token}; fi; :`,
  ].join('\n');
}

/** Signals a job's process group (or, started without setsid, the job alone). */
export function signalJobScript(pgid: number, signal: 'TERM' | 'KILL'): string {
  const group = shellQuote(`-${pgid}`);
  return `kill -s ${signal} -- ${group} 2>/dev/null || kill -s ${signal} -- ${pgid} 2>/dev/null; :`;
}

/** What became of a job: prints `exited <code>`, `running` or `gone` (ended without an exit code). */
export function probeJobScript(dir: string, stem: string, pgid: number): string {
  const exit = shellQuote(`${dir}/${stem}.exit`);
  const group = shellQuote(`-${pgid}`);
  return [
    `if [ -e ${exit} ]; then read ccwf_e <${exit}; echo "exited $ccwf_e"`,
    `elif kill -s 0 -- ${group} 2>/dev/null || kill -s 0 -- ${pgid} 2>/dev/null; then echo running`,
    // The monitor writes .exit right after the job ends: look once more before calling it gone.
    `elif [ -e ${exit} ]; then read ccwf_e <${exit}; echo "exited $ccwf_e"`,
    `else echo gone; fi`,
  ].join('\n');
}

export interface StartedLine {
  readonly token: string;
  readonly logOffset: number;
  readonly pgid: number;
}

/** Reads a STARTED line; undefined for any other line. */
export function parseStartedLine(line: string): StartedLine | undefined {
  const m = /^ccwf-started ([A-Za-z0-9-]+) (\d+) (\d+)$/.exec(line);
  return m ? { token: m[1]!, logOffset: Number(m[2]), pgid: Number(m[3]) } : undefined;
}

/** Reads an `exits` line: `<token> <code>`. */
export function parseExitLine(line: string): { token: string; code: number } | undefined {
  const m = /^([A-Za-z0-9-]+) (\d+)$/.exec(line);
  return m ? { token: m[1]!, code: Number(m[2]) } : undefined;
}

/** A fresh token for one start: the attempt plus randomness, so a rerun never matches an old exit. */
export function newJobToken(attempt: number): string {
  return `${attempt}-${Math.random().toString(36).slice(2, 10)}`;
}
