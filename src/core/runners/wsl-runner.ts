import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Host } from '../model/workflow.js';
import type { JobRef } from '../store/events.js';
import { safeFileName } from '../store/file-names.js';
import { LogFollower } from './log-follower.js';
import { remoteArgv } from './remote-command.js';
import { newJobToken, parseStartedLine, probeJobScript, signalJobScript, startJobScript } from './remote-job-script.js';
import type { JobCallbacks, JobHandle, JobResult, JobSpec, Runner } from './runner.js';
import { windowsToWsl } from './wsl-path.js';

export interface WslRunnerOptions {
  /** The WSL launcher; default `wsl.exe` from PATH. */
  readonly wslExe?: string;
  readonly killGraceMs?: number;
}

/**
 * Runs jobs in WSL, detached with the same wrapper as ssh jobs (remote-job-script.ts). The run
 * folder is on the Windows side and reachable from WSL (`/mnt/c/...`), so the job writes straight
 * into its local log and its `.exit` file lands beside the run: no copying. The `wsl.exe` that
 * started the job waits for it, which keeps the distro running (WSL stops idle distros).
 * The script crosses as argv (`wsl.exe -d D --cd DIR -- sh -c SCRIPT`), built with shellQuote only.
 */
export class WslRunner implements Runner {
  private readonly wslExe: string;
  private readonly killGraceMs: number;

  constructor(options: WslRunnerOptions = {}) {
    this.wslExe = options.wslExe ?? 'wsl.exe';
    this.killGraceMs = options.killGraceMs ?? 5000;
  }

  async start(spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle> {
    const { job, host } = spec;
    const localDir = join(spec.runDir, 'wsl');
    mkdirSync(localDir, { recursive: true });
    const stem = safeFileName(job.name);
    const dir = windowsToWsl(localDir);
    const script = job.script === undefined ? undefined : windowsToWsl(resolve(spec.workflowDir, job.script));
    const argv = remoteArgv(job, host.python ?? 'python3', script, dir, stem);
    const cwd = windowsToWsl(resolve(spec.workflowDir, job.cwd ?? '.'));
    const token = newJobToken(spec.attempt);
    const fd = openSync(spec.logPath, 'a');
    const localStart = fstatSync(fd).size;
    closeSync(fd);
    const env = { ...spec.env, CCWF_RUN_DIR: windowsToWsl(spec.runDir), CCWF_WORKFLOW_DIR: windowsToWsl(spec.workflowDir) };
    const wrapper = startJobScript({ dir, stem, token, cwd, env, argv, logPath: windowsToWsl(spec.logPath) });
    // `wait` holds this wsl.exe until the job's monitor is done.
    const child = spawn(this.wslExe, [...distroArgs(host), '--cd', cwd, '--', 'sh', '-c', `${wrapper}\nwait`], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const pgid = await new Promise<number>((ok, fail) => {
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const started = out.split('\n').map(parseStartedLine).find((s) => s?.token === token);
        if (started) ok(started.pgid);
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
      child.once('error', (e) => fail(new Error(`could not start ${this.wslExe}: ${e.message}`)));
      void exited.then(() => fail(new Error(`${this.wslExe} ended before the job started: ${(err || out).trim()}`)));
    });
    const ref = { detached: 1, host: host.name, localDir, stem, token, pgid, localStart };
    return this.follow(ref, spec, callbacks, exited);
  }

  async attach(ref: JobRef, spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle | undefined> {
    const { localDir, stem, token, pgid, localStart } = ref;
    if (typeof localDir !== 'string' || typeof stem !== 'string' || typeof token !== 'string' || typeof pgid !== 'number' || typeof localStart !== 'number') return undefined;
    if (!existsSync(join(localDir, `${stem}.exit`))) {
      const state = await this.capture([...distroArgs(spec.host), '--', 'sh', '-c', probeJobScript(windowsToWsl(localDir), stem, pgid)]);
      if (state.trim() === 'gone') return undefined;
    }
    // Going on from where the log ends now: the job wrote into it directly while we were away.
    const fd = openSync(spec.logPath, 'a');
    const size = fstatSync(fd).size;
    closeSync(fd);
    return this.follow({ detached: 1, host: spec.host.name, localDir, stem, token, pgid, localStart }, { ...spec }, callbacks, undefined, size);
  }

  private follow(ref: JobRef & { localDir: string; stem: string; pgid: number; localStart: number }, spec: JobSpec, callbacks: JobCallbacks, exited: Promise<void> | undefined, from = ref.localStart): JobHandle {
    const follower = new LogFollower(spec.logPath, from, (text) => callbacks.onOutput(text));
    const exitFile = join(ref.localDir, `${ref.stem}.exit`);
    let ended = false;
    let killTimer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    const done = new Promise<JobResult>((settle) => {
      const check = () => {
        if (ended || !existsSync(exitFile)) return;
        const code = Number(readFileSync(exitFile, 'utf8').trim());
        ended = true;
        clearTimeout(killTimer);
        watcher?.close();
        follower.finish();
        settle({ exitCode: Number.isInteger(code) ? code : null });
      };
      // The monitor writes .exit (by rename) before it ends; without our wsl.exe (re-attached), watch for it.
      if (exited) void exited.then(check);
      else {
        watcher = watch(ref.localDir, { persistent: true }, check);
        check();
      }
    });
    const signal = (name: 'TERM' | 'KILL') => void this.capture([...distroArgs(spec.host), '--', 'sh', '-c', signalJobScript(ref.pgid, name)]);
    const cancel = () => {
      if (ended || killTimer) return;
      signal('TERM');
      killTimer = setTimeout(() => signal('KILL'), this.killGraceMs);
    };
    return { ref, logOffset: ref.localStart, done, cancel };
  }

  private capture(args: string[]): Promise<string> {
    return new Promise((ok) => {
      let out = '';
      const child = spawn(this.wslExe, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
      child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
      child.once('error', () => ok(''));
      child.once('close', () => ok(out));
    });
  }
}

function distroArgs(host: Host): string[] {
  return host.distro ? ['-d', host.distro] : [];
}
