import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { TextEdit } from './edit-op.js';
import { refuse } from './refusal.js';
import { columnIfFirst, indentOf, isBlank, isComment, lineAt, lineEndAfter, lineStart, nextLineStart } from './text-lines.js';

/**
 * Where a node's own text ends. Not `range[1]` of block collections: the `yaml` package lets
 * that run on over the comments and indentation that precede the next key.
 */
export function contentEnd(node: Node | null | undefined, fallback: number): number {
  if (!node) return fallback;
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last: unknown = node.items[node.items.length - 1];
    if (isPair(last)) return contentEnd(last.value as Node | null, (last.key as Node | null)?.range?.[1] ?? fallback);
    return contentEnd(last as Node, fallback);
  }
  return node.range?.[1] ?? fallback;
}

export interface LineSpan {
  /** First line's start. */
  readonly start: number;
  /** Past the last line's break. */
  readonly end: number;
  /** Column of the key. */
  readonly column: number;
}

/** The whole lines a `key: value` entry of a block mapping occupies. */
export function entryLines(text: string, key: Node, value: Node | null): LineSpan {
  const keyStart = key.range?.[0];
  const column = keyStart === undefined ? undefined : columnIfFirst(text, keyStart);
  if (keyStart === undefined || column === undefined) refuse('A key shares its line with other text; edit it in the text.');
  return { start: lineStart(text, keyStart), end: lineEndAfter(text, contentEnd(value, key.range![1])), column };
}

/** Comment lines directly below, indented deeper than the key: notes inside the entry. */
export function withTrailingComments(text: string, span: LineSpan): LineSpan {
  let end = span.end;
  while (end < text.length) {
    const line = lineAt(text, end);
    if (!isComment(line) || indentOf(line) <= span.column) break;
    end = nextLineStart(text, end);
  }
  return { ...span, end };
}

/** Comment lines directly above (no blank line between) at the key's column: they describe it. */
export function withLeadingComments(text: string, span: LineSpan): LineSpan {
  let start = span.start;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = lineAt(text, previous);
    if (!isComment(line) || indentOf(line) !== span.column) break;
    start = previous;
  }
  return { ...span, start };
}

/**
 * Deletes whole lines, keeping blank-line separation tidy: a blank line left doubled, or left
 * dangling under the parent key when the first of several entries goes, goes too. A file that had no final
 * line break still has none.
 */
export function deleteLines(text: string, span: LineSpan): TextEdit {
  let { start, end } = span;
  const above = start > 0 ? lineStart(text, start - 1) : -1;
  const blankAbove = above >= 0 && isBlank(lineAt(text, above));
  const blankBelow = end < text.length && isBlank(lineAt(text, end));
  if (blankAbove && (blankBelow || end >= text.length)) start = above;
  else if (blankBelow && (above < 0 || indentOf(lineAt(text, above)) < span.column) && siblingFollows(text, end, span.column)) {
    end = nextLineStart(text, end);
  }
  if (end === text.length && !text.endsWith('\n') && start > 0) {
    start -= text[start - 2] === '\r' ? 2 : 1;
  }
  return { offset: start, length: end - start, text: '' };
}

/** Whether the first non-blank line from `at` on is at `column`: the blank lines before it separate siblings. */
function siblingFollows(text: string, at: number, column: number): boolean {
  for (; at < text.length; at = nextLineStart(text, at)) {
    const line = lineAt(text, at);
    if (!isBlank(line)) return indentOf(line) === column;
  }
  return false;
}

/** The `- ` (or `-   `) before a block sequence item, refusing items not on their own line. */
export function itemPrefix(text: string, item: Node): string {
  const at = item.range![0];
  const start = lineStart(text, at);
  if (columnIfFirst(text, at, /^ *-[ \t]+$/) === undefined) {
    refuse('A list item shares its line with other text; edit it in the text.');
  }
  return text.slice(start, at);
}
