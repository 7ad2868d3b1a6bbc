import type { Node } from 'yaml';
import { DEFAULTS_KEYS, HOST_KEYS, JOB_KEYS, SLURM_KEYS, WORKFLOW_KEYS } from '../model/keys.js';
import { HOST_KINDS, LOCAL_HOST, type Host, type HostKind, type Job, type SlurmOptions, type Workflow } from '../model/workflow.js';
import type { SourceRange } from '../model/source-range.js';
import { DEFAULT_COLORS } from '../model/status.js';
import { closest, didYouMean } from '../util/suggest.js';
import { parseDuration } from './duration.js';
import { type Entry, YamlReader, rangeOf } from './yaml-reader.js';

const DEFAULT_RETRY_DELAY_MS = 1000;

interface Defaults {
  host?: string;
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  env: Record<string, string>;
  cwd?: string;
}

/** The native format: `name`, `hosts`, `jobs`, `defaults`, ... */
export function readCcwf(root: Node | null, r: YamlReader): Workflow {
  const top = new Map(r.knownEntries(root, 'the workflow', WORKFLOW_KEYS).map((e) => [e.key, e]));
  const text = (key: string) => (top.has(key) ? r.string(top.get(key)!.value, `'${key}'`) : undefined);
  const concurrency = top.has('concurrency') ? r.integer(top.get('concurrency')!.value, "'concurrency'", 1) : undefined;
  const defaults = readDefaults(top.get('defaults'), r);
  const hosts = new Map<string, Host>([['local', LOCAL_HOST]]);
  for (const entry of r.entries(top.get('hosts')?.value ?? null, "'hosts'") ?? []) {
    const host = readHost(entry, r);
    if (host) hosts.set(host.name, host);
  }
  const jobs = new Map<string, Job>();
  const jobsEntry = top.get('jobs');
  if (!jobsEntry) r.report('missing-key', "The workflow has no 'jobs' section.", { start: 0, end: 0 });
  for (const entry of r.entries(jobsEntry?.value ?? null, "'jobs'") ?? []) {
    jobs.set(entry.key, readJob(entry, r, defaults));
  }
  return {
    format: 'ccwf',
    ...optional('name', text('name')),
    ...optional('description', text('description')),
    ...optional('concurrency', concurrency),
    env: top.has('env') ? r.stringMap(top.get('env')!.value, "'env'") : {},
    hosts,
    jobs,
    colors: DEFAULT_COLORS,
  };
}

function readDefaults(entry: Entry | undefined, r: YamlReader): Defaults {
  const d: Defaults = { env: {} };
  for (const e of r.knownEntries(entry?.value ?? null, "'defaults'", DEFAULTS_KEYS)) {
    if (e.key === 'host') d.host = r.string(e.value, "'host'");
    else if (e.key === 'retries') d.retries = r.integer(e.value, "'retries'");
    else if (e.key === 'retry_delay') d.retryDelayMs = duration(e, r);
    else if (e.key === 'timeout') d.timeoutMs = duration(e, r);
    else if (e.key === 'env') d.env = r.stringMap(e.value, "'env'");
    else if (e.key === 'cwd') d.cwd = r.string(e.value, "'cwd'");
  }
  return d;
}

