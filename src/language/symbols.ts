import type { SourceRange } from '../core/model/source-range.js';
import { LOCAL_HOST, type Host, type Job } from '../core/model/workflow.js';
import type { Analysis } from './analysis.js';
import { commandLine } from './describe.js';
import { unquote } from './line-shape.js';
import type { SelectionChain, SymbolNode } from './types.js';
import { topLevelEntries, type TopEntry } from './top-level.js';
import { pathAt, rangeOfNode, trimEnd } from './yaml-path.js';

export { foldingRanges } from './folding.js';

/**
 * The outline: `hosts` and `jobs` with one symbol per host (detail: its kind) and per job
 * (detail: its command and host), and the other top-level keys; in a cloudmesh-cc file, the
 * nodes under `workflow` are the jobs. Built from the model and the top-level lines, so it costs
 * no YAML document even in a large file.
 */
export function documentSymbols(analysis: Analysis): SymbolNode[] {
  const { text, workflow } = analysis;
  const jobs = [...workflow.jobs.values()].sort((a, b) => a.nameRange.start - b.nameRange.start);
  return topLevelEntries(text).map((entry) => {
    const base = { name: entry.name, range: entry.range, selectionRange: entry.keyRange };
    const inside = (range: SourceRange) => range.start > entry.keyRange.end && range.start <= entry.range.end;
    if (analysis.format === 'ccwf' && entry.name === 'hosts') {
      const hosts = [...workflow.hosts.values()].filter((h) => h !== LOCAL_HOST && inside(h.nameRange));
      return group(base, 'hosts', hosts.sort((a, b) => a.nameRange.start - b.nameRange.start).map((h) => hostSymbol(text, h)));
    }
    if (analysis.format === 'ccwf' && entry.name === 'jobs') return group(base, 'jobs', jobs.filter((j) => inside(j.nameRange)).map((j) => jobSymbol(text, j)));
    if (analysis.format === 'cloudmesh' && entry.name === 'workflow') {
      const nodes = jobs.filter((j) => inside(j.nameRange));
      const key = nodes.length > 0 ? nodesKey(text, entry, nodes[0]!.nameRange.start) : undefined;
      if (!key) return { ...base, kind: 'key', children: [] };
      const range = { start: key.start, end: trimEnd(text, nodes[nodes.length - 1]!.range).end };
      return { ...base, kind: 'key', children: [group({ name: 'nodes', range, selectionRange: key }, 'jobs', nodes.map((j) => jobSymbol(text, j)))] };
    }
    const value = inlineValue(text, entry);
    return { ...base, kind: 'key', ...(value ? { detail: value } : {}), children: [] };
  });
}

type Base = Pick<SymbolNode, 'name' | 'range' | 'selectionRange'>;

function group(base: Base, kind: 'hosts' | 'jobs', children: SymbolNode[]): SymbolNode {
  const noun = kind === 'hosts' ? 'host' : 'job';
  return { ...base, kind, detail: `${children.length} ${noun}${children.length === 1 ? '' : 's'}`, children };
}

function hostSymbol(text: string, host: Host): SymbolNode {
  const detail = host.ssh ? `${host.kind} · ${host.ssh}` : host.kind;
  return { name: host.name, kind: 'host', detail, range: trimEnd(text, host.range), selectionRange: host.nameRange, children: [] };
}

function jobSymbol(text: string, job: Job): SymbolNode {
  const detail = [commandLine(job), job.host !== 'local' ? `on ${job.host}` : undefined].filter(Boolean).join(' · ');
  return { name: job.name, kind: 'job', ...(detail ? { detail } : {}), range: trimEnd(text, job.range), selectionRange: job.nameRange, children: [] };
}

/** The `nodes:` key of a cloudmesh-cc `workflow`, the last one written before its first node. */
function nodesKey(text: string, entry: TopEntry, firstNode: number): SourceRange | undefined {
  const between = text.slice(entry.keyRange.end, firstNode);
  let found: SourceRange | undefined;
  for (const m of between.matchAll(/\n[ ]+(nodes|"nodes"|'nodes')[ ]*:/g)) {
    const start = entry.keyRange.end + m.index + m[0].indexOf(m[1]!);
    found = { start, end: start + m[1]!.length };
  }
  return found;
}

/** A top-level key's value when it is written on the key's line: `name: demo` -> `demo`. */
function inlineValue(text: string, entry: TopEntry): string | undefined {
  const lineEnd = text.indexOf('\n', entry.valueStart);
  const value = text.slice(entry.valueStart, lineEnd < 0 ? text.length : lineEnd).replace(/\s+#.*$/, '').trim();
  return value && !/^[|>[{&*!]/.test(value) ? unquote(value) : undefined;
}

/**
 * For expand-selection: the word, the scalar, its `key: value` pair, the enclosing mapping, its
 * pair, ... the document. A person asked for it, so the YAML document is worth building here.
 */
export function selectionRanges(analysis: Analysis, offsets: readonly number[]): SelectionChain[] {
  const { text } = analysis;
  return offsets.map((offset) => {
    const chain: SourceRange[] = [];
    const add = (range: SourceRange | undefined, trim = true) => {
      if (!range) return;
      const r = trim ? trimEnd(text, range) : range;
      const last = chain[chain.length - 1];
      if (r.start > offset || r.end < offset) return;
      if (!last || (r.start <= last.start && r.end >= last.end && (r.start < last.start || r.end > last.end))) chain.push(r);
    };
    add(wordAt(text, offset));
    const steps = pathAt(analysis.document, offset);
    for (let i = steps.length - 1; i >= 0; i--) {
      add(rangeOfNode(steps[i]!.node));
      add(steps[i]!.pairRange);
    }
    add({ start: 0, end: text.length }, false);
    return chain;
  });
}

function wordAt(text: string, offset: number): SourceRange | undefined {
  const word = /[\w.\-/]/;
  let start = offset;
  let end = offset;
  while (start > 0 && word.test(text[start - 1]!)) start--;
  while (end < text.length && word.test(text[end]!)) end++;
  return end > start ? { start, end } : undefined;
}
