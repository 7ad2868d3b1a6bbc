import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { LogFollower } from './log-follower.js';
import { localCommand } from './local-command.js';
import type { JobCallbacks, JobHandle, JobResult, JobSpec, Runner } from './runner.js';

export interface LocalRunnerOptions {
  /** How long a cancelled job gets to exit after SIGTERM before its process group is killed. */
  readonly killGraceMs?: number;
}

/**
 * Runs jobs as child processes of this machine. Each job gets its own process group, so cancel
 * and timeouts stop everything it started, and writes straight into its log file: the log holds
 * every byte even if this process dies, and stdout and stderr stay in the order they were written.
 */
export class LocalRunner implements Runner {
  private readonly killGraceMs: number;
  private papermill: boolean | undefined;

  /** process.env is slow to enumerate (every read crosses into C++): copy it once per runner. */
  private readonly baseEnv: Record<string, string | undefined> = { ...process.env };

  constructor(options: LocalRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? 5000;
  }

  async start(spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle> {
    const notebook = spec.job.script?.toLowerCase().endsWith('.ipynb') ?? false;
    const command = localCommand(spec, notebook && this.hasPapermill());
    // One descriptor: the child appends through its copy, we read at offsets through ours.
    // Opened synchronously: measured, a thread-pool open delays every start more than it saves.
    const logFd = openSync(spec.logPath, 'a+');
    const cwd = resolve(spec.workflowDir, spec.job.cwd ?? '.');
    const offset = fstatSync(logFd).size;
    let child;
    try {
      child = spawn(command.file, command.args, {
        cwd,
        env: { ...this.baseEnv, ...spec.env },
        stdio: ['ignore', logFd, logFd],
        detached: process.platform !== 'win32',
        shell: command.shell ?? false,
        windowsHide: true,
      });
    } catch (error) {
      closeSync(logFd);
      throw error;
    }
    const follower = new LogFollower(spec.logPath, offset, (text) => callbacks.onOutput(text), logFd);
    let ended = false;
    let killTimer: NodeJS.Timeout | undefined;
    const done = new Promise<JobResult>((settle) => {
      let startError: string | undefined;
      child.once('error', (error: NodeJS.ErrnoException) => {
        // spawn says ENOENT both for a missing program and for a missing working folder.
        if (error.code === 'ENOENT' && !existsSync(cwd)) startError = `could not start: the working folder ${cwd} does not exist`;
        else if (error.code === 'ENOENT') startError = `could not start '${command.shell ? 'the shell' : command.file}': not found`;
        else startError = `could not start: ${error.message}`;
        if (child.pid === undefined) finish(null, null);
      });
      child.once('exit', (code, signal) => finish(code, signal));
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (ended) return;
        ended = true;
        clearTimeout(killTimer);
        // The job is over when its main process is; whatever it left behind in its group goes too.
        if (child.pid !== undefined) killGroup(child.pid, killTimer ? 'SIGKILL' : 'SIGTERM');
        follower.finish();
        settle({ exitCode: code, signal, ...(startError === undefined ? {} : { error: startError }) });
      };
    });
    const cancel = () => {
      if (ended || child.pid === undefined || killTimer) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), this.killGraceMs);
    };
    return { ref: { pid: child.pid ?? -1 }, logOffset: offset, done, cancel };
  }

  /** papermill keeps parameters and is what people use in production; nbconvert ships with Jupyter. */
  private hasPapermill(): boolean {
    this.papermill ??= onPath('papermill');
    return this.papermill;
  }
}

function onPath(program: string): boolean {
  const names = process.platform === 'win32' ? [`${program}.exe`, `${program}.cmd`] : [program];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && names.some((n) => existsSync(join(dir, n))));
}

/** Signals a job's whole process group (its pid leads the group: spawned detached). */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(pid), '/t', '/f'], { stdio: 'ignore' });
    else process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}
