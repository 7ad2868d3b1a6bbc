import { spawn } from 'node:child_process';
import type { HostKind } from '../model/workflow.js';

/** What "Check connection" found: whether jobs can start there, in words, and how long it took. */
export interface HostCheck {
  readonly ok: boolean;
  readonly detail: string;
  readonly ms: number;
}

export interface CheckableHost {
  readonly name: string;
  readonly kind: HostKind;
  readonly distro?: string;
}

/** How a kind of host is checked; ssh and Slurm bring theirs with their runners. */
export type HostChecker = (host: CheckableHost, signal?: AbortSignal) => Promise<HostCheck>;

const CHECK_TIMEOUT_MS = 20_000;

/** Runs a program the way a job would start there, and reports whether it came back with 0. */
export function checkByRunning(file: string, args: readonly string[], signal?: AbortSignal): Promise<HostCheck> {
  const started = performance.now();
  return new Promise((settle) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], signal: signal ?? AbortSignal.timeout(CHECK_TIMEOUT_MS), windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    const ms = () => Math.round(performance.now() - started);
    child.once('error', (error: NodeJS.ErrnoException) => settle({
      ok: false,
      ms: ms(),
      detail: error.code === 'ENOENT' ? `${file} was not found` : error.name === 'AbortError' ? `no answer after ${Math.round(ms() / 1000)} s` : error.message,
    }));
    child.once('exit', (code) => {
      if (code === 0) settle({ ok: true, ms: ms(), detail: `jobs can start (${ms()} ms)` });
      else if (code !== null) settle({ ok: false, ms: ms(), detail: stderr.trim().split('\n').pop() || `exit code ${code}` });
    });
  });
}

/** Local and WSL hosts; other kinds are checked by the checkers given for them. */
export function checkHost(host: CheckableHost, others: Partial<Record<HostKind, HostChecker>> = {}, signal?: AbortSignal): Promise<HostCheck> {
  switch (host.kind) {
    case 'local':
      return checkByRunning('/bin/sh', ['-c', 'exit 0'], signal);
    case 'wsl':
      // wsl.exe exists only on Windows (and in WSL itself); elsewhere this says it was not found.
      return checkByRunning('wsl.exe', [...(host.distro ? ['-d', host.distro] : []), '--', 'true'], signal);
    default: {
      const checker = others[host.kind];
      if (checker) return checker(host, signal);
      return Promise.resolve({ ok: false, ms: 0, detail: `checking ${host.kind} hosts is not available in this version` });
    }
  }
}
