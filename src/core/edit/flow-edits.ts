import { isPair, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from './edit-op.js';
import { refuse } from './refusal.js';

type Flow = YAMLMap | YAMLSeq;

/** From an item's first character to its last: a scalar, or a `key: value` pair. */
function span(item: unknown): [number, number] {
  if (isPair(item)) {
    const key = (item.key as Node | null)?.range;
    const value = (item.value as Node | null)?.range;
    if (!key) refuse('A flow mapping entry has no key; edit it in the text.');
    return [key[0], Math.max(key[1], value?.[1] ?? 0)];
  }
  const range = (item as Node | null)?.range;
  if (!range) refuse('A list item could not be located; edit it in the text.');
  return [range[0], range[1]];
}

function closing(text: string, flow: Flow): number {
  const end = flow.range![1] - 1;
  if (text[end] !== ']' && text[end] !== '}') refuse('A [...] or {...} list is not closed where expected; edit it in the text.');
  return end;
}

/**
 * Removes the chosen items with one neighbouring comma each: a run of items before a kept one
 * goes with the commas after it (`a, b, c` -> `c`), a run at the end with the comma before it.
 * Removing everything leaves `[]` or `{}`.
 */
export function removeFlowItems(text: string, flow: Flow, drop: (index: number) => boolean): TextEdit[] {
  const spans = flow.items.map(span);
  const n = spans.length;
  if (n === 0) return [];
  if (spans.every((_, i) => drop(i))) {
    return [{ offset: spans[0]![0], length: closing(text, flow) - spans[0]![0], text: '' }];
  }
  const edits: TextEdit[] = [];
  for (let i = 0; i < n; i++) {
    if (!drop(i)) continue;
    let j = i;
    while (j + 1 < n && drop(j + 1)) j++;
    const from = j + 1 < n ? spans[i]![0] : spans[i - 1]![1];
    const to = j + 1 < n ? spans[j + 1]![0] : spans[j]![1];
    edits.push({ offset: from, length: to - from, text: '' });
    i = j;
  }
  return edits;
}

/** Adds an item after the last one (before any trailing comma), or inside an empty `[]`/`{}`. */
export function appendFlowItem(text: string, flow: Flow, item: string): TextEdit {
  const last = flow.items[flow.items.length - 1];
  if (last !== undefined) return { offset: span(last)[1], length: 0, text: `, ${item}` };
  const open = flow.range![0];
  if (text[open] !== '[' && text[open] !== '{') refuse('An empty list is not written as [] or {}; edit it in the text.');
  closing(text, flow);
  return { offset: open + 1, length: 0, text: item };
}