function readHost(entry: Entry, r: YamlReader): Host | undefined {
  const fields = new Map(r.knownEntries(entry.value, `host '${entry.key}'`, HOST_KEYS).map((e) => [e.key, e]));
  const str = (key: string) => (fields.has(key) ? r.string(fields.get(key)!.value, `'${key}'`) : undefined);
  let kind: HostKind = entry.key === 'local' ? 'local' : 'ssh';
  const kindEntry = fields.get('kind');
  if (kindEntry) {
    const value = r.string(kindEntry.value, "'kind'");
    if (value !== undefined && (HOST_KINDS as readonly string[]).includes(value)) kind = value as HostKind;
    else if (value !== undefined) {
      const suggestion = closest(value, HOST_KINDS);
      r.report('bad-host-kind', `Unknown host kind '${value}': use one of ${HOST_KINDS.join(', ')}.${didYouMean(suggestion)}`, rangeOf(kindEntry.value), {
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
  } else if (entry.key !== 'local') {
    r.report('missing-key', `Host '${entry.key}' needs a 'kind': one of ${HOST_KINDS.join(', ')}.`, entry.keyRange);
  }
  const concurrency = fields.has('concurrency') ? r.integer(fields.get('concurrency')!.value, "'concurrency'", 1) : undefined;
  const sbatch = fields.has('sbatch') ? r.stringList(fields.get('sbatch')!.value, "'sbatch'").map((s) => s.value) : undefined;
  return {
    name: entry.key,
    kind,
    ...optional('ssh', str('ssh')),
    ...optional('user', str('user')),
    ...optional('distro', str('distro')),
    ...optional('partition', str('partition')),
    ...optional('account', str('account')),
    ...optional('sbatch', sbatch),
    ...optional('concurrency', concurrency),
    ...optional('workdir', str('workdir')),
    ...optional('python', str('python')),
    range: entry.range,
    nameRange: entry.keyRange,
  };
}

function readJob(entry: Entry, r: YamlReader, defaults: Defaults): Job {
  const where = `job '${entry.key}'`;
  const f = new Fields(r.knownEntries(entry.value, where, JOB_KEYS), r, where);
  const valueRanges: Record<string, SourceRange> = {};
  for (const [key, e] of f.entries) valueRanges[key] = rangeOf(r.deref(e.value) ?? e.value);

  const retries = f.has('retries') ? r.integer(f.value('retries'), `'retries' of ${where}`) : undefined;
  const timeoutMs = f.has('timeout') ? duration(f.entries.get('timeout')!, r) : defaults.timeoutMs;
  const retryDelayMs = f.has('retry_delay') ? duration(f.entries.get('retry_delay')!, r) : defaults.retryDelayMs;
  const host = f.string('host') ?? defaults.host ?? 'local';
  const cwd = f.string('cwd') ?? defaults.cwd;
  const slurm = f.has('slurm') ? readSlurm(f.entries.get('slurm')!, r) : undefined;
  // Field by field rather than with `...optional()` spreads: this runs once per job, and the
  // spreads were a fifth of reading a 5,000-job workflow. Same fields, same order.
  const job = { name: entry.key } as Mutable<Job>;
  setIfDefined(job, 'run', f.string('run'));
  setIfDefined(job, 'script', f.string('script'));
  job.args = f.has('args') ? r.stringList(f.value('args'), `'args' of ${where}`).map((a) => a.value) : [];
  job.env = f.has('env') ? { ...defaults.env, ...r.stringMap(f.value('env'), `'env' of ${where}`) } : { ...defaults.env };
  job.host = host;
  job.needs = f.has('needs') ? r.stringList(f.value('needs'), `'needs' of ${where}`, true).map((n) => ({ job: n.value, range: n.range })) : [];
  job.retries = retries ?? defaults.retries ?? 0;
  job.retryDelayMs = retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  setIfDefined(job, 'timeoutMs', timeoutMs);
  setIfDefined(job, 'cwd', cwd);
  setIfDefined(job, 'description', f.string('description'));
  setIfDefined(job, 'label', f.string('label'));
  setIfDefined(job, 'slurm', slurm);
  job.range = entry.range;
  job.nameRange = entry.keyRange;
  job.valueRanges = valueRanges;
  return job;
}

/** The known fields of one job, by key (a repeated key keeps its first place and its last value). */
class Fields {
  readonly entries = new Map<string, Entry>();

  constructor(
    entries: Entry[],
    private readonly r: YamlReader,
    private readonly where: string,
  ) {
    for (const e of entries) this.entries.set(e.key, e);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  value(key: string): Node | null {
    return this.entries.get(key)?.value ?? null;
  }

  string(key: string): string | undefined {
    return this.entries.has(key) ? this.r.string(this.value(key), `'${key}' of ${this.where}`) : undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function setIfDefined<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function readSlurm(entry: Entry, r: YamlReader): SlurmOptions {
  const fields = new Map(r.knownEntries(entry.value, "'slurm'", SLURM_KEYS).map((e) => [e.key, e]));
  const str = (key: string) => (fields.has(key) ? r.string(fields.get(key)!.value, `'slurm.${key}'`) : undefined);
  const int = (key: string) => (fields.has(key) ? r.integer(fields.get(key)!.value, `'slurm.${key}'`, 1) : undefined);
  return {
    ...optional('partition', str('partition')),
    ...optional('time', str('time')),
    ...optional('nodes', int('nodes')),
    ...optional('ntasks', int('ntasks')),
    ...optional('cpusPerTask', int('cpus_per_task')),
    ...optional('gpus', str('gpus')),
    ...optional('mem', str('mem')),
    ...optional('account', str('account')),
    extra: fields.has('extra') ? r.stringList(fields.get('extra')!.value, "'slurm.extra'").map((s) => s.value) : [],
  };
}

function duration(entry: Entry, r: YamlReader): number | undefined {
  const node = r.deref(entry.value);
  const raw = node && 'value' in node ? (node as { value: unknown }).value : undefined;
  const ms = typeof raw === 'number' || typeof raw === 'string' ? parseDuration(raw) : undefined;
  if (ms === undefined) {
    r.report('bad-duration', `'${entry.key}' must be a duration such as 90s, 10m, 2h or 1:30:00.`, rangeOf(node ?? entry.value));
  }
  return ms;
}

/** Spreads `{ key: value }` only when the value is present (keeps optional fields absent). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
