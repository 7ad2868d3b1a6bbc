import type { Host } from '../model/workflow.js';
import type { SshPoolOptions } from '../runners/ssh-connection-pool.js';
import type { HostCheck } from './check-host.js';

const CHECK_TIMEOUT_MS = 20_000;

/**
 * Connects to an ssh (or Slurm login) host as a job would: ~/.ssh/config, host key verified
 * against known_hosts (an unknown one goes to `confirmHostKey`), agent and key files, then runs
 * `true` there. The ssh code is loaded only when a check is made.
 */
export async function checkSshHost(host: Pick<Host, 'name' | 'ssh' | 'user'>, options: SshPoolOptions = {}): Promise<HostCheck> {
  const started = performance.now();
  const { SshConnectionPool } = await import('../runners/ssh-connection-pool.js');
  const pool = new SshConnectionPool(options);
  let timer: NodeJS.Timeout | undefined;
  try {
    const connection = pool.get({ kind: 'ssh', ...host } as Host);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer after ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
    });
    const shell = await Promise.race([connection.control(), timeout]);
    const { status } = await Promise.race([shell.run('true'), timeout]);
    const ms = Math.round(performance.now() - started);
    if (status !== 0) return { ok: false, ms, detail: `logged in, but a command failed there (exit ${status})` };
    return { ok: true, ms, detail: `connected as ${connection.name}, jobs can start (${ms} ms)` };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
    pool.dispose();
  }
}
