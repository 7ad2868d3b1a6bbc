import type { Node } from 'yaml';
import { deleteLines, entryLines, withLeadingComments, withTrailingComments } from './block-edits.js';
import { indentUnit, keyColumn, requireJob, type EditContext } from './edit-context.js';
import type { TextEdit } from './edit-op.js';
import { clearValue } from './field-edits.js';
import { removeNeedEdits, renameNeedEdits } from './needs-edits.js';
import { refuse } from './refusal.js';
import { insertLines, isBlank, lineAt, lineEndAfter, lineStart } from './text-lines.js';
import { blockPairLines, keyText, shift } from './yaml-fragments.js';

export interface NewJob {
  readonly name: string;
  readonly run?: string;
  readonly needs: readonly string[];
  readonly host?: string;
}

/**
 * Appends the job after the last one, at the column the other jobs use, with a blank line
 * before it when the jobs are already separated by blank lines. A job with no fields is
 * written `name:` so the next field added goes on its own line.
 */
export function addJobEdits(ctx: EditContext, job: NewJob): TextEdit[] {
  keyText(job.name); // refuses names too long for a one-line key
  if (ctx.jobs.has(job.name)) refuse(`A job named '${job.name}' already exists.`);
  for (const need of job.needs) {
    if (need === job.name) refuse(`Job '${job.name}' cannot need itself.`);
    if (!ctx.jobs.has(need)) refuse(`Job '${job.name}' cannot need '${need}': there is no job with that name.`);
  }
  const body = new Map<string, unknown>();
  if (job.needs.length > 0) body.set('needs', job.needs);
  if (job.host !== undefined) body.set('host', job.host);
  if (job.run !== undefined) body.set('run', job.run);
  const unit = indentUnit(ctx);
  const lines = blockPairLines(job.name, body.size > 0 ? body : null, unit);
  const { text, eol } = ctx;

  const last = ctx.jobsMap?.items[ctx.jobsMap.items.length - 1];
  if (last) {
    const entry = withTrailingComments(text, entryLines(text, last.key as Node, (last.value ?? null) as Node | null));
    const top = withLeadingComments(text, entry).start;
    const spaced = ctx.jobs.size > 1 && top > 0 && isBlank(lineAt(text, lineStart(text, top - 1)));
    return [insertLines(text, entry.end, [...(spaced ? [''] : []), ...shift(lines, keyColumn(ctx, last.key))], eol)];
  }
  if (ctx.jobsPair) {
    // `jobs:` with nothing, `~` or `{}` after it: the job goes on the next line, one level in.
    const key = ctx.jobsPair.key as Node;
    const value = (ctx.jobsPair.value ?? null) as Node | null;
    const column = keyColumn(ctx, key) + unit;
    const edits: TextEdit[] = [];
    if (value?.range && value.range[1] > value.range[0]) edits.push(clearValue(text, key, value));
    edits.push(insertLines(text, lineEndAfter(text, value?.range?.[1] ?? key.range![1]), shift(lines, column), eol));
    return edits;
  }
  const rootColumn = ctx.root ? keyColumn(ctx, ctx.root.items[0]?.key) : 0;
  return [insertLines(text, text.length, [`${' '.repeat(rootColumn)}jobs:`, ...shift(lines, rootColumn + unit)], eol)];
}

/**
 * Removes the job's lines, with the comment lines directly above it at its own column (they
 * describe it, and would otherwise seem to describe its neighbour) and the comment lines
 * inside it below its last field; then every `needs` mention of it.
 */
export function deleteJobEdits(ctx: EditContext, name: string): TextEdit[] {
  const job = requireJob(ctx, name);
  const span = withLeadingComments(ctx.text, withTrailingComments(ctx.text, entryLines(ctx.text, job.key, job.value)));
  const edits = [deleteLines(ctx.text, span)];
  for (const other of ctx.jobs.values()) {
    if (other !== job) edits.push(...removeNeedEdits(ctx, other, name));
  }
  return edits;
}

export function renameJobEdits(ctx: EditContext, from: string, to: string): TextEdit[] {
  const job = requireJob(ctx, from);
  if (from === to) return [];
  if (ctx.jobs.has(to)) refuse(`A job named '${to}' already exists.`);
  const [start, end] = job.key.range!;
  return [{ offset: start, length: end - start, text: keyText(to) }, ...renameNeedEdits(ctx, from, to)];
}
