import { isAlias, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import { deleteLines, itemPrefix } from './block-edits.js';
import { findPair, isEmpty, jobMap, scalarName, type EditContext, type JobEntry } from './edit-context.js';
import type { TextEdit } from './edit-op.js';
import { insertJobPair, removeJobPair } from './field-edits.js';
import { appendFlowItem, removeFlowItems } from './flow-edits.js';
import { refuse } from './refusal.js';
import { indentOf, insertLines, lineAt, lineEndAfter, lineStart } from './text-lines.js';
import { blockScalarText, flowScalarText } from './yaml-fragments.js';

/** A job's `needs` as written: one of the four shapes the format allows. */
type NeedsView =
  | { readonly kind: 'empty'; readonly pair: Pair; readonly node: Node | null }
  | { readonly kind: 'scalar'; readonly pair: Pair; readonly node: Scalar; readonly inFlow: boolean }
  | { readonly kind: 'list'; readonly pair: Pair; readonly node: YAMLSeq; readonly items: readonly Scalar[]; readonly inFlow: boolean };

function readNeeds(job: JobEntry): NeedsView | undefined {
  const map = jobMap(job);
  const pair = findPair(map, 'needs');
  if (!pair) return undefined;
  const node = (pair.value ?? null) as Node | null;
  const aliased = isAlias(node) || (isSeq(node) && node.items.some((i) => isAlias(i)));
  if (aliased) refuse(`The needs of job '${job.name}' use an alias (*name); edit them in the text.`);
  if (isEmpty(node)) return { kind: 'empty', pair, node };
  if (isScalar(node) && !isBlockScalar(node)) return { kind: 'scalar', pair, node, inFlow: !!map!.flow };
  if (isSeq(node) && node.items.every((i) => isScalar(i) && !isBlockScalar(i))) {
    return { kind: 'list', pair, node, items: node.items as Scalar[], inFlow: !!map!.flow || !!node.flow };
  }
  return refuse(`The needs of job '${job.name}' are not a list of names; fix them in the text first.`);
}

const isBlockScalar = (node: unknown): boolean => isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');

const named = (view: NeedsView | undefined): Scalar[] =>
  view?.kind === 'scalar' ? [view.node] : view?.kind === 'list' ? [...view.items] : [];

/** Appends `need` in the shape already used; `needs: a` becomes `needs: [a, need]`. */
export function addNeedEdits(ctx: EditContext, job: JobEntry, need: string): TextEdit[] {
  const view = readNeeds(job);
  if (!view) return insertJobPair(ctx, job, 'needs', [need]);
  if (named(view).some((n) => scalarName(n) === need)) return [];
  const { text } = ctx;
  if (view.kind === 'empty') {
    const range = view.node?.range;
    if (range && range[1] > range[0]) return [{ offset: range[0], length: range[1] - range[0], text: `[${flowScalarText(need)}]` }];
    const at = range ? range[0] : text.indexOf(':', (view.pair.key as Node).range![1]) + 1;
    return [{ offset: at, length: 0, text: `${text[at - 1] === ':' ? ' ' : ''}[${flowScalarText(need)}]` }];
  }
  if (view.kind === 'scalar') {
    const [start, end] = view.node.range!;
    return [{ offset: start, length: end - start, text: `[${asFlowItem(text, view.node)}, ${flowScalarText(need)}]` }];
  }
  if (view.node.flow) return [appendFlowItem(text, view.node, flowScalarText(need))];
  const last = view.items[view.items.length - 1]!;
  const line = itemPrefix(text, last) + blockScalarText(need);
  return [insertLines(text, lineEndAfter(text, last.range![1]), [line], ctx.eol)];
}

/** The scalar's own text when it can stand inside `[...]` as it is, else a re-quoted copy. */
function asFlowItem(text: string, node: Scalar): string {
  const source = text.slice(node.range![0], node.range![1]);
  const plainOk = node.type === 'PLAIN' && !/[,[\]{}\n]/.test(source);
  const quotedOk = (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && !source.includes('\n');
  return plainOk || quotedOk ? source : flowScalarText(scalarName(node));
}

/** Removes every mention of `need`; a `needs` left empty is removed with its key. */
export function removeNeedEdits(ctx: EditContext, job: JobEntry, need: string): TextEdit[] {
  const view = readNeeds(job);
  const items = named(view);
  const drop = items.map((n) => scalarName(n) === need);
  if (!view || !drop.includes(true)) return [];
  if (drop.every(Boolean)) return removeJobPair(ctx, job, view.pair);
  if (view.kind !== 'list') return [];
  if (view.node.flow) return removeFlowItems(ctx.text, view.node, (i) => drop[i]!);
  return view.items.filter((_, i) => drop[i]).map((item) => {
    itemPrefix(ctx.text, item);
    const start = lineStart(ctx.text, item.range![0]);
    return deleteLines(ctx.text, { start, end: lineEndAfter(ctx.text, item.range![1]), column: indentOf(lineAt(ctx.text, start)) });
  });
}

/** Every `needs` mention of `from` rewritten as `to`, quoted as its place requires. */
export function renameNeedEdits(ctx: EditContext, from: string, to: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const job of ctx.jobs.values()) {
    const view = readNeeds(job);
    if (!view || view.kind === 'empty') continue;
    const rendered = view.inFlow ? flowScalarText(to) : blockScalarText(to);
    for (const node of named(view)) {
      if (scalarName(node) !== from) continue;
      edits.push({ offset: node.range![0], length: node.range![1] - node.range![0], text: rendered });
    }
  }
  return edits;
}
