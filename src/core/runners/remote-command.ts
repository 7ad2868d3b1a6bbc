import type { Host, Job } from '../model/workflow.js';

/** Where a run's files go on a Unix host: `<workdir>/<runId>`, workdir defaulting to `~/.ccwf/runs`. */
export function remoteRunDir(host: Pick<Host, 'workdir'>, runId: string, home: string): string {
  const workdir = host.workdir ?? '~/.ccwf/runs';
  const base = workdir === '~' ? home : workdir.startsWith('~/') ? `${home}/${workdir.slice(2)}` : workdir.startsWith('/') ? workdir : `${home}/${workdir}`;
  return `${base.replace(/\/+$/, '')}/${runId}`;
}

/** Where a job's script is staged in the run folder (its own folder, so two scripts of one name never clash). */
export function stagedScriptPath(runDir: string, stem: string, script: string): string {
  const name = script.split(/[\\/]/).pop() || 'script';
  return `${runDir}/scripts/${stem}/${name}`;
}

/**
 * The job's argv on a Unix host, as `localCommand` does here: `run:` through /bin/sh; `.sh` with
 * bash; `.py` with the host's Python; `.ipynb` executed by nbconvert into the run folder; anything
 * else executed directly. `script` is the script's path on that host.
 */
export function remoteArgv(job: Job, python: string, script: string | undefined, runDir: string, stem: string): string[] {
  if (job.run !== undefined) return ['/bin/sh', '-c', job.run];
  if (script === undefined) throw new Error(`job '${job.name}' has neither run nor script`);
  const lower = script.toLowerCase();
  if (lower.endsWith('.sh')) return ['bash', script, ...job.args];
  if (lower.endsWith('.py')) return [python, script, ...job.args];
  if (lower.endsWith('.ipynb')) {
    return ['jupyter', 'nbconvert', '--to', 'notebook', '--execute', script, '--output-dir', runDir, '--output', `${stem}.ipynb`, ...job.args];
  }
  return [script, ...job.args];
}
