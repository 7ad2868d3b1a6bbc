import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { LOCAL_HOST, type Host, type HostKind, type Job, type Need, type Workflow } from '../model/workflow.js';
import { DEFAULT_COLORS } from '../model/status.js';
import type { SourceRange } from '../model/source-range.js';
import { optional } from './parse-ccwf.js';
import { type Entry, YamlReader, rangeOf } from './yaml-reader.js';

const KIND_TO_HOST: Record<string, HostKind> = { local: 'local', ssh: 'ssh', wsl: 'wsl', slurm: 'slurm' };

/**
 * cloudmesh-cc's format, loaded as it is written:
 *   workflow: { nodes: { NAME: { name, label, kind, host, user, exec, script, ... } }, dependencies: [...] }
 *   colors: { status: { ready: white, ... } }
 * A node runs its `script` (relative to the file), else its `exec` command, else `NAME.sh`
 * (or NAME itself when it ends in .sh/.py/.ipynb), which is how cloudmesh-cc finds scripts.
 * Its runtime fields (status, progress, pid, created, ...) and drawing fields are ignored.
 */
export function readCloudmesh(root: Node | null, r: YamlReader): Workflow {
  const top = new Map((r.entries(root, 'the workflow') ?? []).map((e) => [e.key, e]));
  const body = new Map((r.entries(top.get('workflow')!.value, "'workflow'") ?? []).map((e) => [e.key, e]));
  const hosts = new Map<string, Host>([['local', LOCAL_HOST]]);
  const jobs = new Map<string, Job & { needs: Need[] }>();
  const nodesEntry = body.get('nodes');
  if (!nodesEntry) r.report('missing-key', "A cloudmesh-cc workflow needs 'nodes' under 'workflow'.", top.get('workflow')!.keyRange);
  for (const entry of r.entries(nodesEntry?.value ?? null, "'nodes'") ?? []) {
    const job = readNode(entry, r, hosts);
    jobs.set(job.name, job);
  }
  for (const [from, to] of readDependencies(body.get('dependencies'), r)) {
    const job = jobs.get(to.job);
    // A needed name that is not a node is reported by the validator, with a suggestion.
    if (job && !job.needs.some((n) => n.job === from.job)) job.needs.push(from);
    else if (!job) r.report('unknown-job', `'${to.job}' is not a node of this workflow.`, to.range);
  }
  return { format: 'cloudmesh', env: {}, hosts, jobs, colors: readColors(top.get('colors'), r) };
}

function readNode(entry: Entry, r: YamlReader, hosts: Map<string, Host>): Job & { needs: Need[] } {
  const fields = new Map((r.entries(entry.value, `node '${entry.key}'`) ?? []).map((e) => [e.key, e]));
  const str = (key: string) => {
    const value = r.deref(fields.get(key)?.value ?? null);
    return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? String(value.value) : undefined;
  };
  const name = str('name') ?? entry.key;
  const valueRanges: Record<string, SourceRange> = {};
  for (const [key, e] of fields) valueRanges[key] = rangeOf(r.deref(e.value) ?? e.value);
  const kind = str('kind') ?? 'local';
  const hostKind = KIND_TO_HOST[kind];
  if (!hostKind) {
    r.warn('bad-host-kind', `Kind '${kind}' is not supported; the job runs locally, as cloudmesh-cc does.`, valueRanges.kind ?? entry.keyRange);
  }
  const host = hostKind && hostKind !== 'local' ? declareHost(hosts, hostKind, str('host') ?? 'localhost', str('user'), fields.get('host') ?? entry) : 'local';
  if (hostKind && hostKind !== 'local') valueRanges.host = valueRanges.host ?? valueRanges.kind ?? entry.keyRange;
  else delete valueRanges.host;
  const script = str('script') ?? (str('exec') === undefined ? scriptFromName(name) : undefined);
  const label = str('label_format') ?? str('label');
  return {
    name,
    ...optional('script', script),
    ...optional('run', script === undefined ? str('exec') : undefined),
    args: [],
    env: {},
    host,
    needs: [],
    retries: 0,
    retryDelayMs: 1000,
    ...optional('label', label),
    range: entry.range,
    nameRange: entry.keyRange,
    valueRanges,
  };
}

/** cloudmesh-cc runs `<name>.sh`, or the node name itself when it carries an extension. */
function scriptFromName(name: string): string {
  return /\.(sh|py|ipynb)$/i.test(name) ? name : `${name}.sh`;
}

