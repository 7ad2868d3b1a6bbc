import { downstreamOf } from '../core/graph/dag.js';
import { blockScalarText, flowScalarText } from '../core/edit/yaml-fragments.js';
import { HOST_KINDS, LOCAL_HOST } from '../core/model/workflow.js';
import { dagOf, type Analysis } from './analysis.js';
import { fileItems } from './completion-files.js';
import { cursorContext, type CursorContext } from './cursor-context.js';
import { commandLine, HOST_KIND_DOCS } from './describe.js';
import { EXCLUSIVE, isBlockValue, keyDocumentation, keyTableAt, placeOf, valueKind } from './key-tables.js';
import type { CompletionItem, LanguageContext } from './types.js';

/** Keys whose values we can suggest: inserting them asks for completions again. */
const VALUE_KEYS = new Set(['host', 'kind', 'script', 'cwd', 'partition', 'needs']);

/**
 * Completions at `offset` of the text as it is now.
 *
 * This runs right after each keystroke, when the adapter's cached `analysis` is usually that of
 * the text *before* the keystroke. So it never parses `text`: the cursor's place (which keys
 * lead to it, which keys or list items are already there, what is typed) comes from a scan of
 * the lines around the cursor (`cursor-context.ts`), and only the *names* of jobs and hosts and
 * the dependency graph come from the last analysis, which may lag one edit behind. Nothing
 * offset-based is taken from the analysis. In a file of 5,000 jobs this takes about 10 ms when
 * it lists every job, 1–3 ms for keys (the unit tests hold it under 50 ms).
 */
export function completions(text: string, offset: number, analysis: Analysis, context: LanguageContext = {}): CompletionItem[] {
  if (analysis.format === 'cloudmesh') return [];
  const at = cursorContext(text, offset);
  if (!at) return [];
  const { spot, path } = at;
  const place = placeOf(path);
  const lead = text[at.range.start - 1] === ':' ? ' ' : ''; // `host:|` needs a space before the value
  if (spot.kind === 'key') return keyItems(at, spot.present, spot.hasColon, spot.inFlow);
  const key = spot.key;
  const listed = spot.kind === 'item' ? spot.listed : [];
  const name = (items: CompletionItem[]) => items.map((i) => withRange(i, at, lead, spot.inFlow, spot.quoted));
  if (place === 'job' && key === 'needs') return name(jobItems(analysis, path[1]!, listed));
  if (spot.kind === 'item') return [];
  if ((place === 'job' || place === 'defaults') && key === 'host') return name(hostItems(analysis, context));
  if (place === 'host' && key === 'kind') return name(kindItems());
  if (place === 'host' && key === 'partition') return name(partitionItems(context, path[1]!));
  if (place === 'slurm' && key === 'partition') return name(partitionItems(context, analysis.workflow.jobs.get(path[1]!)?.host ?? 'local'));
  if (place === 'job' && key === 'script') return fileItems(text, at, context, 'files');
  if ((place === 'job' || place === 'defaults') && key === 'cwd') return fileItems(text, at, context, 'folders');
  return [];
}

function keyItems(at: CursorContext, present: ReadonlySet<string>, hasColon: boolean, inFlow: boolean): CompletionItem[] {
  const table = keyTableAt(at.path);
  if (!table) return [];
  const items: CompletionItem[] = [];
  Object.entries(table).forEach(([key, spec], index) => {
    if (present.has(key) || (EXCLUSIVE[key] !== undefined && present.has(EXCLUSIVE[key]!))) return;
    const block = isBlockValue(spec) && !inFlow;
    const list = spec.type === 'string-list' || spec.type === 'string-or-list';
    const insertText = hasColon ? key : block ? `${key}:\n\t$0` : list ? `${key}: [$0]` : `${key}: `;
    items.push({
      label: key,
      kind: 'key',
      detail: valueKind(spec),
      documentation: keyDocumentation(spec),
      insertText,
      ...(insertText.includes('$') ? { snippet: true } : {}),
      range: at.range,
      sortText: String(index).padStart(3, '0'),
      ...(!hasColon && VALUE_KEYS.has(key) ? { retrigger: true } : {}),
    });
  });
  return items;
}

/**
 * Jobs `job` may need: not itself, not one already listed. Jobs that depend on it (so needing
 * them would close a cycle) come last, saying so. The rest: the jobs written just above it
 * first, nearest first, as a job most often needs the one before it.
 */
function jobItems(analysis: Analysis, job: string, listed: readonly string[]): CompletionItem[] {
  const jobs = analysis.workflow.jobs;
  const skip = new Set([job, ...listed]);
  const cycle = jobs.has(job) ? downstreamOf(dagOf(analysis), [job]) : new Set<string>();
  const names = [...jobs.keys()];
  const self = names.indexOf(job);
  const items: CompletionItem[] = [];
  names.forEach((name, index) => {
    if (skip.has(name)) return;
    const closes = cycle.has(name);
    const distance = self < 0 ? index : index < self ? self - index : names.length + index;
    const command = commandLine(jobs.get(name)!);
    items.push({
      label: name,
      kind: 'job',
      ...(closes ? { detail: `would make a cycle: '${name}' already depends on '${job}'` } : command ? { detail: command } : {}),
      sortText: `${closes ? 'z' : 'a'}${String(distance).padStart(7, '0')}`,
    });
  });
  return items;
}

function hostItems(analysis: Analysis, context: LanguageContext): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  for (const host of analysis.workflow.hosts.values()) {
    const declared = host !== LOCAL_HOST;
    const detail = declared ? `${host.kind}${host.ssh ? ` · ${host.ssh}` : ''}` : 'local · this machine';
    items.set(host.name, { label: host.name, kind: 'host', detail, documentation: HOST_KIND_DOCS[host.kind], sortText: declared ? 'a' : 'b' });
  }
  if (!items.has('local')) items.set('local', { label: 'local', kind: 'host', detail: 'local · this machine', sortText: 'b' });
  for (const host of context.extraHosts ?? []) {
    if (items.has(host.name)) continue;
    items.set(host.name, { label: host.name, kind: 'host', detail: `${host.kind ?? 'ssh'} · from ${host.source}`, sortText: 'c' });
  }
  return [...items.values()];
}

function kindItems(): CompletionItem[] {
  return HOST_KINDS.map((kind, index) => ({ label: kind, kind: 'host-kind', documentation: HOST_KIND_DOCS[kind], sortText: String(index) }));
}

function partitionItems(context: LanguageContext, host: string): CompletionItem[] {
  let partitions: readonly string[] = [];
  try {
    partitions = context.partitions?.(host) ?? [];
  } catch {
    return []; // the cluster could not be asked; the person types the name
  }
  return partitions.map((p) => ({ label: p, kind: 'partition', detail: `Slurm partition on ${host}` }));
}

/** A name completion placed at the cursor, quoted when YAML needs it there. */
function withRange(item: CompletionItem, at: CursorContext, lead: string, inFlow: boolean, quoted: boolean): CompletionItem {
  const text = quoted ? item.label : nameText(item.label, inFlow);
  return { ...item, range: at.range, ...(text !== item.label || lead ? { insertText: lead + text } : {}) };
}

const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

function nameText(name: string, inFlow: boolean): string {
  if (PLAIN.test(name)) return name;
  try {
    return inFlow ? flowScalarText(name) : blockScalarText(name);
  } catch {
    return JSON.stringify(name); // a name YAML cannot write plain on one line
  }
}
