/**
 * Every key the native `.ccwf` format accepts, with the documentation shown in hovers and
 * completions and the type the parser checks. The JSON Schema shipped in `schema/` is generated
 * from this table, so the two cannot drift.
 */
export type KeyType =
  | 'string'
  | 'integer'
  | 'duration'
  | 'string-list'
  | 'string-or-list'
  | 'string-map'
  | 'host-kind'
  | 'hosts'
  | 'jobs'
  | 'defaults'
  | 'slurm';

export interface KeySpec {
  readonly type: KeyType;
  readonly doc: string;
  readonly example?: string;
  readonly minimum?: number;
}

export type KeyTable = Readonly<Record<string, KeySpec>>;

export const WORKFLOW_KEYS: KeyTable = {
  name: { type: 'string', doc: 'A name for the workflow, shown in run lists and the graph title.' },
  description: { type: 'string', doc: 'What the workflow does.' },
  env: { type: 'string-map', doc: 'Environment variables given to every job.', example: 'env: { DATA: ./data }' },
  concurrency: {
    type: 'integer',
    minimum: 1,
    doc: 'How many jobs may run at once (the command line `-j` overrides it). Default: the number of CPUs.',
  },
  defaults: { type: 'defaults', doc: 'Values every job inherits unless it sets its own: host, retries, retry_delay, timeout, env, cwd.' },
  hosts: { type: 'hosts', doc: 'Machines jobs run on, by name. A host named `local` always exists.' },
  jobs: { type: 'jobs', doc: 'The jobs of the workflow, by name. Order of execution follows `needs`.' },
};

export const HOST_KEYS: KeyTable = {
  kind: { type: 'host-kind', doc: 'How jobs reach this host: `local`, `wsl`, `ssh` or `slurm`.' },
  ssh: { type: 'string', doc: 'ssh destination: an alias from `~/.ssh/config` or `user@hostname`. For ssh and slurm hosts.' },
  user: { type: 'string', doc: 'User name on the host, when not given by `ssh` or `~/.ssh/config`.' },
  distro: { type: 'string', doc: 'WSL distribution to run in (`wsl -d`). Default: the default distribution.' },
  partition: { type: 'string', doc: 'Default Slurm partition for jobs on this host.' },
  account: { type: 'string', doc: 'Default Slurm account for jobs on this host.' },
  sbatch: { type: 'string-list', doc: 'Extra `sbatch` options for every job on this host, e.g. `[--qos=debug]`.' },
  concurrency: { type: 'integer', minimum: 1, doc: 'How many jobs may run on this host at once.' },
  workdir: { type: 'string', doc: 'Folder on the host for run files. Default: `~/.ccwf/runs`.' },
  python: { type: 'string', doc: 'Python interpreter for `.py` scripts on this host. Default: `python3`.' },
};

export const JOB_KEYS: KeyTable = {
  run: { type: 'string', doc: 'Shell commands to run, through the platform shell.', example: 'run: echo hello' },
  script: {
    type: 'string',
    doc: 'A file to run, relative to the workflow file: `.sh` (bash), `.py` (Python), `.ipynb` (executed headless) or any executable.',
    example: 'script: train.py',
  },
  args: { type: 'string-list', doc: 'Arguments passed to the script, each as one literal argument.', example: 'args: [--epochs, "2"]' },
  env: { type: 'string-map', doc: 'Environment variables for this job, added to the workflow `env`.' },
  host: { type: 'string', doc: 'The host the job runs on, by name. Default: `local`.' },
  needs: { type: 'string-or-list', doc: 'Jobs that must succeed before this one starts.', example: 'needs: [fetch, prepare]' },
  retries: { type: 'integer', minimum: 0, doc: 'How many times to retry a failed attempt. Default: 0.' },
  retry_delay: { type: 'duration', doc: 'Wait before the first retry; doubles for each further one. Default: 1s.' },
  timeout: { type: 'duration', doc: 'Kill the job when an attempt runs longer than this, e.g. `90s`, `10m`, `2h`, `1:30:00`.' },
  cwd: { type: 'string', doc: 'Working folder, relative to the workflow file. Default: the workflow file\'s folder.' },
  description: { type: 'string', doc: 'What the job does, shown in hovers and the job cell.' },
  label: { type: 'string', doc: 'Graph label template, e.g. `{name}\\nprogress={progress}` (placeholders: name, status, progress, host).' },
  slurm: { type: 'slurm', doc: 'Batch options when the job runs on a Slurm host.' },
};

export const DEFAULTS_KEYS: KeyTable = {
  host: JOB_KEYS.host!,
  retries: JOB_KEYS.retries!,
  retry_delay: JOB_KEYS.retry_delay!,
  timeout: JOB_KEYS.timeout!,
  env: JOB_KEYS.env!,
  cwd: JOB_KEYS.cwd!,
};

export const SLURM_KEYS: KeyTable = {
  partition: { type: 'string', doc: 'Partition (`sbatch --partition`).' },
  time: { type: 'string', doc: 'Time limit (`sbatch --time`), e.g. `01:00:00`.' },
  nodes: { type: 'integer', minimum: 1, doc: 'Number of nodes (`sbatch --nodes`).' },
  ntasks: { type: 'integer', minimum: 1, doc: 'Number of tasks (`sbatch --ntasks`).' },
  cpus_per_task: { type: 'integer', minimum: 1, doc: 'CPUs per task (`sbatch --cpus-per-task`).' },
  gpus: { type: 'string', doc: 'GPUs (`sbatch --gpus`), e.g. `1` or `a100:2`.' },
  mem: { type: 'string', doc: 'Memory per node (`sbatch --mem`), e.g. `16G`.' },
  account: { type: 'string', doc: 'Account to charge (`sbatch --account`).' },
  extra: { type: 'string-list', doc: 'Further `sbatch` options, each one argument.' },
};
