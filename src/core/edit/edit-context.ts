import { isAlias, isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Workflow } from '../model/workflow.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { refuse } from './refusal.js';
import { columnIfFirst, lineBreakOf } from './text-lines.js';

export interface JobEntry {
  readonly name: string;
  readonly key: Scalar;
  /** What follows `name:`; an empty value is a Scalar holding null. */
  readonly value: Node | null;
}

/** One parse of the text, with the nodes every op needs found once. */
export interface EditContext {
  readonly text: string;
  readonly eol: string;
  readonly workflow: Workflow;
  /** The top-level block mapping; null for a file with no content yet. */
  readonly root: YAMLMap | null;
  readonly jobsPair: Pair | undefined;
  /** The block mapping under `jobs:`; null when `jobs:` is absent, empty or `{}`. */
  readonly jobsMap: YAMLMap | null;
  readonly jobs: ReadonlyMap<string, JobEntry>;
}

/** Problems after which the AST cannot be trusted to describe the text. */
const UNREADABLE = new Set(['yaml-syntax', 'duplicate-key', 'file-too-large', 'alias-limit']);

export function openContext(text: string): EditContext {
  const parsed = parseWorkflow(text);
  if (parsed.workflow.format === 'cloudmesh') {
    refuse('This is a cloudmesh-cc workflow, which is read-only here: convert it to .ccwf first (ccwf convert FILE).');
  }
  const broken = parsed.diagnostics.find((d) => d.severity === 'error' && UNREADABLE.has(d.code));
  if (broken || !parsed.document) refuse(`Fix the file first: ${broken?.message ?? 'it could not be read.'}`);
  const contents = parsed.document.contents as Node | null;
  const root = isEmpty(contents) ? null : contents;
  if (root !== null && (!isMap(root) || root.flow)) refuse('Only workflows written as block `key: value` lines can be edited from the graph.');
  const jobsPair = root?.items.find((p) => isScalar(p.key) && p.key.value === 'jobs');
  const jobsValue = (jobsPair?.value ?? null) as Node | null;
  let jobsMap: YAMLMap | null = null;
  if (isMap(jobsValue) && jobsValue.flow && jobsValue.items.length > 0) {
    refuse("The jobs are written in flow style ({...}); rewrite 'jobs:' as one job per line to edit it from the graph.");
  } else if (isMap(jobsValue) && !jobsValue.flow) {
    jobsMap = jobsValue;
  } else if (!isEmpty(jobsValue) && !(isMap(jobsValue) && jobsValue.items.length === 0)) {
    refuse("'jobs' must be a mapping of job names to jobs.");
  }
  const jobs = new Map<string, JobEntry>();
  for (const pair of jobsMap?.items ?? []) {
    if (!isScalar(pair.key) || typeof pair.key.value === 'object') refuse('Every job must be named by a plain key.');
    const name = String(pair.key.value);
    jobs.set(name, { name, key: pair.key, value: (pair.value ?? null) as Node | null });
  }
  return { text, eol: lineBreakOf(text), workflow: parsed.workflow, root, jobsPair, jobsMap, jobs };
}

/** Nothing written, `~` or `null`. */
export function isEmpty(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

export function requireJob(ctx: EditContext, name: string): JobEntry {
  const job = ctx.jobs.get(name);
  if (!job) refuse(`There is no job named '${name}'.`);
  return job;
}

/**
 * The job's mapping (null when empty). Other shapes hold no fields the model would read, so
 * callers that only look for `needs` may skip them; aliases are refused because an edit
 * through one would change every job sharing the anchor.
 */
export function jobMap(job: JobEntry): YAMLMap | null {
  if (isAlias(job.value)) refuse(`Job '${job.name}' is written as an alias (*name); edit it in the text.`);
  return isMap(job.value) ? job.value : null;
}

/** Like `jobMap`, but for edits that add to the job, which must know where its fields go. */
export function editableJobMap(job: JobEntry): YAMLMap | null {
  const map = jobMap(job);
  if (!map && !isEmpty(job.value)) refuse(`Job '${job.name}' is not a mapping of keys; fix it in the text first.`);
  return map;
}

export function findPair(map: YAMLMap | null, key: string): Pair | undefined {
  return map?.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** Column of a block key, refusing keys that share their line with something else. */
export function keyColumn(ctx: EditContext, key: unknown): number {
  const range = (key as Node | null)?.range;
  const column = range ? columnIfFirst(ctx.text, range[0]) : undefined;
  if (column === undefined) refuse('A key is not at the start of its line (explicit `?` keys, anchors); edit it in the text.');
  return column;
}

/** Spaces per nesting level, as the file already uses them; 2 when nothing shows it. */
export function indentUnit(ctx: EditContext): number {
  for (const job of ctx.jobs.values()) {
    const first = isMap(job.value) && !job.value.flow ? job.value.items[0] : undefined;
    if (first) {
      const step = keyColumn(ctx, first.key) - keyColumn(ctx, job.key);
      if (step > 0) return step;
    }
  }
  const firstJob = ctx.jobsMap?.items[0];
  if (firstJob && ctx.jobsPair) {
    const step = keyColumn(ctx, firstJob.key) - keyColumn(ctx, ctx.jobsPair.key);
    if (step > 0) return step;
  }
  return 2;
}

/** Column where a job's fields start: that of its existing fields, else one level in. */
export function fieldColumn(ctx: EditContext, job: JobEntry): number {
  const first = isMap(job.value) && !job.value.flow ? job.value.items[0] : undefined;
  return first ? keyColumn(ctx, first.key) : keyColumn(ctx, job.key) + indentUnit(ctx);
}

/** The name a needs item stands for, read the way the parser reads it. */
export function scalarName(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : String(node.source ?? node.value);
}
