import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { contentEnd, deleteLines, entryLines } from './block-edits.js';
import { editableJobMap, fieldColumn, findPair, indentUnit, jobMap, keyColumn, scalarName, type EditContext, type JobEntry } from './edit-context.js';
import type { TextEdit } from './edit-op.js';
import { appendFlowItem, removeFlowItems } from './flow-edits.js';
import { refuse } from './refusal.js';
import { indentOf, insertLines, isBlank, lineAt, lineEndAfter, nextLineStart } from './text-lines.js';
import { blockPairLines, blockValueParts, flowScalarText, flowSeqText, keyText, shift, type BlockStyle } from './yaml-fragments.js';

/** Adds `key: value` to a job: new lines after its last field, or `, key: value` inside `{...}`. */
export function insertJobPair(ctx: EditContext, job: JobEntry, key: string, value: string | readonly string[]): TextEdit[] {
  const map = editableJobMap(job);
  if (map?.flow) {
    const rendered = typeof value === 'string' ? flowScalarText(value) : flowSeqText(value);
    return [appendFlowItem(ctx.text, map, `${keyText(key)}: ${rendered}`)];
  }
  const lines = shift(blockPairLines(key, value, indentUnit(ctx)), fieldColumn(ctx, job));
  if (map) return [insertLines(ctx.text, lineEndAfter(ctx.text, contentEnd(map, 0)), lines, ctx.eol)];
  // `name:` alone or `name: ~`: the fields go on the lines below, and a `~` must go.
  const empty = job.value;
  const edits: TextEdit[] = [];
  if (empty?.range && empty.range[1] > empty.range[0]) edits.push(clearValue(ctx.text, job.key, empty));
  edits.push(insertLines(ctx.text, lineEndAfter(ctx.text, empty?.range?.[1] ?? job.key.range![1]), lines, ctx.eol));
  return edits;
}

/** Deletes from just after `key:` to the end of the value (`jobs: {}` -> `jobs:`), keeping a comment. */
export function clearValue(text: string, key: Node, value: Node): TextEdit {
  const colon = text.lastIndexOf(':', value.range![0]);
  if (colon < key.range![1]) refuse('Could not find the colon after a key; edit it in the text.');
  return { offset: colon + 1, length: value.range![1] - colon - 1, text: '' };
}

export function removeJobPair(ctx: EditContext, job: JobEntry, pair: Pair): TextEdit[] {
  const map = jobMap(job);
  if (map?.flow) return removeFlowItems(ctx.text, map, (i) => map.items[i] === pair);
  return [deleteLines(ctx.text, entryLines(ctx.text, pair.key as Node, (pair.value ?? null) as Node | null))];
}

/**
 * Sets one text field. Multi-line text becomes a block scalar; a value that already was one
 * stays one, so a cell edit does not restyle the file. The chomping indicator follows the new
 * value exactly (`|-` when it has no final line break), since the model must read back what
 * was set.
 */
export function setFieldEdits(ctx: EditContext, job: JobEntry, key: string, value: string | undefined): TextEdit[] {
  const map = editableJobMap(job);
  const pair = findPair(map, key);
  if (value === undefined) return pair ? removeJobPair(ctx, job, pair) : [];
  if (!pair) return insertJobPair(ctx, job, key, value);
  const old = (pair.value ?? null) as Node | null;
  if (isScalar(old) && old.value !== null && scalarName(old) === value) return [];
  if (map!.flow) return [replaceValue(ctx.text, pair, flowScalarText(value))];
  if ((isMap(old) || isSeq(old)) && !old.flow) refuse(`'${key}' of job '${job.name}' is not a single value; edit it in the text.`);
  const blockStyle = isScalar(old) && (old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED') ? keptStyle(old.type as BlockStyle, value) : undefined;
  if (!blockStyle && !value.includes('\n')) return [replaceValue(ctx.text, pair, blockValueParts(key, value, indentUnit(ctx)).head)];
  const column = keyColumn(ctx, pair.key);
  const oldIndent = blockStyle ? bodyIndent(ctx.text, old!) - column : 0;
  const { head, body } = blockValueParts(key, value, oldIndent > 0 ? oldIndent : indentUnit(ctx), blockStyle);
  const lines = shift(body, column);
  if (blockStyle) return replaceBlockScalar(ctx, old as Scalar, head, lines);
  return [replaceValue(ctx.text, pair, head), insertLines(ctx.text, lineEndAfter(ctx.text, valueEnd(ctx.text, pair)), lines, ctx.eol)];
}

/**
 * `>` folds lines, so text with line breaks of its own would come out with doubled blank
 * lines; it becomes `|`, which shows the lines as they are.
 */
function keptStyle(old: BlockStyle, value: string): BlockStyle {
  return old === 'BLOCK_FOLDED' && /\n[^]/.test(value) ? 'BLOCK_LITERAL' : old;
}

/** Replaces the value's own characters; an empty value (`key:`) gains a space before the text. */
function replaceValue(text: string, pair: Pair, rendered: string): TextEdit {
  const range = (pair.value as Node | null)?.range;
  const offset = range ? range[0] : text.indexOf(':', (pair.key as Node).range![1]) + 1;
  const length = range ? range[1] - range[0] : 0;
  const space = length === 0 && text[offset - 1] === ':' ? ' ' : '';
  return { offset, length, text: space + rendered };
}

function valueEnd(text: string, pair: Pair): number {
  return (pair.value as Node | null)?.range?.[1] ?? text.indexOf(':', (pair.key as Node).range![1]) + 1;
}

/** Indentation of a block scalar's first non-blank line (0 when it has none). */
function bodyIndent(text: string, scalar: Node): number {
  const [start, end] = scalar.range!;
  for (let at = nextLineStart(text, start); at < end; at = nextLineStart(text, at)) {
    const line = lineAt(text, at);
    if (!isBlank(line)) return indentOf(line);
  }
  return 0;
}

/** New header indicator in place of the old (a header comment stays), new lines in place of the old. */
function replaceBlockScalar(ctx: EditContext, old: Scalar, head: string, lines: string[]): TextEdit[] {
  const { text, eol } = ctx;
  const [start, end] = old.range!;
  const indicator = /^[|>][0-9+-]*/.exec(text.slice(start, start + 4))?.[0];
  if (!indicator) refuse('A block scalar header could not be read; edit it in the text.');
  const bodyStart = Math.min(nextLineStart(text, start), end);
  let body = lines.map((l) => l + eol).join('');
  if (lines.length > 0 && end === text.length && !text.endsWith('\n')) {
    // The file ends without a line break: keep it that way, and break after a bare header.
    const headerOnly = !text.slice(start, bodyStart).includes('\n');
    body = (headerOnly ? eol : '') + body.slice(0, -eol.length);
  }
  return [
    { offset: start, length: indicator.length, text: head },
    { offset: bodyStart, length: end - bodyStart, text: body },
  ];
}
