import type { SourceRange } from './source-range.js';

export const HOST_KINDS = ['local', 'wsl', 'ssh', 'slurm'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/** Where jobs run. `local` always exists, even when not declared. */
export interface Host {
  readonly name: string;
  readonly kind: HostKind;
  /** ssh destination (a `~/.ssh/config` alias or `user@host`) for ssh and slurm hosts. */
  readonly ssh?: string;  // an ssh host without it connects to its own name, as `ssh NAME` would
  readonly user?: string;
  /** WSL distribution. */
  readonly distro?: string;
  /** Slurm partition and extra batch options. */
  readonly partition?: string;
  readonly account?: string;
  readonly sbatch?: readonly string[];
  /** How many jobs may run on this host at once. */
  readonly concurrency?: number;
  /** Remote folder for run files (ssh, slurm, wsl). */
  readonly workdir?: string;
  readonly python?: string;
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
}

/** A dependency edge with the place it was written, for diagnostics and navigation. */
export interface Need {
  readonly job: string;
  readonly range: SourceRange;
}

export interface Job {
  readonly name: string;
  /** Inline shell text, run through the platform shell. */
  readonly run?: string;
  /** A file relative to the workflow file: .sh, .py, .ipynb or any executable. */
  readonly script?: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly host: string;
  readonly needs: readonly Need[];
  readonly retries: number;
  /** Base delay before a retry; doubles each attempt. */
  readonly retryDelayMs: number;
  readonly timeoutMs?: number;
  /** Working directory relative to the workflow file. */
  readonly cwd?: string;
  readonly description?: string;
  /** cloudmesh-cc label template such as `{name}\nprogress={progress}`. */
  readonly label?: string;
  /** Slurm-only batch settings. */
  readonly slurm?: SlurmOptions;
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  /** Range of each value written in the job (`script`, `host`, ...), for precise diagnostics. */
  readonly valueRanges: Readonly<Record<string, SourceRange>>;
}

export interface SlurmOptions {
  readonly partition?: string;
  readonly time?: string;
  readonly nodes?: number;
  readonly ntasks?: number;
  readonly cpusPerTask?: number;
  readonly gpus?: string;
  readonly mem?: string;
  readonly account?: string;
  readonly extra: readonly string[];
}

export type WorkflowFormat = 'ccwf' | 'cloudmesh';

export interface Workflow {
  readonly format: WorkflowFormat;
  readonly name?: string;
  readonly description?: string;
  /** Jobs that may run at once, unless the command line says otherwise. */
  readonly concurrency?: number;
  readonly env: Readonly<Record<string, string>>;
  /** Declared hosts plus the implicit `local`. */
  readonly hosts: ReadonlyMap<string, Host>;
  /** Jobs in the order they were written. */
  readonly jobs: ReadonlyMap<string, Job>;
  /** Status name -> colour, from cloudmesh-cc's `colors:` section or our defaults. */
  readonly colors: Readonly<Record<string, string>>;
}

export const LOCAL_HOST: Host = Object.freeze({
  name: 'local',
  kind: 'local',
  range: { start: 0, end: 0 },
  nameRange: { start: 0, end: 0 },
});
