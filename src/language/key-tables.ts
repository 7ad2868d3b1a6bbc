import { DEFAULTS_KEYS, HOST_KEYS, JOB_KEYS, SLURM_KEYS, WORKFLOW_KEYS, type KeySpec, type KeyTable } from '../core/model/keys.js';
import { code, codeBlock } from './markdown.js';

/** Which part of a `.ccwf` file a key path leads to. */
export type Place = 'workflow' | 'host' | 'job' | 'slurm' | 'defaults';

/** `[]` -> workflow, `['jobs', X]` -> job, `['jobs', X, 'slurm']` -> slurm, ... */
export function placeOf(path: readonly string[]): Place | undefined {
  const [first, , third] = path;
  if (path.length === 0) return 'workflow';
  if (path.length === 1 && first === 'defaults') return 'defaults';
  if (path.length === 2 && first === 'hosts') return 'host';
  if (path.length === 2 && first === 'jobs') return 'job';
  if (path.length === 3 && first === 'jobs' && third === 'slurm') return 'slurm';
  return undefined;
}

const TABLES: Record<Place, KeyTable> = {
  workflow: WORKFLOW_KEYS,
  host: HOST_KEYS,
  job: JOB_KEYS,
  slurm: SLURM_KEYS,
  defaults: DEFAULTS_KEYS,
};

/** The keys the mapping at `path` accepts (from `keys.ts`, the one list of key names). */
export function keyTableAt(path: readonly string[]): KeyTable | undefined {
  const place = placeOf(path);
  return place && TABLES[place];
}

/** Keys that exclude each other: a job runs either `run` or `script`. */
export const EXCLUSIVE: Readonly<Record<string, string>> = { run: 'script', script: 'run' };

/** The documentation of a key, as Markdown: its text and, when there is one, an example. */
export function keyDocumentation(spec: KeySpec): string {
  return spec.example === undefined ? spec.doc : `${spec.doc}\n\n${codeBlock(spec.example, 'yaml')}`;
}

/** What kind of value a key takes, in a few words. */
export function valueKind(spec: KeySpec): string {
  switch (spec.type) {
    case 'string':
      return 'text';
    case 'integer':
      return spec.minimum === undefined ? 'whole number' : `whole number ≥ ${spec.minimum}`;
    case 'duration':
      return 'duration, e.g. 90s, 10m, 1:30:00';
    case 'string-list':
      return 'list of text';
    case 'string-or-list':
      return 'job name or list of job names';
    case 'string-map':
      return 'mapping NAME: value';
    case 'host-kind':
      return `one of ${['local', 'wsl', 'ssh', 'slurm'].map(code).join(', ')}`;
    case 'hosts':
      return 'mapping of host names to hosts';
    case 'jobs':
      return 'mapping of job names to jobs';
    case 'defaults':
    case 'slurm':
      return 'mapping';
  }
}

/** Whether the value is written on the lines below the key. */
export const isBlockValue = (spec: KeySpec): boolean =>
  spec.type === 'hosts' || spec.type === 'jobs' || spec.type === 'defaults' || spec.type === 'slurm' || spec.type === 'string-map';