function declareHost(hosts: Map<string, Host>, kind: HostKind, hostName: string, user: string | undefined, at: Entry): string {
  let name = kind === 'wsl' ? 'wsl' : hostName;
  const existing = hosts.get(name);
  if (existing && existing.kind !== kind) name = `${hostName}-${kind}`;
  if (!hosts.has(name)) {
    hosts.set(name, {
      name,
      kind,
      ...(kind === 'wsl' ? {} : { ssh: user ? `${user}@${hostName}` : hostName }),
      ...optional('user', user),
      range: at.range,
      nameRange: at.keyRange,
    });
  }
  return name;
}

interface Ref {
  readonly job: string;
  readonly range: SourceRange;
}

/** Edges [from, to] from the three shapes cloudmesh-cc writes: "a,b,c" chains, [a, b, c] lists, and {edge: {source, destination}}. */
function readDependencies(entry: Entry | undefined, r: YamlReader): Array<[Ref, Ref]> {
  const node = r.deref(entry?.value ?? null);
  const edges: Array<[Ref, Ref]> = [];
  const chain = (refs: Ref[]) => refs.slice(1).forEach((to, i) => edges.push([refs[i]!, to]));
  if (node === null || (isScalar(node) && node.value === null)) return edges;
  if (isSeq(node)) {
    for (const item of node.items) {
      const value = r.deref(item as Node);
      if (isSeq(value)) chain(value.items.map((x) => ref(r.deref(x as Node), r)).filter((x): x is Ref => x !== undefined));
      else if (isScalar(value) && typeof value.value === 'string') chain(splitChain(value.value, rangeOf(value), value.type));
      else r.report('wrong-type', 'A dependency is a chain written "a,b,c" or a list [a, b, c].', rangeOf(value));
    }
  } else if (isMap(node)) {
    for (const e of r.entries(node, "'dependencies'") ?? []) {
      const fields = new Map((r.entries(e.value, `dependency '${e.key}'`) ?? []).map((f) => [f.key, f]));
      const source = ref(r.deref(fields.get('source')?.value ?? null), r);
      const destination = ref(r.deref(fields.get('destination')?.value ?? null), r);
      if (source && destination) edges.push([source, destination]);
      else r.report('missing-key', `Dependency '${e.key}' needs a 'source' and a 'destination'.`, e.keyRange);
    }
  } else {
    r.report('wrong-type', "'dependencies' must be a list of chains such as \"a,b,c\".", rangeOf(node));
  }
  return edges;
}

function ref(node: Node | null, r: YamlReader): Ref | undefined {
  if (isScalar(node) && node.value !== null && typeof node.value !== 'object') return { job: String(node.value), range: rangeOf(node) };
  if (node) r.report('wrong-type', 'A job name must be plain text.', rangeOf(node));
  return undefined;
}

/** "a, b,job[1-3]" -> a, b, job1, job2, job3, each with the range of its text inside the scalar. */
function splitChain(text: string, range: SourceRange, type: string | undefined): Ref[] {
  const base = range.start + (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? 1 : 0);
  const refs: Ref[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const part of text.split(/,(?![^[]*\])/)) {
    const lead = part.length - part.trimStart().length;
    const name = part.trim();
    const partRange = { start: base + at + lead, end: base + at + lead + name.length };
    at += part.length + 1;
    for (const expanded of expandRange(name)) {
      if (expanded.length === 0 || seen.has(expanded)) continue; // as cloudmesh-cc: duplicates dropped
      seen.add(expanded);
      refs.push({ job: expanded, range: partRange });
    }
  }
  return refs;
}

/** `job[1-3]` -> job1, job2, job3; `run[01-02]` keeps zero padding. */
function expandRange(name: string): string[] {
  const m = /^(.*)\[(\d+)-(\d+)\](.*)$/.exec(name);
  if (!m) return [name];
  const [, prefix, from, to, suffix] = m as unknown as [string, string, string, string, string];
  const [a, b] = [Number(from), Number(to)];
  if (b < a || b - a > 10_000) return [name];
  return Array.from({ length: b - a + 1 }, (_, i) => `${prefix}${String(a + i).padStart(from.length, '0')}${suffix}`);
}

function readColors(entry: Entry | undefined, r: YamlReader): Record<string, string> {
  const colors: Record<string, string> = { ...DEFAULT_COLORS };
  const status = (r.entries(entry?.value ?? null, "'colors'") ?? []).find((e) => e.key === 'status');
  if (status) Object.assign(colors, r.stringMap(status.value, "'colors.status'"));
  return colors;
}
