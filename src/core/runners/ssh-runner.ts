import { closeSync, fstatSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobRef } from '../store/events.js';
import { safeFileName } from '../store/file-names.js';
import { remoteArgv, remoteRunDir, stagedScriptPath } from './remote-command.js';
import { newJobToken, probeJobScript, signalJobScript, startJobScript } from './remote-job-script.js';
import type { JobCallbacks, JobHandle, JobResult, JobSpec, Runner } from './runner.js';
import { shellQuote } from './shell-quote.js';
import type { SshConnection } from './ssh-connection.js';
import { SshConnectionPool, type SshPoolOptions } from './ssh-connection-pool.js';
import type { ControlShell } from './ssh-control-shell.js';
import { ExitFollower } from './ssh-exit-follower.js';
import { RemoteLogCopier } from './ssh-log-copier.js';

export interface SshRunnerOptions extends SshPoolOptions {
  /** How long a cancelled job gets after SIGTERM before its process group is killed. */
  readonly killGraceMs?: number;
}

/** What `ref` holds for an ssh job: enough for another process to find it again. */
interface SshRef {
  readonly remoteDir: string;
  readonly stem: string;
  readonly token: string;
  readonly pgid: number;
  /** Where this attempt's output begins in the remote log and in the local one. */
  readonly logStart: number;
  readonly localStart: number;
}

/**
 * Runs jobs on ssh hosts, detached (see remote-job-script.ts), over one pooled connection per host:
 * starts go through the connection's control shell, exits arrive on one `tail -F` per run, logs are
 * copied by SFTP into the local log. A job survives a dropped connection and our own restart.
 */
export class SshRunner implements Runner {
  private readonly pool: SshConnectionPool;
  private readonly followers = new Map<SshConnection, Map<string, ExitFollower>>();
  private readonly killGraceMs: number;

  constructor(options: SshRunnerOptions = {}) {
    this.pool = new SshConnectionPool(options);
    this.killGraceMs = options.killGraceMs ?? 5000;
  }

  async start(spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle> {
    const connection = this.pool.get(spec.host);
    const control = await connection.control();
    const dir = remoteRunDir(spec.host, spec.runId, connection.home);
    const stem = safeFileName(spec.job.name);
    const script = spec.job.script === undefined ? undefined : await this.stage(connection, control, spec, dir, stem);
    const argv = remoteArgv(spec.job, spec.host.python ?? 'python3', script, dir, stem);
    const cwd = spec.job.cwd === undefined ? dir : spec.job.cwd.startsWith('/') ? spec.job.cwd : `${connection.home}/${spec.job.cwd}`;
    const token = newJobToken(spec.attempt);
    const localFd = openSync(spec.logPath, 'a');
    try {
      const localStart = fstatSync(localFd).size;
      const env = { ...spec.env, CCWF_RUN_DIR: dir };
      const started = await control.start(startJobScript({ dir, stem, token, cwd, env, argv }), token);
      const ref: SshRef = { remoteDir: dir, stem, token, pgid: started.pgid, logStart: started.logOffset, localStart };
      return this.follow(connection, spec, ref, localFd, 0, undefined, callbacks);
    } catch (error) {
      closeSync(localFd);
      throw error;
    }
  }

  async attach(jobRef: JobRef, spec: JobSpec, callbacks: JobCallbacks): Promise<JobHandle | undefined> {
    const ref = readRef(jobRef);
    if (!ref) return undefined;
    const connection = this.pool.get(spec.host);
    const control = await connection.control();
    const state = (await control.run(probeJobScript(ref.remoteDir, ref.stem, ref.pgid))).lines.at(-1) ?? '';
    const exited = /^exited (\d+)$/.exec(state);
    if (!exited && state !== 'running') return undefined; // gone without an exit code: run it again
    const localFd = openSync(spec.logPath, 'a');
    const copied = Math.max(0, fstatSync(localFd).size - ref.localStart);
    return this.follow(connection, spec, ref, localFd, copied, exited ? Number(exited[1]) : undefined, callbacks);
  }

  async dispose(): Promise<void> {
    for (const byDir of this.followers.values()) for (const f of byDir.values()) f.close();
    this.followers.clear();
    this.pool.dispose();
  }

  private follow(connection: SshConnection, spec: JobSpec, ref: SshRef, localFd: number, copied: number, exitCode: number | undefined, callbacks: JobCallbacks): JobHandle {
    const copier = new RemoteLogCopier(connection, `${ref.remoteDir}/${ref.stem}.log`, ref.logStart, localFd, copied, (text) => callbacks.onOutput(text));
    let ended = false;
    let killTimer: NodeJS.Timeout | undefined;
    const done = new Promise<JobResult>((settle) => {
      const finish = (result: JobResult) => {
        if (ended) return;
        ended = true;
        clearTimeout(killTimer);
        void copier.finish().then(() => settle(result));
      };
      if (exitCode !== undefined) return finish({ exitCode });
      this.exitFollower(connection, ref.remoteDir).wait(
        ref.token,
        (code) => finish({ exitCode: code }),
        (error) => finish({ exitCode: null, error: `lost the job on ${spec.host.name}: ${error.message}` }),
      );
    });
    const signal = (name: 'TERM' | 'KILL') =>
      connection
        .control()
        .then((c) => c.run(signalJobScript(ref.pgid, name)))
        .catch(() => undefined);
    const cancel = () => {
      if (ended || killTimer) return;
      void signal('TERM');
      killTimer = setTimeout(() => void signal('KILL'), this.killGraceMs);
    };
    const jobRef: JobRef = { detached: 1, host: spec.host.name, ...ref };
    return { ref: jobRef, logOffset: ref.localStart, done, cancel };
  }

  private exitFollower(connection: SshConnection, dir: string): ExitFollower {
    let byDir = this.followers.get(connection);
    if (!byDir) this.followers.set(connection, (byDir = new Map()));
    let follower = byDir.get(dir);
    if (!follower) byDir.set(dir, (follower = new ExitFollower(connection, `${dir}/exits`)));
    return follower;
  }

  /** Copies the job's script into the run folder on the host, executable, by SFTP. */
  private async stage(connection: SshConnection, control: ControlShell, spec: JobSpec, dir: string, stem: string): Promise<string> {
    const remote = stagedScriptPath(dir, stem, spec.job.script!);
    const folder = remote.slice(0, remote.lastIndexOf('/'));
    const made = await control.run(`mkdir -p -- ${shellQuote(folder)}`);
    if (made.status !== 0) throw new Error(`could not make ${folder} on ${spec.host.name}: ${made.lines.join(' ')}`);
    const sftp = await connection.sftp();
    const local = resolve(spec.workflowDir, spec.job.script!);
    await new Promise<void>((ok, fail) => sftp.fastPut(local, remote, { mode: 0o755 }, (err) => (err ? fail(new Error(`could not copy ${local} to ${spec.host.name}: ${err.message}`)) : ok())));
    return remote;
  }
}

function readRef(ref: JobRef): SshRef | undefined {
  const { remoteDir, stem, token, pgid, logStart, localStart } = ref;
  if (typeof remoteDir !== 'string' || typeof stem !== 'string' || typeof token !== 'string') return undefined;
  if (typeof pgid !== 'number' || typeof logStart !== 'number' || typeof localStart !== 'number') return undefined;
  return { remoteDir, stem, token, pgid, logStart, localStart };
}
