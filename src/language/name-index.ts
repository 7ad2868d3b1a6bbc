import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { SourceRange } from '../core/model/source-range.js';
import { LOCAL_HOST, type Workflow } from '../core/model/workflow.js';
import { unquote } from './line-shape.js';
import { childValueRange, topLevelEntries } from './top-level.js';

/** One place a job or host name is written: its declaration (the key) or a use of it. */
export interface NameRef {
  readonly kind: 'job' | 'host';
  readonly name: string;
  /** The scalar as written, quotes included. */
  readonly range: SourceRange;
  /** The job's or host's own key, as opposed to a `needs` entry or a `host:` value. */
  readonly declaration: boolean;
  /** For a use: the job whose `needs` or `host` it is (absent for `defaults.host`). */
  readonly usedBy?: string;
}

/**
 * Every job and host name in a `.ccwf` file, from the model (which keeps the range of every
 * key, need and `host:` value) and, for `defaults.host`, which the model does not place, from
 * the lines of the `defaults` entry. No YAML document needed. Sorted by offset.
 */
export function ccwfNames(workflow: Workflow, text: string): NameRef[] {
  const out: NameRef[] = [];
  for (const host of workflow.hosts.values()) {
    if (host !== LOCAL_HOST) out.push({ kind: 'host', name: host.name, range: host.nameRange, declaration: true });
  }
  for (const job of workflow.jobs.values()) {
    out.push({ kind: 'job', name: job.name, range: job.nameRange, declaration: true });
    for (const need of job.needs) out.push({ kind: 'job', name: need.job, range: need.range, declaration: false, usedBy: job.name });
    const host = job.valueRanges.host;
    // Only a value that is the host's name as written (not, say, a list the parser refused).
    if (host && unquote(text.slice(host.start, host.end)) === job.host) out.push({ kind: 'host', name: job.host, range: host, declaration: false, usedBy: job.name });
  }
  const defaults = topLevelEntries(text).find((e) => e.name === 'defaults');
  const host = defaults && childValueRange(text, defaults, 'host');
  if (host) out.push({ kind: 'host', name: unquote(text.slice(host.start, host.end)), range: host, declaration: false });
  return out.sort((a, b) => a.range.start - b.range.start);
}

/**
 * cloudmesh-cc files: node keys, and dependency names as the parser saw them (its needs carry
 * the range of each name inside a "a,b,c" chain). The last name of a chain needs nothing, so
 * it is found again here by splitting the chain text, for plain names only.
 */
export function cloudmeshNames(workflow: Workflow, document: Document.Parsed | undefined): NameRef[] {
  const out: NameRef[] = [];
  const seen = new Set<string>();
  const add = (ref: NameRef) => {
    const id = `${ref.name}\0${ref.range.start}\0${ref.range.end}\0${ref.declaration}`;
    if (!seen.has(id)) out.push(ref), seen.add(id);
  };
  for (const job of workflow.jobs.values()) {
    add({ kind: 'job', name: job.name, range: job.nameRange, declaration: true });
    for (const need of job.needs) add({ kind: 'job', name: need.job, range: need.range, declaration: false, usedBy: job.name });
  }
  const root = document?.contents as Node | null | undefined;
  const body = isMap(root) ? field(root, 'workflow') : undefined;
  const dependencies = isMap(body) ? field(body, 'dependencies') : undefined;
  for (const scalar of scalarsUnder(dependencies ?? null)) {
    for (const part of chainParts(scalar)) if (workflow.jobs.has(part.name)) add({ kind: 'job', ...part, declaration: false });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function scalarsUnder(node: Node | null): Scalar[] {
  if (isScalar(node)) return [node];
  if (isSeq(node)) return node.items.flatMap((item) => scalarsUnder(item as Node));
  if (isMap(node)) return node.items.flatMap((pair) => scalarsUnder(pair.value as Node | null));
  return [];
}

/** `"a, b,c"` -> each name with its range; quoted scalars must not hold escapes to be split. */
function chainParts(scalar: Scalar): Array<{ name: string; range: SourceRange }> {
  if (typeof scalar.value !== 'string' || !scalar.range || scalar.type?.startsWith('BLOCK')) return [];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const source = scalar.source ?? scalar.value;
  // Only where the text is the value character for character (no escapes, no folded lines).
  if (scalar.range[1] - scalar.range[0] !== source.length + (quoted ? 2 : 0)) return [];
  const base = scalar.range[0] + (quoted ? 1 : 0);
  const parts: Array<{ name: string; range: SourceRange }> = [];
  let at = 0;
  for (const part of source.split(',')) {
    const name = part.trim();
    const lead = part.length - part.trimStart().length;
    if (name.length > 0) parts.push({ name, range: { start: base + at + lead, end: base + at + lead + name.length } });
    at += part.length + 1;
  }
  return parts;
}

/** A key as the parser names it: any scalar but null, as text. */
export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? scalarText(pair.key) : undefined;
}

/** A scalar value as the parser reads it: numbers and booleans as written. */
function scalarText(node: Scalar): string | undefined {
  if (node.value === null || node.value === undefined || typeof node.value === 'object') return undefined;
  return typeof node.value === 'string' ? node.value : String(node.source ?? node.value);
}

function field(map: YAMLMap, key: string): Node | null | undefined {
  const pair = map.items.find((p) => keyName(p) === key);
  return pair ? ((pair.value as Node | null) ?? null) : undefined;
}
